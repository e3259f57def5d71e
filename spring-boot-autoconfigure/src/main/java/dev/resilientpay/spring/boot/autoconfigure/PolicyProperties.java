package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.OperationPolicy;
import java.time.Duration;

/**
 * The settable parts of one operation's {@link OperationPolicy}; a field left unset keeps the value
 * of the level above (the shared {@code resilientpay.policies}, then the library's defaults).
 */
public class PolicyProperties {

    /** Time limit of one HTTP attempt. */
    private Duration attemptTimeout;

    /** Overall time limit of the call, retries and polls included. */
    private Duration deadline;

    /** How many times the request itself may be sent (1 to 100). */
    private Integer maxAttempts;

    /** First wait before re-sending. */
    private Duration backoffInitial;

    /** Growth of the wait per retry (1 to 10). */
    private Double backoffMultiplier;

    /** Cap of one wait between re-sends. */
    private Duration backoffMax;

    /** Randomisation factor of waits (0 to below 1). */
    private Double jitter;

    /** First wait before polling a pending outcome. */
    private Duration pollInitialDelay;

    /** Cap of the wait between polls. */
    private Duration pollMaxInterval;

    /** Creates properties with the defaults below. */
    public PolicyProperties() {}

    /**
     * {@code base} with the fields set here laid over it.
     *
     * @param base the policy of the level above
     * @return the merged policy
     * @throws IllegalArgumentException naming the {@link OperationPolicy} field that breaks its rule
     */
    public OperationPolicy applyTo(OperationPolicy base) {
        return new OperationPolicy(
                or(attemptTimeout, base.attemptTimeout()),
                or(deadline, base.deadline()),
                or(maxAttempts, base.maxAttempts()),
                or(backoffInitial, base.backoffInitial()),
                or(backoffMultiplier, base.backoffMultiplier()),
                or(backoffMax, base.backoffMax()),
                or(jitter, base.jitter()),
                or(pollInitialDelay, base.pollInitialDelay()),
                or(pollMaxInterval, base.pollMaxInterval()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** {@return time limit of one attempt, or {@code null} to inherit} */
    public Duration getAttemptTimeout() { return attemptTimeout; }

    /**
     * Sets the {@code attemptTimeout} property.
     *
     * @param attemptTimeout time limit of one attempt
     */
    public void setAttemptTimeout(Duration attemptTimeout) { this.attemptTimeout = attemptTimeout; }

    /** {@return overall time limit, or {@code null} to inherit} */
    public Duration getDeadline() { return deadline; }

    /**
     * Sets the {@code deadline} property.
     *
     * @param deadline overall time limit
     */
    public void setDeadline(Duration deadline) { this.deadline = deadline; }

    /** {@return how many times the request may be sent, or {@code null} to inherit} */
    public Integer getMaxAttempts() { return maxAttempts; }

    /**
     * Sets the {@code maxAttempts} property.
     *
     * @param maxAttempts how many times the request may be sent
     */
    public void setMaxAttempts(Integer maxAttempts) { this.maxAttempts = maxAttempts; }

    /** {@return first wait before re-sending, or {@code null} to inherit} */
    public Duration getBackoffInitial() { return backoffInitial; }

    /**
     * Sets the {@code backoffInitial} property.
     *
     * @param backoffInitial first wait before re-sending
     */
    public void setBackoffInitial(Duration backoffInitial) { this.backoffInitial = backoffInitial; }

    /** {@return growth of the wait per retry, or {@code null} to inherit} */
    public Double getBackoffMultiplier() { return backoffMultiplier; }

    /**
     * Sets the {@code backoffMultiplier} property.
     *
     * @param backoffMultiplier growth of the wait per retry
     */
    public void setBackoffMultiplier(Double backoffMultiplier) { this.backoffMultiplier = backoffMultiplier; }

    /** {@return cap of one wait, or {@code null} to inherit} */
    public Duration getBackoffMax() { return backoffMax; }

    /**
     * Sets the {@code backoffMax} property.
     *
     * @param backoffMax cap of one wait
     */
    public void setBackoffMax(Duration backoffMax) { this.backoffMax = backoffMax; }

    /** {@return randomisation factor, or {@code null} to inherit} */
    public Double getJitter() { return jitter; }

    /**
     * Sets the {@code jitter} property.
     *
     * @param jitter randomisation factor
     */
    public void setJitter(Double jitter) { this.jitter = jitter; }

    /** {@return first wait before polling, or {@code null} to inherit} */
    public Duration getPollInitialDelay() { return pollInitialDelay; }

    /**
     * Sets the {@code pollInitialDelay} property.
     *
     * @param pollInitialDelay first wait before polling
     */
    public void setPollInitialDelay(Duration pollInitialDelay) { this.pollInitialDelay = pollInitialDelay; }

    /** {@return cap of the wait between polls, or {@code null} to inherit} */
    public Duration getPollMaxInterval() { return pollMaxInterval; }

    /**
     * Sets the {@code pollMaxInterval} property.
     *
     * @param pollMaxInterval cap of the wait between polls
     */
    public void setPollMaxInterval(Duration pollMaxInterval) { this.pollMaxInterval = pollMaxInterval; }
}
