package dev.resilientpay;

import java.time.Duration;

/**
 * Observes the pipeline, for metrics and tracing (bind Micrometer here; the library does not depend
 * on it). Every method has an empty default; implementations must be fast and must not throw (an
 * exception thrown here is logged and ignored).
 */
public interface PaymentListener {

    /**
     * A public call (pay, refund, query, close, cancel, resolve, await) starts on this thread;
     * {@link #onCallEnded} follows on the same thread whatever happens, after {@link #onOutcome} if
     * the call has an outcome. Tracing binds a span's start here.
     */
    default void onCallStarted(CallStarted event) {}

    /** The call {@link #onCallStarted} announced is over. */
    default void onCallEnded(CallEnded event) {}

    /** One attempt (send, query, cancel) finished with {@code classification}. */
    default void onAttempt(AttemptFinished event) {}

    /** The pipeline will send the request again after {@code delay}. */
    default void onRetryScheduled(RetryScheduled event) {}

    /** A poll (status query of a pending or unknown outcome) returned {@code state}. */
    default void onPoll(PollFinished event) {}

    /** A call finished with its outcome. */
    default void onOutcome(CallFinished event) {}

    /** The provider's circuit breaker changed state. */
    default void onBreakerStateChange(BreakerStateChanged event) {}

    /**
     * Verified evidence contradicted what the ledger had recorded (for example a verified PAID query
     * answer or notification for an order recorded as failed). The evidence wins; a person should
     * look at how it happened.
     */
    default void onContradiction(Contradiction event) {}

    /**
     * @param provider       provider name
     * @param operation      the operation attempted (a query made to resolve a payment is {@link Operation#QUERY})
     * @param orderId        merchant order id
     * @param attempt        1-based number of this attempt within the call
     * @param classification what the attempt proved
     * @param reason         the failure reason, or {@code null} on success
     * @param elapsed        how long the attempt took
     */
    record AttemptFinished(String provider, Operation operation, String orderId, int attempt,
                           Classification classification, FailureReason reason, Duration elapsed) {

        /**
         * Whether the request may have left the process and reached the provider: every attempt but a
         * provably unsent one.
         *
         * @return {@code false} only for {@link Classification#NOT_SENT}
         */
        public boolean mayHaveReachedProvider() {
            return classification != Classification.NOT_SENT;
        }
    }

    /**
     * @param provider  provider name
     * @param operation the operation to be re-sent
     * @param orderId   merchant order id
     * @param attempt   number of the attempt that will be sent
     * @param delay     wait before it
     * @param cause     why the previous attempt did not settle the call
     */
    record RetryScheduled(String provider, Operation operation, String orderId, int attempt,
                          Duration delay, FailureReason cause) {}

    /**
     * @param provider provider name
     * @param orderId  merchant order id
     * @param poll     1-based poll number within the call
     * @param state    the state the poll returned, or {@code null} if the poll itself failed
     */
    record PollFinished(String provider, String orderId, int poll, TradeState state) {}

    /**
     * @param provider  provider name
     * @param operation the operation
     * @param orderId   merchant order id
     * @param outcome   the outcome returned to the caller
     * @param elapsed   total time of the call
     */
    record CallFinished(String provider, Operation operation, String orderId, Outcome outcome, Duration elapsed) {}

    /**
     * @param provider provider name
     * @param from     previous state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...)
     * @param to       new state
     */
    record BreakerStateChanged(String provider, String from, String to) {}

    /**
     * @param provider provider name
     * @param orderId  merchant order id
     * @param recorded what the ledger held
     * @param evidence what the verified evidence proves, now recorded instead
     * @param source   where the evidence came from ({@code query}, {@code notification}, {@code cancel})
     */
    record Contradiction(String provider, String orderId, Outcome recorded, Outcome evidence, String source) {}

    /**
     * @param provider  provider name
     * @param operation the operation
     * @param orderId   merchant order id
     */
    record CallStarted(String provider, Operation operation, String orderId) {}

    /**
     * @param provider  provider name
     * @param operation the operation
     * @param orderId   merchant order id
     * @param elapsed   the call's duration on the client's clock
     */
    record CallEnded(String provider, Operation operation, String orderId, Duration elapsed) {}
}
