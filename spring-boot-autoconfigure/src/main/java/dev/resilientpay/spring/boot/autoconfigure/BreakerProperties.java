package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.BreakerPolicy;
import java.time.Duration;

/**
 * The settable parts of a {@link BreakerPolicy}; a field left unset keeps the value of the level
 * above (the shared {@code resilientpay.breaker}, then {@link BreakerPolicy#defaults()}).
 */
public class BreakerProperties {

    /** Percentage of failed attempts in the window that opens the breaker (1 to 100). */
    private Integer failureRateThreshold;

    /** How many recent attempts the failure rate is computed over. */
    private Integer slidingWindowSize;

    /** Attempts needed before the rate is judged (1 to sliding-window-size). */
    private Integer minimumCalls;

    /** How long the breaker stays open before trial calls. */
    private Duration openDuration;

    /** Attempts permitted while half open. */
    private Integer trialCalls;

    /**
     * How far apart the oldest and newest failures in the window must be before the breaker opens (a
     * burst within a moment is not an outage); 0 opens on the rate alone.
     */
    private Duration minimumFailureSpan;

    /** Creates properties with the defaults below. */
    public BreakerProperties() {}

    /**
     * {@code base} with the fields set here laid over it.
     *
     * @param base the policy of the level above
     * @return the merged policy
     * @throws IllegalArgumentException naming the {@link BreakerPolicy} field that breaks its rule
     */
    public BreakerPolicy applyTo(BreakerPolicy base) {
        return new BreakerPolicy(
                failureRateThreshold != null ? failureRateThreshold : base.failureRateThreshold(),
                slidingWindowSize != null ? slidingWindowSize : base.slidingWindowSize(),
                minimumCalls != null ? minimumCalls : base.minimumCalls(),
                openDuration != null ? openDuration : base.openDuration(),
                trialCalls != null ? trialCalls : base.trialCalls(),
                minimumFailureSpan != null ? minimumFailureSpan : base.minimumFailureSpan());
    }

    /** {@return failure rate threshold in percent, or {@code null} to inherit} */
    public Integer getFailureRateThreshold() { return failureRateThreshold; }

    /**
     * Sets the {@code failureRateThreshold} property.
     *
     * @param failureRateThreshold failure rate threshold in percent
     */
    public void setFailureRateThreshold(Integer failureRateThreshold) { this.failureRateThreshold = failureRateThreshold; }

    /** {@return window size, or {@code null} to inherit} */
    public Integer getSlidingWindowSize() { return slidingWindowSize; }

    /**
     * Sets the {@code slidingWindowSize} property.
     *
     * @param slidingWindowSize window size
     */
    public void setSlidingWindowSize(Integer slidingWindowSize) { this.slidingWindowSize = slidingWindowSize; }

    /** {@return minimum attempts before judging, or {@code null} to inherit} */
    public Integer getMinimumCalls() { return minimumCalls; }

    /**
     * Sets the {@code minimumCalls} property.
     *
     * @param minimumCalls minimum attempts before judging
     */
    public void setMinimumCalls(Integer minimumCalls) { this.minimumCalls = minimumCalls; }

    /** {@return open duration, or {@code null} to inherit} */
    public Duration getOpenDuration() { return openDuration; }

    /**
     * Sets the {@code openDuration} property.
     *
     * @param openDuration open duration
     */
    public void setOpenDuration(Duration openDuration) { this.openDuration = openDuration; }

    /** {@return trial calls, or {@code null} to inherit} */
    public Integer getTrialCalls() { return trialCalls; }

    /**
     * Sets the {@code trialCalls} property.
     *
     * @param trialCalls trial calls
     */
    public void setTrialCalls(Integer trialCalls) { this.trialCalls = trialCalls; }

    /** {@return minimum span of failures, or {@code null} to inherit} */
    public Duration getMinimumFailureSpan() { return minimumFailureSpan; }

    /**
     * Sets the {@code minimumFailureSpan} property.
     *
     * @param minimumFailureSpan minimum span of failures
     */
    public void setMinimumFailureSpan(Duration minimumFailureSpan) { this.minimumFailureSpan = minimumFailureSpan; }
}
