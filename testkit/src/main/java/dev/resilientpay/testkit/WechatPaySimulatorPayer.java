package dev.resilientpay.testkit;

import java.util.Objects;

/**
 * What the simulated payer does with an order: chosen by the order
 * ({@link WechatPaySimulator#scriptOrder}), else for payment-code orders by the payment code
 * ({@link WechatPaySimulator#scriptPaymentCode}, {@link WechatPaySimulator#newPaymentCode}), else the
 * {@link WechatPaySimulator#defaultPayer default payer}.
 *
 * <pre>{@code
 * String code = wechat.newPaymentCode(WechatPaySimulatorPayer.confirmsAfter(2));   // third query finds it paid
 * wechat.scriptPaymentCode("134567890123456789", WechatPaySimulatorPayer.insufficientFunds());
 * wechat.scriptOrder("order-7", WechatPaySimulatorPayer.neverConfirms());
 * }</pre>
 *
 * <p>The factories {@link #paysAtOnce()}, {@link #confirmsAfter(int)}, {@link #neverConfirms()},
 * {@link #insufficientFunds()}, {@link #invalidPaymentCode()} and {@code fails(…)} mean the same on
 * {@link AlipaySimulatorPayer} (see {@code docs/testkit.md}).
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

    /** {@return {@link PaysAtOnce}: codepay answers 200 {@code SUCCESS}, a prepay order is paid at once} */
    static WechatPaySimulatorPayer paysAtOnce() {
        return new PaysAtOnce();
    }

    /**
     * The payer confirms while the merchant polls: codepay answers 202 {@code USERPAYING} (a prepay
     * order stays {@code NOTPAY}), the first {@code queries} queries find the order still waiting, and
     * query {@code queries + 1} finds it {@code SUCCESS}. The same count means the same on
     * {@link AlipaySimulatorPayer#confirmsAfter(int)}.
     *
     * @param queries how many queries find the payer still confirming, 0 or more
     * @return {@link PaysAfterQueries} of {@code queries}
     */
    static WechatPaySimulatorPayer confirmsAfter(int queries) {
        return new PaysAfterQueries(queries);
    }

    /** {@return {@link NeverConfirms}: the order stays {@code NOTPAY} / {@code USERPAYING} until closed or reversed} */
    static WechatPaySimulatorPayer neverConfirms() {
        return new NeverConfirms();
    }

    /** {@return {@code 403 NOT_ENOUGH}: the payer's balance is insufficient} */
    static WechatPaySimulatorPayer insufficientFunds() {
        return new Fails(403, "NOT_ENOUGH", "用户账户余额不足");
    }

    /** {@return {@code 400 AUTH_CODE_INVALID}: the payment code is not valid (expired, already used)} */
    static WechatPaySimulatorPayer invalidPaymentCode() {
        return new Fails(400, "AUTH_CODE_INVALID", "付款码无效，请重新扫码");
    }

    /** {@return {@code 400 ORDER_CLOSED}} */
    static WechatPaySimulatorPayer orderClosed() {
        return new Fails(400, "ORDER_CLOSED", "订单已关闭");
    }

    /**
     * Any other failure, e.g. {@code fails(500, "BANK_ERROR", "银行系统异常")}.
     *
     * @param status the HTTP status to answer, 400 to 599
     * @param code the code
     * @param message the provider's message
     * @return {@link Fails}
     */
    static WechatPaySimulatorPayer fails(int status, String code, String message) {
        return new Fails(status, code, message);
    }

}
