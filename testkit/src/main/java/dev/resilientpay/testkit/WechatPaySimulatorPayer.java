package dev.resilientpay.testkit;

import java.util.Objects;

/**
 * What the simulated payer does with an order: for payment-code orders it is chosen by the auth
 * code ({@link WechatPaySimulator#payerWithAuthCode}), for prepay orders by the out_trade_no
 * ({@link WechatPaySimulator#payer}).
 */
public sealed interface WechatPaySimulatorPayer {

    /** Pays as soon as the order exists: codepay answers 200 {@code SUCCESS}. */
    record PaysAtOnce() implements WechatPaySimulatorPayer {}

    /**
     * Pays after the order was queried {@code queries} times: those queries answer {@code NOTPAY}
     * (prepay) or {@code USERPAYING} (codepay, which first answers 202 {@code USERPAYING}); query
     * {@code queries + 1} answers {@code SUCCESS}.
     *
     * @param queries how many queries answer "still paying" first
     */
    record PaysAfterQueries(int queries) implements WechatPaySimulatorPayer {
        /**
         * Validates the count.
         *
         * @param queries how many queries answer "still paying" first
         */
        public PaysAfterQueries {
            if (queries < 0) {
                throw new IllegalArgumentException("queries must be >= 0, was " + queries);
            }
        }
    }

    /** Never confirms: the order stays {@code NOTPAY} / {@code USERPAYING} until closed or reversed. */
    record NeverConfirms() implements WechatPaySimulatorPayer {}

    /**
     * The payment fails: codepay answers {@code status} with {@code code}; the order becomes
     * {@code PAYERROR}.
     *
     * @param code the code
     * @param message the provider's message, or {@code null}
     * @param status the HTTP status to answer, 400 to 599
     */
    record Fails(int status, String code, String message) implements WechatPaySimulatorPayer {
        /**
         * Validates the components.
         *
         * @param code the code
         * @param message the provider's message, or {@code null}
         * @param status the HTTP status to answer, 400 to 599
         */
        public Fails {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status must be an HTTP error status, was " + status);
            }
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@return {@link PaysAtOnce}} */
    static WechatPaySimulatorPayer paysAtOnce() {
        return new PaysAtOnce();
    }

    /**
     * {@link PaysAfterQueries}.
     *
     * @param queries how many queries answer "still paying" first
     * @return {@link PaysAfterQueries}
     */
    static WechatPaySimulatorPayer paysAfterQueries(int queries) {
        return new PaysAfterQueries(queries);
    }

    /** {@return {@link NeverConfirms}} */
    static WechatPaySimulatorPayer neverConfirms() {
        return new NeverConfirms();
    }

    /** {@return {@code 403 NOT_ENOUGH}: the payer's balance is insufficient} */
    static WechatPaySimulatorPayer notEnough() {
        return new Fails(403, "NOT_ENOUGH", "用户账户余额不足");
    }

    /** {@return {@code 400 ORDER_CLOSED}} */
    static WechatPaySimulatorPayer orderClosed() {
        return new Fails(400, "ORDER_CLOSED", "订单已关闭");
    }

    /**
     * Any other failure, e.g. {@code failsWith(500, "BANK_ERROR", "银行系统异常")}.
     *
     * @param code the code
     * @param message the provider's message, or {@code null}
     * @param status the HTTP status to answer, 400 to 599
     * @return any other failure, e.g. {@code failsWith(500, "BANK_ERROR", "银行系统异常")}
     */
    static WechatPaySimulatorPayer failsWith(int status, String code, String message) {
        return new Fails(status, code, message);
    }
}
