package dev.resilientpay.testkit;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP request that reached the simulator, whatever became of it. Tests compare these with what
 * the client decided to send: a request here that the client did not decide to send is a hidden
 * transport-level re-send.
 *
 * @param sequence     1 for the first request the simulator received, then 2, 3...
 * @param method       the Alipay method ({@code method} parameter), or the empty string
 * @param outTradeNo   the order the request concerns ({@code out_trade_no}, or the trade of {@code trade_no}), or empty
 * @param outRequestNo the refund key ({@code out_request_no}), or empty
 * @param parameters   every parameter as decoded (query and body together)
 * @param fault        the fault injected into this request, if any
 * @param processed    whether the request reached the trade logic (so may have changed a trade)
 * @param code         the {@code code} the gateway decided to answer (empty when a fault answered instead,
 *                     even if that answer was then lost)
 * @param subCode      the {@code sub_code} the gateway decided to answer, or empty
 */
public record AlipaySimulatorRequest(long sequence, String method, String outTradeNo, String outRequestNo,
                                     Map<String, String> parameters, Optional<Fault> fault, boolean processed,
                                     String code, String subCode) {

    /**
     * Copies the parameters.
     *
     * @param code the {@code code} the gateway decided to answer, or empty
     * @param fault the fault injected into this request, if any
     * @param method the Alipay method ({@code method} parameter), or the empty string
     * @param outRequestNo the refund key ({@code out_request_no}), or empty
     * @param outTradeNo the order the request concerns ({@code out_trade_no}, or the trade of {@code trade_no}), or empty
     * @param parameters every parameter as decoded (query and body together)
     * @param processed whether the request reached the trade logic (so may have changed a trade)
     * @param sequence 1 for the first request the simulator received, then 2, 3...
     * @param subCode the {@code sub_code} the gateway decided to answer, or empty
     */
    public AlipaySimulatorRequest {
        Objects.requireNonNull(fault, "fault");
        parameters = Map.copyOf(parameters);
    }

    /** {@return the operation: the Alipay method, as {@link WechatPaySimulatorRequest#operation()} names WeChat's} */
    public String operation() {
        return method;
    }

    /** {@return the order the request concerns ({@code out_trade_no}), if it names one} */
    public Optional<String> orderId() {
        return outTradeNo == null || outTradeNo.isEmpty() ? Optional.empty() : Optional.of(outTradeNo);
    }

    /** {@return the refund the request concerns ({@code out_request_no}), if it names one} */
    public Optional<String> refundId() {
        return outRequestNo == null || outRequestNo.isEmpty() ? Optional.empty() : Optional.of(outRequestNo);
    }

    /** {@return the simple name of the injected fault ({@code ResponseLost}, …), if one was injected} */
    public Optional<String> faultName() {
        return fault.map(f -> f.getClass().getSimpleName());
    }
}
