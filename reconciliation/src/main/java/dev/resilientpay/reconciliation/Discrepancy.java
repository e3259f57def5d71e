package dev.resilientpay.reconciliation;

import dev.resilientpay.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * One difference between the provider's bill and the ledger: a sealed family that a {@code switch}
 * must handle. Every discrepancy carries both sides' values and what reconciliation did about it.
 *
 * <p>Only a ledger entry <em>behind</em> the provider is ever fixed, and only through the pipeline's
 * own query ({@code PaymentClient.resolve} / {@code queryRefund}); nothing that moves money is done.
 */
public sealed interface Discrepancy {

    /** The merchant order id. */
    String orderId();

    /** The merchant refund id of a refund discrepancy, or {@code null}. */
    String refundId();

    /** What the bill says. */
    Side bill();

    /** What the ledger says (before any fix). */
    Side ledger();

    /** What reconciliation did. */
    Resolution resolution();

    /** A stable name of the kind, as in the JSON and CSV reports ({@code PAID_NOT_RECORDED}, …). */
    default String kind() {
        String name = getClass().getSimpleName(); // PaidNotRecorded -> PAID_NOT_RECORDED
        return name.replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * One side's view of a payment or refund.
     *
     * @param state         {@code ABSENT}, the bill row's type ({@code PAYMENT}, {@code REFUND},
     *                      {@code REVERSAL}), or the ledger's state and outcome ({@code COMPLETED/Paid},
     *                      {@code IN_DOUBT/InDoubt}, {@code IN_FLIGHT})
     * @param amount        the amount, or {@code null}
     * @param transactionId the provider's transaction id, or {@code null}
     * @param time          when it was paid or refunded, or {@code null}
     */
    record Side(String state, Money amount, String transactionId, Instant time) {
        /** Neither bill row nor ledger entry. */
        public static final Side ABSENT = new Side("ABSENT", null, null, null);

        /** Validates the state. */
        public Side {
            Objects.requireNonNull(state, "state");
        }
    }

    /** What reconciliation did about a discrepancy. */
    enum Resolution {
        /** Reported only: a person must decide (it may need money to move, or the ledger to be corrected). */
        REPORTED,
        /**
         * The ledger entry was behind the provider; the pipeline queried the provider, which confirmed
         * the bill, and the entry is now up to date.
         */
        FIXED,
        /**
         * The provider's query confirmed the bill, but the ledger has no entry to bring up to date (it was
         * lost, or the order was made outside this library): reported for a person to act on.
         */
        CONFIRMED_NOT_RECORDED,
        /** A fix was tried but the query did not confirm the bill (or could not be made): reported. */
        FIX_FAILED
    }

    /**
     * Paid at the provider, but the ledger has no {@code Paid} for it: unknown, in flight, in doubt,
     * or awaiting its payer.
     *
     * @param orderId    the order
     * @param bill       the bill's payment row
     * @param ledger     the ledger entry, or {@link Side#ABSENT}
     * @param resolution what was done
     */
    record PaidNotRecorded(String orderId, Side bill, Side ledger, Resolution resolution) implements Discrepancy {
        /** Validates the fields. */
        public PaidNotRecorded {
            requireAll(orderId, bill, ledger, resolution);
        }

        @Override
        public String refundId() {
            return null;
        }
    }

    /**
     * {@code Paid} in the ledger on the bill's day (after the cut-off rule), but absent from the bill.
     *
     * @param orderId    the order
     * @param bill       {@link Side#ABSENT}
     * @param ledger     the ledger's payment
     * @param resolution always {@link Resolution#REPORTED}
     */
    record MissingFromBill(String orderId, Side bill, Side ledger, Resolution resolution) implements Discrepancy {
        /** Validates the fields. */
        public MissingFromBill {
            requireAll(orderId, bill, ledger, resolution);
        }

        @Override
        public String refundId() {
            return null;
        }
    }

    /**
     * Paid on both sides, with another amount or currency.
     *
     * @param orderId    the order
     * @param bill       the bill's payment row
     * @param ledger     the ledger's payment
     * @param resolution always {@link Resolution#REPORTED}
     */
    record AmountDiffers(String orderId, Side bill, Side ledger, Resolution resolution) implements Discrepancy {
        /** Validates the fields. */
        public AmountDiffers {
            requireAll(orderId, bill, ledger, resolution);
        }

        @Override
        public String refundId() {
            return null;
        }
    }

    /**
     * The two sides disagree on the payment's state: paid at the provider but failed or closed in the
     * ledger, or reversed at the provider but paid in the ledger.
     *
     * @param orderId    the order
     * @param bill       the bill's row
     * @param ledger     the ledger's entry
     * @param resolution what was done
     */
    record StatusDiffers(String orderId, Side bill, Side ledger, Resolution resolution) implements Discrepancy {
        /** Validates the fields. */
        public StatusDiffers {
            requireAll(orderId, bill, ledger, resolution);
        }

        @Override
        public String refundId() {
            return null;
        }
    }

    /**
     * A refund in the bill that the ledger does not hold as refunded: unknown (made in the merchant
     * portal, or lost), or still processing / in doubt.
     *
     * @param orderId    the order
     * @param refundId   the refund
     * @param bill       the bill's refund row
     * @param ledger     the ledger's entry, or {@link Side#ABSENT}
     * @param resolution what was done
     */
    record RefundNotRecorded(String orderId, String refundId, Side bill, Side ledger, Resolution resolution)
            implements Discrepancy {
        /** Validates the fields. */
        public RefundNotRecorded {
            requireAll(orderId, bill, ledger, resolution);
            Objects.requireNonNull(refundId, "refundId");
        }
    }

    /**
     * Refunded in the ledger on the bill's day, but absent from the bill.
     *
     * @param orderId    the order
     * @param refundId   the refund
     * @param bill       {@link Side#ABSENT}
     * @param ledger     the ledger's refund
     * @param resolution always {@link Resolution#REPORTED}
     */
    record RefundMissingFromBill(String orderId, String refundId, Side bill, Side ledger, Resolution resolution)
            implements Discrepancy {
        /** Validates the fields. */
        public RefundMissingFromBill {
            requireAll(orderId, bill, ledger, resolution);
            Objects.requireNonNull(refundId, "refundId");
        }
    }

    /**
     * Refunded on both sides, with another amount or currency.
     *
     * @param orderId    the order
     * @param refundId   the refund
     * @param bill       the bill's refund row
     * @param ledger     the ledger's refund
     * @param resolution always {@link Resolution#REPORTED}
     */
    record RefundAmountDiffers(String orderId, String refundId, Side bill, Side ledger, Resolution resolution)
            implements Discrepancy {
        /** Validates the fields. */
        public RefundAmountDiffers {
            requireAll(orderId, bill, ledger, resolution);
            Objects.requireNonNull(refundId, "refundId");
        }
    }

    private static void requireAll(String orderId, Side bill, Side ledger, Resolution resolution) {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(bill, "bill");
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(resolution, "resolution");
    }
}
