package dev.resilientpay.testkit;

import java.util.Objects;

/**
 * How the simulated payer behaves for one payment code (barcode pay) or one order (QR / in-app).
 *
 * <pre>{@code
 * String code = alipay.newPaymentCode(AlipaySimulatorPayer.confirmsAfter(2));   // third query finds it paid
 * alipay.scriptPaymentCode("281234567890123456", AlipaySimulatorPayer.insufficientFunds());
 * alipay.scriptOrder("order-7", AlipaySimulatorPayer.neverConfirms());
 * }</pre>
 *
 * <p>The factories {@link #paysAtOnce()}, {@link #confirmsAfter(int)}, {@link #neverConfirms()},
 * {@link #insufficientFunds()}, {@link #invalidPaymentCode()} and {@code fails(…)} mean the same on
 * {@link WechatPaySimulatorPayer} (see {@code docs/testkit.md}).
 */
public sealed interface AlipaySimulatorPayer {

    /** The payer pays as soon as the trade exists: {@code alipay.trade.pay} answers {@code 10000}. */
    record PaysAtOnce() implements AlipaySimulatorPayer {
    }

    /**
     * The payer confirms on the phone while the merchant polls: {@code alipay.trade.pay} answers
     * {@code 10003} with the trade in {@code WAIT_BUYER_PAY}; the {@code queries}-th
     * {@code alipay.trade.query} of the trade finds it {@code TRADE_SUCCESS} (earlier ones find it
     * waiting). A cancel or close before that leaves the payer unable to pay.
     *
     * @param queries at least 1
     */
    record PaysAfterQueries(int queries) implements AlipaySimulatorPayer {
        /**
         * Validates the count.
         *
         * @param queries at least 1
         */
        public PaysAfterQueries {
            if (queries < 1) {
                throw new IllegalArgumentException("queries must be at least 1, was " + queries);
            }
        }
    }

    /** The payer never confirms: the trade waits ({@code 10003}, {@code WAIT_BUYER_PAY}) until closed or cancelled. */
    record NeverPays() implements AlipaySimulatorPayer {
    }

    /**
     * The payment fails with a business error: {@code alipay.trade.pay} answers {@code 40004} with
     * {@code subCode} (for instance {@code ACQ.BUYER_BALANCE_NOT_ENOUGH},
     * {@code ACQ.PAYMENT_AUTH_CODE_INVALID}, {@code ACQ.PAYMENT_FAIL}); no trade is created and nothing
     * is charged. For a QR or in-app order the trade simply keeps waiting.
     *
     * @param subCode the {@code sub_code} to answer
     */
    record Fails(String subCode) implements AlipaySimulatorPayer {
        /**
         * Validates the sub-code.
         *
         * @param subCode the {@code sub_code} to answer
         */
        public Fails {
            Objects.requireNonNull(subCode, "subCode");
            if (subCode.isBlank()) {
                throw new IllegalArgumentException("subCode must not be blank");
            }
        }
    }

    /** {@return {@link PaysAtOnce}: {@code alipay.trade.pay} answers {@code 10000}, the trade is paid} */
    static AlipaySimulatorPayer paysAtOnce() {
        return new PaysAtOnce();
    }

    /**
     * The payer confirms on the phone while the merchant polls: {@code alipay.trade.pay} answers
     * {@code 10003} ({@code WAIT_BUYER_PAY}), the first {@code queries} {@code alipay.trade.query}
     * requests find the trade still waiting, and query {@code queries + 1} finds it {@code TRADE_SUCCESS}.
     * The same count means the same on {@link WechatPaySimulatorPayer#confirmsAfter(int)}.
     *
     * @param queries how many queries find the payer still confirming, 0 or more
     * @return {@link PaysAfterQueries} of {@code queries + 1}
     */
    static AlipaySimulatorPayer confirmsAfter(int queries) {
        if (queries < 0) {
            throw new IllegalArgumentException("queries must be >= 0, was " + queries);
        }
        return new PaysAfterQueries(queries + 1);
    }

    /** {@return {@link NeverPays}: the trade waits ({@code 10003}, {@code WAIT_BUYER_PAY}) until closed or cancelled} */
    static AlipaySimulatorPayer neverConfirms() {
        return new NeverPays();
    }

    /**
     * {@link Fails}: {@code alipay.trade.pay} answers {@code 40004} with {@code subCode}.
     *
     * @param subCode the {@code sub_code} to answer
     * @return {@link Fails}
     */
    static AlipaySimulatorPayer fails(String subCode) {
        return new Fails(subCode);
    }

    /** {@return {@link Fails} with {@code ACQ.BUYER_BALANCE_NOT_ENOUGH}: the payer's balance is insufficient} */
    static AlipaySimulatorPayer insufficientFunds() {
        return new Fails("ACQ.BUYER_BALANCE_NOT_ENOUGH");
    }

    /** {@return {@link Fails} with {@code ACQ.PAYMENT_AUTH_CODE_INVALID}: the payment code is not valid} */
    static AlipaySimulatorPayer invalidPaymentCode() {
        return new Fails("ACQ.PAYMENT_AUTH_CODE_INVALID");
    }
}
