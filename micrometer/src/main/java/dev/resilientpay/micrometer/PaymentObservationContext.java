package dev.resilientpay.micrometer;

import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Operation;
import dev.resilientpay.Outcome;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link PaymentObservationConvention} sees of one call: who made it, which operation, and, once
 * known, how it ended and how long it took.
 *
 * <p>The listener creates the context when the call starts ({@code PaymentListener.onCallStarted}), sets
 * the {@linkplain #outcome() outcome} when the pipeline reports it ({@code onOutcome}) and the
 * {@linkplain #elapsed() elapsed time} when the call ends ({@code onCallEnded}). A convention is asked for
 * its key values at both moments: at the start, {@link #outcome()} and {@link #elapsed()} are
 * {@code null}.
 *
 * <p>{@link #orderId()} is here for handlers that need it (a log line, a span attribute where the
 * tracing back end may hold order ids); it is never a tag of the default convention, because one
 * time series per order would swamp any metrics back end.
 */
public final class PaymentObservationContext extends Observation.Context {

    private final String provider;
    private final String merchant;
    private final Operation operation;
    private final String orderId;
    private Outcome outcome;
    private Duration elapsed;

    /**
     * A context of a call that has started and has neither an outcome nor a duration yet.
     *
     * @param provider  provider name ({@code alipay}, {@code wechat})
     * @param merchant  the merchant name the listener was built for
     * @param operation the operation
     * @param orderId   merchant order id
     */
    public PaymentObservationContext(String provider, String merchant, Operation operation, String orderId) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.merchant = Objects.requireNonNull(merchant, "merchant");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.orderId = Objects.requireNonNull(orderId, "orderId");
    }

    /**
     * A context of one finished call (for testing a convention, for instance).
     *
     * @param provider  provider name ({@code alipay}, {@code wechat})
     * @param merchant  the merchant name the listener was built for
     * @param operation the operation
     * @param orderId   merchant order id
     * @param outcome   the outcome returned to the caller
     * @param elapsed   total time of the call, measured by the client's time source
     */
    public PaymentObservationContext(String provider, String merchant, Operation operation, String orderId,
                                     Outcome outcome, Duration elapsed) {
        this(provider, merchant, operation, orderId);
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    }

    /** {@return provider name ({@code alipay}, {@code wechat})} */
    public String provider() {
        return provider;
    }

    /** {@return the merchant name the listener was built for} */
    public String merchant() {
        return merchant;
    }

    /** {@return the operation the call started as} */
    public Operation operation() {
        return operation;
    }

    /** {@return merchant order id; high cardinality: never make it a low-cardinality key value} */
    public String orderId() {
        return orderId;
    }

    /**
     * The outcome returned to the caller: {@code null} while the call runs, and at its end for a call
     * that reports none ({@code query}, {@code queryRefund}, a {@code resolve} that found the outcome
     * already recorded, a caller that waited for the same order's call on another thread, a call that
     * ended by an exception).
     *
     * @return the outcome, or {@code null}
     */
    public Outcome outcome() {
        return outcome;
    }

    /**
     * Total time of the call, measured by the client's time source (the clock of its deadlines); a
     * tracer's or meter handler's own timing of the observation covers the same interval on its clock.
     *
     * @return the call's duration, or {@code null} until it has ended
     */
    public Duration elapsed() {
        return elapsed;
    }

    /** {@return why the call failed or is in doubt, or {@code null} when it did not fail or has no outcome} */
    public FailureReason failureReason() {
        Failure failure = TagValues.failureOf(outcome);
        return failure == null ? null : failure.reason();
    }

    /** The outcome the pipeline reported for this call; the last one reported wins. */
    void outcome(Outcome outcome) {
        this.outcome = outcome;
    }

    /** The call's duration from its {@code CallEnded} event. */
    void elapsed(Duration elapsed) {
        this.elapsed = elapsed;
    }
}
