package dev.resilientpay;

import java.util.Objects;

/** The definite answer to {@link PaymentClient#refund}: a sealed family that a {@code switch} must handle. */
public sealed interface RefundOutcome extends Outcome {

    /** {@return the merchant refund id} */
    String refundId();

    /**
     * The money is back with the payer.
     *
     * @param status the refund as the provider reports it
     */
    record Refunded(RefundStatus status) implements RefundOutcome {
        /**
         * Validates the status.
         *
         * @param status the refund as the provider reports it
         */
        public Refunded {
            Objects.requireNonNull(status, "status");
        }

        @Override public String orderId() { return status.orderId(); }

        @Override public String refundId() { return status.refundId(); }
    }

    /**
     * Accepted by the provider but not finished within the deadline. It will finish on the provider's
     * side; a notification or {@link PaymentClient#queryRefund} tells when.
     *
     * @param status the refund as the provider last reported it
     */
    record Processing(RefundStatus status) implements RefundOutcome {
        /**
         * Validates the status.
         *
         * @param status the refund as the provider reports it
         */
        public Processing {
            Objects.requireNonNull(status, "status");
        }

        @Override public String orderId() { return status.orderId(); }

        @Override public String refundId() { return status.refundId(); }
    }

    /**
     * Definitely not refunded.
     *
     * @param orderId  merchant order id
     * @param refundId merchant refund id
     * @param failure  why
     */
    record Failed(String orderId, String refundId, Failure failure) implements RefundOutcome {
        /**
         * Validates the fields.
         *
         * @param failure why
         * @param orderId merchant order id
         * @param refundId merchant refund id
         */
        public Failed {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(refundId, "refundId");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * Whether the provider accepted the refund could not be learned; {@link PaymentClient#recover()}
     * or sending the same request again (same refund id, so at most one refund) finishes it.
     *
     * @param orderId     merchant order id
     * @param refundId    merchant refund id
     * @param lastFailure the last thing that went wrong
     */
    record InDoubt(String orderId, String refundId, Failure lastFailure) implements RefundOutcome {
        /**
         * Validates the fields.
         *
         * @param lastFailure the last thing that went wrong
         * @param orderId merchant order id
         * @param refundId merchant refund id
         */
        public InDoubt {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(refundId, "refundId");
            Objects.requireNonNull(lastFailure, "lastFailure");
        }
    }
}
