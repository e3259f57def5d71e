package dev.resilientpay.testkit;

import java.util.Objects;

/**
 * How the simulated payer behaves for one payment code (barcode pay) or one order (QR / in-app).
 *
 * <pre>{@code
 * String code = alipay.newPaymentCode(AlipaySimulatorPayer.paysAfterQueries(2));
 * alipay.scriptPaymentCode("281234567890123456", AlipaySimulatorPayer.fails("ACQ.BUYER_BALANCE_NOT_ENOUGH"));
 * alipay.scriptOrder("order-7", AlipaySimulatorPayer.neverPays());
 * }</pre>
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

    /** {@return {@link PaysAtOnce}} */
    static AlipaySimulatorPayer paysAtOnce() {
        return new PaysAtOnce();
    }

    /**
     * {@link PaysAfterQueries}.
     *
     * @param queries at least 1
     * @return {@link PaysAfterQueries}
     */
    static AlipaySimulatorPayer paysAfterQueries(int queries) {
        return new PaysAfterQueries(queries);
    }

    /** {@return {@link NeverPays}} */
    static AlipaySimulatorPayer neverPays() {
        return new NeverPays();
    }

    /**
     * {@link Fails}.
     *
     * @param subCode the {@code sub_code} to answer
     * @return {@link Fails}
     */
    static AlipaySimulatorPayer fails(String subCode) {
        return new Fails(subCode);
    }

    /** {@return {@link Fails} with {@code ACQ.BUYER_BALANCE_NOT_ENOUGH}} */
    static AlipaySimulatorPayer insufficientFunds() {
        return new Fails("ACQ.BUYER_BALANCE_NOT_ENOUGH");
    }

    /** {@return {@link Fails} with {@code ACQ.PAYMENT_AUTH_CODE_INVALID}} */
    static AlipaySimulatorPayer invalidPaymentCode() {
        return new Fails("ACQ.PAYMENT_AUTH_CODE_INVALID");
    }
}
