package dev.resilientpay.benchmarks.gateway;

/**
 * One client under test, reduced to what a till does: take a payment-code payment and decide.
 * Implementations are thread-safe.
 */
public interface PaymentCaller extends AutoCloseable {

    /** The row label in the report. */
    String name();

    /** Charges 1.00 CNY for {@code orderId} with the payer's {@code authCode}; never throws. */
    Verdict pay(String orderId, String authCode);

    /**
     * HTTP requests the client code decided to send so far (attempts, queries, cancels): the
     * simulator seeing more than this means the HTTP stack re-sent requests by itself.
     */
    long requestsIssued();

    /** Whether the client remembers unfinished payments, so that {@link #resolve} can finish them. */
    default boolean keepsLedger() {
        return false;
    }

    /** Finishes an in-doubt payment later (a recovery job); without a ledger nothing can be learned. */
    default Verdict resolve(String orderId) {
        return Verdict.IN_DOUBT;
    }

    /**
     * The typed reason of the last outcome this client gave for {@code orderId} (a {@code FailureReason}
     * name, {@code PAID}, or {@code IN_DOUBT/<reason>}), or {@code null} when the client has no typed reasons.
     */
    default String reason(String orderId) {
        return null;
    }

    @Override
    default void close() {}
}
