package dev.resilientpay.internal;

import dev.resilientpay.OperationPolicy;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.util.Random;

/**
 * The waits of one call: exponential and capped (resilience4j's {@link IntervalFunction}), then
 * randomised by {@code ±jitter}. The randomisation uses an injected {@link Random} rather than
 * {@code IntervalFunction.ofExponentialRandomBackoff}, whose {@code Math.random()} cannot be seeded:
 * tests need the same waits on every run.
 */
public final class Backoff {

    private final IntervalFunction interval;
    private final double jitter;
    private final Random random;
    private int count;

    private Backoff(Duration initial, double multiplier, Duration max, double jitter, Random random) {
        this.interval = IntervalFunction.ofExponentialBackoff(
                Math.max(1, initial.toMillis()), multiplier, Math.max(1, max.toMillis()));
        this.jitter = jitter;
        this.random = random;
    }

    /** Waits between re-sends and retried queries. */
    public static Backoff retries(OperationPolicy policy, Random random) {
        return new Backoff(policy.backoffInitial(), policy.backoffMultiplier(), policy.backoffMax(),
                policy.jitter(), random);
    }

    /** Waits between polls of a pending outcome. */
    public static Backoff polls(OperationPolicy policy, Random random) {
        return new Backoff(policy.pollInitialDelay(), policy.backoffMultiplier(), policy.pollMaxInterval(),
                policy.jitter(), random);
    }

    /** The next wait. */
    public Duration next() {
        long millis = interval.apply(++count);
        if (jitter > 0) {
            millis = Math.round(millis * (1 + jitter * (2 * random.nextDouble() - 1)));
        }
        return Duration.ofMillis(Math.max(1, millis));
    }

    /** The next wait, but at least {@code retryAfter} (a provider's {@code Retry-After}) when given. */
    public Duration next(Duration retryAfter) {
        Duration wait = next();
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
