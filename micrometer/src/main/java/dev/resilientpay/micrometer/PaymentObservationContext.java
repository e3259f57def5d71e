package dev.resilientpay.micrometer;

import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Operation;
import dev.resilientpay.Outcome;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.Objects;

/**
 * What a {@link PaymentObservationConvention} sees of one finished call: who made it, which operation,
 * how it ended and how long it took.
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
    private final Outcome outcome;
    private final Duration elapsed;

    /**
     * A context of one finished call.
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
        this.provider = Objects.requireNonNull(provider, "provider");
        this.merchant = Objects.requireNonNull(merchant, "merchant");
        this.operation = Objects.requireNonNull(operation, "operation");
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
    }

    /** @return provider name ({@code alipay}, {@code wechat}) */
    public String provider() {
        return provider;
    }

    /** @return the merchant name the listener was built for */
    public String merchant() {
        return merchant;
    }

    /** @return the operation */
    public Operation operation() {
        return operation;
    }

    /** @return merchant order id; high cardinality: never make it a low-cardinality key value */
    public String orderId() {
        return orderId;
    }

    /** @return the outcome returned to the caller */
    public Outcome outcome() {
        return outcome;
    }

    /** @return total time of the call, measured by the client's time source */
    public Duration elapsed() {
        return elapsed;
    }

    /** @return why the call failed or is in doubt, or {@code null} when it did not fail */
    public FailureReason failureReason() {
        Failure failure = TagValues.failureOf(outcome);
        return failure == null ? null : failure.reason();
    }
}
