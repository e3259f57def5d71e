package dev.resilientpay;

import java.util.Objects;

/**
 * The answer to {@link PaymentClient#close} and {@link PaymentClient#cancel}: a sealed family that a
 * {@code switch} must handle.
 */
public sealed interface CloseOutcome extends Outcome {

    /**
     * The order is closed and can no longer be paid.
     *
     * @param orderId  merchant order id
     * @param refunded {@code true} when the order had been paid and cancelling refunded it
     *                 (Alipay cancel {@code action=refund}, WeChat reverse of a paid order)
     */
    record Closed(String orderId, boolean refunded) implements CloseOutcome {
        /**
         * Validates the id.
         *
         * @param orderId merchant order id
         * @param refunded {@code true} when the order had been paid and cancelling refunded it
         */
        public Closed {
            Objects.requireNonNull(orderId, "orderId");
        }
    }

    /**
     * The order was not closed (for example it is already paid: use a refund).
     *
     * @param orderId merchant order id
     * @param failure why
     */
    record Failed(String orderId, Failure failure) implements CloseOutcome {
        /**
         * Validates the fields.
         *
         * @param failure why
         * @param orderId merchant order id
         */
        public Failed {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * Whether the order was closed could not be learned within the deadline; calling again is safe.
     *
     * @param orderId     merchant order id
     * @param lastFailure the last thing that went wrong
     */
    record InDoubt(String orderId, Failure lastFailure) implements CloseOutcome {
        /**
         * Validates the fields.
         *
         * @param lastFailure the last thing that went wrong
         * @param orderId merchant order id
         */
        public InDoubt {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(lastFailure, "lastFailure");
        }
    }
}
