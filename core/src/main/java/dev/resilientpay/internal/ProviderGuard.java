package dev.resilientpay.internal;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.TimeSource;
import dev.resilientpay.spi.Attempt;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker in front of one provider (resilience4j, on the client's {@link TimeSource}).
 * Only transport faults and outages count against the provider; a payer's insufficient funds or a
 * closed order says nothing about the provider's health.
 */
final class ProviderGuard {

    private static final Logger log = LoggerFactory.getLogger(ProviderGuard.class);

    /** The reasons that mean "the provider or the way to it is unwell". */
    static final Set<FailureReason> TRANSPORT_FAULTS = EnumSet.of(
            FailureReason.NETWORK_ERROR, FailureReason.TIMEOUT,
            FailureReason.PROVIDER_UNAVAILABLE, FailureReason.RATE_LIMITED);

    private final CircuitBreaker breaker;

    ProviderGuard(String provider, BreakerPolicy policy, TimeSource time, Listeners listeners) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(policy.failureRateThreshold())
                .slidingWindow(policy.slidingWindowSize(), policy.minimumCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(policy.openDuration())
                .permittedNumberOfCallsInHalfOpenState(policy.trialCalls())
                .clock(new TimeSourceClock(time))
                .build();
        breaker = CircuitBreaker.of(provider, config);
        breaker.getEventPublisher().onStateTransition(event -> {
            String from = event.getStateTransition().getFromState().name();
            String to = event.getStateTransition().getToState().name();
            if ("OPEN".equals(to)) {
                log.warn("circuit breaker of {} opened after repeated transport failures ({} -> {})", provider, from, to);
            } else {
                log.info("circuit breaker of {}: {} -> {}", provider, from, to);
            }
            listeners.breaker(new PaymentListener.BreakerStateChanged(provider, from, to));
        });
    }

    /** Whether an attempt may be made now; {@code false} while the breaker is open. */
    boolean permit() {
        return breaker.tryAcquirePermission();
    }

    /** Records a permitted attempt's result. */
    void record(Attempt<?> attempt, Duration elapsed) {
        long nanos = Math.max(0, elapsed.toNanos());
        FailureReason reason = reasonOf(attempt);
        if (reason != null && TRANSPORT_FAULTS.contains(reason)) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, new TransportFault(reason));
        } else {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The breaker's state name ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}). */
    String state() {
        return breaker.getState().name();
    }

    /** What a refused attempt is reported as. */
    static Failure openFailure() {
        return Failure.of(FailureReason.PROVIDER_UNAVAILABLE, "circuit breaker open: attempt not made");
    }

    private static FailureReason reasonOf(Attempt<?> attempt) {
        if (attempt instanceof Attempt.NotSent<?> n) {
            return n.failure().reason();
        }
        if (attempt instanceof Attempt.Unknown<?> u) {
            return u.failure().reason();
        }
        return null;
    }

    /** The breaker counts exceptions; this one carries only the reason (no stack trace to fill). */
    private static final class TransportFault extends RuntimeException {
        TransportFault(FailureReason reason) {
            super(reason.name(), null, false, false);
        }
    }
}
