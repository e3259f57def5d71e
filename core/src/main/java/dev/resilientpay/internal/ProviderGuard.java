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
 *
 * <p>While closed, this guard judges the window itself: the rate of failures <em>and</em> how far
 * apart they are ({@link BreakerPolicy#minimumFailureSpan()}), because a burst of timeouts within a
 * moment — every caller of a cold JVM at once, or this service's own CPU starved — is not an
 * outage, and opening on it turns away payers with nothing sent. resilience4j keeps the open and
 * half-open states: the wait, the trial calls and their verdict.
 */
final class ProviderGuard {

    private static final Logger log = LoggerFactory.getLogger(ProviderGuard.class);

    /** The reasons that mean "the provider or the way to it is unwell". */
    static final Set<FailureReason> TRANSPORT_FAULTS = EnumSet.of(
            FailureReason.NETWORK_ERROR, FailureReason.TIMEOUT,
            FailureReason.PROVIDER_UNAVAILABLE, FailureReason.RATE_LIMITED);

    private final CircuitBreaker breaker;
    private final BreakerPolicy policy;
    private final TimeSource time;
    /** The closed state's window: when each recent attempt ended, and whether it failed. */
    private final java.util.ArrayDeque<Outcome> window = new java.util.ArrayDeque<>();
    private int failuresInWindow;

    private record Outcome(java.time.Instant at, boolean failed) {}

    ProviderGuard(String provider, BreakerPolicy policy, TimeSource time, Listeners listeners) {
        this.policy = policy;
        this.time = time;
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(policy.failureRateThreshold())
                // Only the half-open trial calls reach resilience4j's own window.
                .slidingWindow(policy.trialCalls(), policy.trialCalls(),
                        CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .waitDurationInOpenState(policy.openDuration())
                .permittedNumberOfCallsInHalfOpenState(policy.trialCalls())
                .clock(time.clock())
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
            if ("CLOSED".equals(to)) {
                synchronized (window) {
                    window.clear();
                    failuresInWindow = 0;
                }
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
        boolean failed = reason != null && TRANSPORT_FAULTS.contains(reason);
        if (breaker.getState() == CircuitBreaker.State.CLOSED) {
            if (judgeClosed(failed)) {
                breaker.transitionToOpenState();
            }
            return;
        }
        if (failed) {
            breaker.onError(nanos, TimeUnit.NANOSECONDS, new TransportFault(reason));
        } else {
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** Adds an attempt to the closed state's window; whether the window now says "outage". */
    private boolean judgeClosed(boolean failed) {
        synchronized (window) {
            window.addLast(new Outcome(time.now(), failed));
            failuresInWindow += failed ? 1 : 0;
            while (window.size() > policy.slidingWindowSize()) {
                failuresInWindow -= window.removeFirst().failed() ? 1 : 0;
            }
            if (window.size() < policy.minimumCalls()
                    || failuresInWindow * 100L < (long) policy.failureRateThreshold() * window.size()) {
                return false;
            }
            java.time.Instant first = null;
            java.time.Instant last = null;
            for (Outcome o : window) {
                if (o.failed()) {
                    first = first == null ? o.at() : first;
                    last = o.at();
                }
            }
            boolean spread = first != null
                    && Duration.between(first, last).compareTo(policy.minimumFailureSpan()) >= 0;
            if (spread) {
                window.clear();
                failuresInWindow = 0;
            }
            return spread;
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
