package dev.resilientpay.benchmarks.gateway;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.Operation;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.Policies;
import java.time.Duration;

/**
 * The time settings every client gets in a run, so that both sides of a comparison wait alike.
 *
 * <p>Real gateways are slow to give up on: the official guidance polls every 5 s for 30 s and our
 * default payment deadline is 45 s. To run 10,000 payments per client in minutes, every duration is
 * divided by {@link #scale}: our default policies and breaker, the SDKs' connect/read timeouts, and
 * the intervals of the SDKs' documented query/cancel loops (5 s becomes 0.5 s). Ratios between the
 * waits are unchanged.
 *
 * @param scale          the divisor applied to every duration
 * @param attemptTimeout one HTTP exchange, connect included (our 10 s attempt timeout, scaled), also
 *                       the SDKs' connect and read timeouts
 * @param pollInterval   the official guidance's query interval (5 s, scaled)
 * @param pollFor        how long the official guidance polls a payer who is confirming (30 s, scaled)
 * @param cancelTries    how many times the official guidance sends a cancel before giving up (5)
 * @param payByCodeDeadline for {@link #issue8()}: our payment-code deadline, every other policy at its
 *                       default but for the attempt timeout; {@code null} for the scaled timings
 */
public record Timing(int scale, Duration attemptTimeout, Duration pollInterval, Duration pollFor, int cancelTries,
                     Duration payByCodeDeadline) {

    /** Every official duration divided by {@code scale}. */
    public static Timing scaledBy(int scale) {
        return new Timing(scale, Duration.ofSeconds(10).dividedBy(scale), Duration.ofSeconds(5).dividedBy(scale),
                Duration.ofSeconds(30).dividedBy(scale), 5, null);
    }

    /**
     * The setup of issue 8's high-fault-rate figures, unscaled: 2 s attempts for every client and operation
     * (the SDKs' connect and read timeouts too), a 20 s payment-code deadline for ours with every other
     * default unchanged (poll 3 s up to every 5 s, the default breaker with its 10 s failure span), and the
     * official guidance's loop as documented (query every 5 s for 30 s, then up to 5 cancels).
     */
    public static Timing issue8() {
        return new Timing(1, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(30), 5,
                Duration.ofSeconds(20));
    }

    /** Our default policies with every duration divided by {@link #scale} (issue 8: see {@link #issue8()}). */
    public Policies policies() {
        if (payByCodeDeadline != null) {
            Policies fixed = Policies.defaults();
            for (Operation operation : Operation.values()) {
                OperationPolicy p = fixed.of(operation);
                Duration deadline = operation == Operation.PAY_BY_CODE ? payByCodeDeadline : p.deadline();
                fixed = fixed.with(operation, new OperationPolicy(attemptTimeout, deadline, p.maxAttempts(),
                        p.backoffInitial(), p.backoffMultiplier(), p.backoffMax(), p.jitter(), p.pollInitialDelay(),
                        p.pollMaxInterval()));
            }
            return fixed;
        }
        Policies defaults = Policies.defaults();
        Policies scaled = defaults;
        for (Operation operation : Operation.values()) {
            OperationPolicy p = defaults.of(operation);
            scaled = scaled.with(operation, new OperationPolicy(div(p.attemptTimeout()), div(p.deadline()),
                    p.maxAttempts(), div(p.backoffInitial()), p.backoffMultiplier(), div(p.backoffMax()), p.jitter(),
                    div(p.pollInitialDelay()), div(p.pollMaxInterval())));
        }
        return scaled;
    }

    /** Our default breaker with its open time divided by {@link #scale} (issue 8: the default breaker). */
    public BreakerPolicy breaker() {
        if (payByCodeDeadline != null) {
            return BreakerPolicy.defaults();
        }
        BreakerPolicy b = BreakerPolicy.defaults();
        return new BreakerPolicy(b.failureRateThreshold(), b.slidingWindowSize(), b.minimumCalls(),
                div(b.openDuration()), b.trialCalls());
    }

    /** {@link #attemptTimeout} in milliseconds, as the SDKs take it. */
    public int attemptTimeoutMillis() {
        return Math.toIntExact(attemptTimeout.toMillis());
    }

    private Duration div(Duration d) {
        Duration scaled = d.dividedBy(scale);
        return scaled.isZero() ? Duration.ofMillis(1) : scaled;
    }
}
