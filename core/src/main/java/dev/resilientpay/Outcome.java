package dev.resilientpay;

/**
 * The result of a money-moving call: {@link PaymentOutcome}, {@link RefundOutcome} or
 * {@link CloseOutcome}. Each is a sealed family that a {@code switch} must handle completely.
 */
public sealed interface Outcome permits PaymentOutcome, RefundOutcome, CloseOutcome {

    /** {@return the merchant order id the outcome belongs to} */
    String orderId();
}
