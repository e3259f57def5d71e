package dev.resilientpay.testkit;

import java.util.Objects;

/**
 * What the simulated gateway answers when an order that is already paid is sent again with the same
 * out_trade_no and parameters (a re-sent codepay or prepay). WeChat Pay does not document the v3
 * answer, so tests choose: a replay of the original answer, or an error such as {@code ORDERPAID}.
 */
public sealed interface WechatPaySimulatorAlreadyPaid {

    /** Answers as the first time: codepay 200 with the paid transaction, prepay the same code_url/prepay_id. */
    record Replay() implements WechatPaySimulatorAlreadyPaid {}

    /**
     * Answers an error.
     *
     * @param code the code
     * @param message the provider's message, or {@code null}
     * @param status the HTTP status to answer, 400 to 599
     */
    record Error(int status, String code, String message) implements WechatPaySimulatorAlreadyPaid {
        /**
         * Validates the components.
         *
         * @param code the code
         * @param message the provider's message, or {@code null}
         * @param status the HTTP status to answer, 400 to 599
         */
        public Error {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status must be an HTTP error status, was " + status);
            }
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@return {@link Replay} (the default)} */
    static WechatPaySimulatorAlreadyPaid replay() {
        return new Replay();
    }

    /** {@return {@code 400 ORDERPAID 该订单已支付}} */
    static WechatPaySimulatorAlreadyPaid orderPaid() {
        return new Error(400, "ORDERPAID", "该订单已支付");
    }

    /**
     * Any other error, e.g. {@code error(403, "ORDER_PAID", "订单已支付")}.
     *
     * @param code the code
     * @param message the provider's message, or {@code null}
     * @param status the HTTP status to answer, 400 to 599
     * @return any other error, e.g. {@code error(403, "ORDER_PAID", "订单已支付")}
     */
    static WechatPaySimulatorAlreadyPaid error(int status, String code, String message) {
        return new Error(status, code, message);
    }
}
