package dev.resilientpay;

import java.time.Duration;
import java.util.Objects;

/**
 * When the circuit breaker in front of a provider opens. While it is open, calls fail fast with
 * {@link FailureReason#PROVIDER_UNAVAILABLE} and nothing is sent; after {@code openDuration} a few
 * trial calls decide whether it closes again. Only transport failures and provider outages count,
 * never a payer's business failure.
 *
 * @param failureRateThreshold percentage of failed attempts in the window that opens the breaker, 1 to 100
 * @param slidingWindowSize    how many recent attempts the rate is computed over
 * @param minimumCalls         attempts needed before the rate is judged
 * @param openDuration         how long the breaker stays open before trial calls
 * @param trialCalls           attempts permitted while half open
 * @param minimumFailureSpan   how far apart the oldest and newest failures in the window must be
 *                             before the breaker opens: a burst of failures within a moment (a cold
 *                             start, the service's own CPU starved under a load spike) is not an
 *                             outage. {@link Duration#ZERO} opens on the rate alone
 */
public record BreakerPolicy(
        int failureRateThreshold, int slidingWindowSize, int minimumCalls, Duration openDuration, int trialCalls,
        Duration minimumFailureSpan) {

    /**
     * Validates every field; the message names the field and the rule.
     *
     * @param failureRateThreshold percentage of failed attempts in the window that opens the breaker, 1 to 100
     * @param minimumCalls attempts needed before the rate is judged
     * @param openDuration how long the breaker stays open before trial calls
     * @param slidingWindowSize how many recent attempts the rate is computed over
     * @param trialCalls attempts permitted while half open
     */
    public BreakerPolicy {
        if (failureRateThreshold < 1 || failureRateThreshold > 100) {
            throw new IllegalArgumentException("failureRateThreshold must be 1 to 100, was " + failureRateThreshold);
        }
        if (slidingWindowSize < 1) {
            throw new IllegalArgumentException("slidingWindowSize must be at least 1, was " + slidingWindowSize);
        }
        if (minimumCalls < 1 || minimumCalls > slidingWindowSize) {
            throw new IllegalArgumentException("minimumCalls must be 1 to slidingWindowSize, was " + minimumCalls);
        }
        Objects.requireNonNull(openDuration, "openDuration must not be null");
        if (openDuration.isNegative() || openDuration.isZero()) {
            throw new IllegalArgumentException("openDuration must be positive, was " + openDuration);
        }
        if (trialCalls < 1) {
            throw new IllegalArgumentException("trialCalls must be at least 1, was " + trialCalls);
        }
        Objects.requireNonNull(minimumFailureSpan, "minimumFailureSpan must not be null");
        if (minimumFailureSpan.isNegative()) {
            throw new IllegalArgumentException("minimumFailureSpan must not be negative, was " + minimumFailureSpan);
        }
    }

    /**
     * A policy that opens on the failure rate alone (no minimum span of failures).
     *
     * @param failureRateThreshold percentage of failed attempts in the window that opens the breaker, 1 to 100
     * @param slidingWindowSize    how many recent attempts the rate is computed over
     * @param minimumCalls         attempts needed before the rate is judged
     * @param openDuration         how long the breaker stays open before trial calls
     * @param trialCalls           attempts permitted while half open
     */
    public BreakerPolicy(int failureRateThreshold, int slidingWindowSize, int minimumCalls, Duration openDuration,
                         int trialCalls) {
        this(failureRateThreshold, slidingWindowSize, minimumCalls, openDuration, trialCalls, Duration.ZERO);
    }

    /**
     * 50 % of the last 100 attempts (at least 50), with failures spread over at least 10 s; open for
     * 30 s, 3 trial calls.
     *
     * <p>The breaker is for outages, not for a degraded provider: a window this wide does not open
     * when, say, 30 % of attempts fail, where a short window (20 attempts) trips on chance runs and
     * then turns away payers who could have paid (measured in {@code docs/benchmarks.md}).
     *
     * @return 50 % of the last 100 attempts (at least 50), open for 30 s, 3 trial calls
     */
    public static BreakerPolicy defaults() {
        return new BreakerPolicy(50, 100, 50, Duration.ofSeconds(30), 3, Duration.ofSeconds(10));
    }
}
