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
     * {@link #onCallEnded} follows whatever happens, after {@link #onOutcome} if the call has an
     * outcome: on the same thread for a blocking call; for an asynchronous one ({@code payAsync} and
     * the like) on the thread where it ends, with {@link #onCallSuspended} and {@link #onCallResumed}
     * around each wait between. Tracing binds a span's start here.
     *
     * @param event the call that starts
     */
    default void onCallStarted(CallStarted event) {}

    /**
     * The call {@link #onCallStarted} announced is over.
     *
     * @param event the call that ended and its duration
     */
    default void onCallEnded(CallEnded event) {}

    /**
     * An asynchronous call stops running on this thread to wait (a poll interval, a retry backoff,
     * another call of the same order) without holding a thread; its steps, and the events they
     * report, go on later with {@link #onCallResumed}, often on another thread. Between the two the
     * call runs nowhere. A listener that keeps per-thread state for a call in flight (an open scope,
     * a tracing context) takes it off this thread here and returns it.
     *
     * @param event the call that leaves this thread
     * @return what this listener needs to carry the call onward, handed back to {@link #onCallResumed};
     *     {@code null} for nothing
     */
    default Object onCallSuspended(CallSuspended event) {
        return null;
    }

    /**
     * The call {@link #onCallSuspended} set aside goes on, on this thread.
     *
     * @param event   the call that resumes
     * @param carried what {@link #onCallSuspended} returned for it
     */
    default void onCallResumed(CallResumed event, Object carried) {}

    /**
     * One attempt (send, query, cancel) finished with {@code classification}.
     *
     * @param event the attempt and what it proved
     */
    default void onAttempt(AttemptFinished event) {}

    /**
     * The pipeline will send the request again after {@code delay}.
     *
     * @param event the retry, its delay and its cause
     */
    default void onRetryScheduled(RetryScheduled event) {}

    /**
     * A poll (status query of a pending or unknown outcome) returned {@code state}.
     *
     * @param event the poll and the state it returned
     */
    default void onPoll(PollFinished event) {}

    /**
     * A call finished with its outcome.
     *
     * @param event the call and its outcome
     */
    default void onOutcome(CallFinished event) {}

    /**
     * The provider's circuit breaker changed state.
     *
     * @param event the previous and the new state
     */
    default void onBreakerStateChange(BreakerStateChanged event) {}

    /**
     * Verified evidence contradicted what the ledger had recorded (for example a verified PAID query
     * answer or notification for an order recorded as failed). The evidence wins; a person should
     * look at how it happened.
     *
     * @param event what was recorded and what the evidence proves
     */
    default void onContradiction(Contradiction event) {}

    /**
     * One attempt of a call finished.
     *
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
     * A request will be sent again.
     *
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
     * A poll of an order's state finished.
     *
     * @param provider provider name
     * @param orderId  merchant order id
     * @param poll     1-based poll number within the call
     * @param state    the state the poll returned, or {@code null} if the poll itself failed
     */
    record PollFinished(String provider, String orderId, int poll, TradeState state) {}

    /**
     * A call finished with an outcome.
     *
     * @param provider  provider name
     * @param operation the operation
     * @param orderId   merchant order id
     * @param outcome   the outcome returned to the caller
     * @param elapsed   total time of the call
     */
    record CallFinished(String provider, Operation operation, String orderId, Outcome outcome, Duration elapsed) {}

    /**
     * A circuit breaker changed state.
     *
     * @param provider provider name
     * @param from     previous state ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...)
     * @param to       new state
     */
    record BreakerStateChanged(String provider, String from, String to) {}

    /**
     * Verified evidence contradicted the ledger.
     *
     * @param provider provider name
     * @param orderId  merchant order id
     * @param recorded what the ledger held
     * @param evidence what the verified evidence proves, now recorded instead
     * @param source   where the evidence came from ({@code query}, {@code notification}, {@code cancel})
     */
    record Contradiction(String provider, String orderId, Outcome recorded, Outcome evidence, String source) {}

    /**
     * A public call started.
     *
     * @param provider  provider name
     * @param operation the operation
     * @param orderId   merchant order id
     */
    record CallStarted(String provider, Operation operation, String orderId) {}

    /**
     * A public call ended, whatever happened.
     *
     * @param provider  provider name
     * @param operation the operation
     * @param orderId   merchant order id
     * @param elapsed   the call's duration on the client's clock
     */
    record CallEnded(String provider, Operation operation, String orderId, Duration elapsed) {}

    /**
     * An asynchronous call leaves the thread it ran on, to wait.
     *
     * @param provider  provider name
     * @param operation the operation
     * @param orderId   merchant order id
     */
    record CallSuspended(String provider, Operation operation, String orderId) {}

    /**
     * An asynchronous call goes on after a wait, on the thread this event is reported on.
     *
     * @param provider  provider name
     * @param operation the operation
     * @param orderId   merchant order id
     */
    record CallResumed(String provider, Operation operation, String orderId) {}
}
