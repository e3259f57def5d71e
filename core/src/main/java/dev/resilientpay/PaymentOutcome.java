package dev.resilientpay;

import java.time.Instant;
import java.util.Objects;

/**
 * The definite answer to {@link PaymentClient#pay}: a sealed family that a {@code switch} must handle.
 *
 * <pre>{@code
 * switch (client.pay(request)) {
 *     case PaymentOutcome.Paid paid -> ship(paid.orderId());
 *     case PaymentOutcome.AwaitingPayer awaiting -> show(awaiting.action());
 *     case PaymentOutcome.Failed failed -> tell(failed.failure().userMessage(locale));
 *     case PaymentOutcome.InDoubt doubt -> later(doubt.orderId()); // client.resolve(orderId)
 * }
 * }</pre>
 */
public sealed interface PaymentOutcome extends Outcome {

    /**
     * Money taken.
     *
     * @param orderId       merchant order id
     * @param transactionId the provider's transaction id
     * @param amount        the amount paid
     * @param paidAt        when the provider says it was paid, or {@code null} if it did not say
     */
    record Paid(String orderId, String transactionId, Money amount, Instant paidAt) implements PaymentOutcome {
        /**
         * Validates the ids.
         *
         * @param amount the amount paid
         * @param orderId merchant order id
         * @param paidAt when the provider says it was paid, or {@code null} if it did not say
         * @param transactionId the provider's transaction id
         */
        public Paid {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * The order exists and waits for the payer; learn the result from a notification,
     * {@link PaymentClient#awaitPayment} or {@link PaymentClient#query}.
     *
     * @param orderId merchant order id
     * @param action  what the payer must do
     */
    record AwaitingPayer(String orderId, PayerAction action) implements PaymentOutcome {
        /**
         * Validates the fields.
         *
         * @param action what the payer must do
         * @param orderId merchant order id
         */
        public AwaitingPayer {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(action, "action");
        }
    }

    /**
     * Definitely not charged.
     *
     * @param orderId merchant order id
     * @param failure why, with the provider's codes
     */
    record Failed(String orderId, Failure failure) implements PaymentOutcome {
        /**
         * Validates the fields.
         *
         * @param failure why, with the provider's codes
         * @param orderId merchant order id
         */
        public Failed {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * The outcome could not be learned within the deadline, even after querying and cancelling.
     * Nothing is lost: the order stays in the ledger and {@link PaymentClient#resolve(String)} or
     * {@link PaymentClient#recover()} finishes it later.
     *
     * @param orderId     merchant order id
     * @param lastFailure the last thing that went wrong
     */
    record InDoubt(String orderId, Failure lastFailure) implements PaymentOutcome {
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
