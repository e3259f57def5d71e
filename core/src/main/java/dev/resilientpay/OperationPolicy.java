package dev.resilientpay;

import java.time.Duration;
import java.util.Objects;

/**
 * How one operation is run: time limits, retries and polling. An immutable value; start from the
 * defaults in {@link Policies} and change what you need with {@link #toBuilder()}.
 *
 * <p>Backoff is exponential with jitter: the n-th wait is
 * {@code min(backoffMax, backoffInitial * backoffMultiplier^(n-1)) * (1 ± jitter)}, never beyond the
 * remaining deadline, and at least a provider's {@code Retry-After}. Polls start after
 * {@code pollInitialDelay} and back off to at most {@code pollMaxInterval}.
 *
 * @param attemptTimeout    time limit of one HTTP attempt (also bounded by the remaining deadline)
 * @param deadline          overall time limit of the call, retries and polls included
 * @param maxAttempts       how many times the request itself may be sent (queries not counted)
 * @param backoffInitial    first wait before re-sending
 * @param backoffMultiplier growth of the wait per retry, at least 1
 * @param backoffMax        cap of one wait
 * @param jitter            randomisation factor of waits, 0 (none) to 1
 * @param pollInitialDelay  first wait before polling a pending outcome
 * @param pollMaxInterval   cap of the wait between polls
 */
public record OperationPolicy(
        Duration attemptTimeout,
        Duration deadline,
        int maxAttempts,
        Duration backoffInitial,
        double backoffMultiplier,
        Duration backoffMax,
        double jitter,
        Duration pollInitialDelay,
        Duration pollMaxInterval) {

    /**
     * Validates every field; the message names the field and the rule.
     *
     * @param attemptTimeout time limit of one HTTP attempt (also bounded by the remaining deadline)
     * @param backoffInitial first wait before re-sending
     * @param backoffMax cap of one wait
     * @param backoffMultiplier growth of the wait per retry, at least 1
     * @param deadline overall time limit of the call, retries and polls included
     * @param jitter randomisation factor of waits, 0 (none) to 1
     * @param maxAttempts how many times the request itself may be sent (queries not counted)
     * @param pollInitialDelay first wait before polling a pending outcome
     * @param pollMaxInterval cap of the wait between polls
     */
    public OperationPolicy {
        positive("attemptTimeout", attemptTimeout);
        positive("deadline", deadline);
        positive("backoffInitial", backoffInitial);
        positive("backoffMax", backoffMax);
        positive("pollInitialDelay", pollInitialDelay);
        positive("pollMaxInterval", pollMaxInterval);
        if (maxAttempts < 1 || maxAttempts > 100) {
            throw new IllegalArgumentException("maxAttempts must be 1 to 100, was " + maxAttempts);
        }
        if (!(backoffMultiplier >= 1.0 && backoffMultiplier <= 10.0)) {
            throw new IllegalArgumentException("backoffMultiplier must be 1 to 10, was " + backoffMultiplier);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("jitter must be at least 0 and below 1, was " + jitter);
        }
        if (backoffMax.compareTo(backoffInitial) < 0) {
            throw new IllegalArgumentException("backoffMax must not be less than backoffInitial");
        }
        if (pollMaxInterval.compareTo(pollInitialDelay) < 0) {
            throw new IllegalArgumentException("pollMaxInterval must not be less than pollInitialDelay");
        }
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field + " must not be null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }

    /**
     * A builder holding this policy's values.
     *
     * @return this builder
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builds an {@link OperationPolicy}; {@link #build()} validates. */
    public static final class Builder {
        private Duration attemptTimeout;
        private Duration deadline;
        private int maxAttempts;
        private Duration backoffInitial;
        private double backoffMultiplier;
        private Duration backoffMax;
        private double jitter;
        private Duration pollInitialDelay;
        private Duration pollMaxInterval;

        private Builder(OperationPolicy p) {
            attemptTimeout = p.attemptTimeout;
            deadline = p.deadline;
            maxAttempts = p.maxAttempts;
            backoffInitial = p.backoffInitial;
            backoffMultiplier = p.backoffMultiplier;
            backoffMax = p.backoffMax;
            jitter = p.jitter;
            pollInitialDelay = p.pollInitialDelay;
            pollMaxInterval = p.pollMaxInterval;
        }

        /**
         * Time limit of one attempt.
         *
         * @param v time limit of one attempt
         * @return this builder
         */
        public Builder attemptTimeout(Duration v) { attemptTimeout = v; return this; }

        /**
         * Overall time limit.
         *
         * @param v overall time limit
         * @return this builder
         */
        public Builder deadline(Duration v) { deadline = v; return this; }

        /**
         * How many times the request may be sent.
         *
         * @param v how many times the request may be sent
         * @return this builder
         */
        public Builder maxAttempts(int v) { maxAttempts = v; return this; }

        /**
         * Exponential backoff: first wait, growth, cap.
         *
         * @param initial the first wait
         * @param max the longest wait
         * @param multiplier the growth factor between waits
         * @return this builder
         */
        public Builder backoff(Duration initial, double multiplier, Duration max) {
            backoffInitial = initial;
            backoffMultiplier = multiplier;
            backoffMax = max;
            return this;
        }

        /**
         * Randomisation factor of waits, 0 to below 1.
         *
         * @param v randomisation factor of waits, 0 to below 1
         * @return this builder
         */
        public Builder jitter(double v) { jitter = v; return this; }

        /**
         * Polling: first wait and the cap of later waits.
         *
         * @param initialDelay the wait before the first poll
         * @param maxInterval the longest wait between polls
         * @return this builder
         */
        public Builder polling(Duration initialDelay, Duration maxInterval) {
            pollInitialDelay = initialDelay;
            pollMaxInterval = maxInterval;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the immutable policy
         */
        public OperationPolicy build() {
            return new OperationPolicy(attemptTimeout, deadline, maxAttempts, backoffInitial, backoffMultiplier,
                    backoffMax, jitter, pollInitialDelay, pollMaxInterval);
        }
    }
}
