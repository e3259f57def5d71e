package dev.resilientpay.testkit;

/**
 * One request the simulator received, in arrival order, whatever happened to it.
 *
 * @param sequence        1 for the first request
 * @param operation       {@code native}, {@code jsapi}, {@code app}, {@code h5}, {@code codepay}, {@code reverse},
 *                        {@code query}, {@code close}, {@code refund}, {@code refund-query}, {@code certificates}
 *                        or {@code unknown}
 * @param method          HTTP method
 * @param url             path and query exactly as received
 * @param outTradeNo      the order it concerns, or {@code null} when none could be told
 * @param outRefundNo     the refund it concerns, or {@code null}
 * @param signatureValid  whether its {@code Authorization} header verified
 * @param fault           the injected fault's name ({@code ResponseLost}, …) or {@code null}
 * @param status          the HTTP status answered, or 0 when the connection was reset instead
 */
public record WechatPaySimulatorRequest(long sequence, String operation, String method, String url,
                                        String outTradeNo, String outRefundNo, boolean signatureValid,
                                        String fault, int status) {

    /** {@return the order the request concerns ({@code out_trade_no}), if one could be told} */
    public java.util.Optional<String> orderId() {
        return java.util.Optional.ofNullable(outTradeNo);
    }

    /** {@return the refund the request concerns ({@code out_refund_no}), if one could be told} */
    public java.util.Optional<String> refundId() {
        return java.util.Optional.ofNullable(outRefundNo);
    }

    /** {@return the simple name of the injected fault ({@code ResponseLost}, …), if one was injected} */
    public java.util.Optional<String> faultName() {
        return java.util.Optional.ofNullable(fault);
    }
}
