package dev.resilientpay.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What the pipeline tells an adapter about one attempt.
 *
 * @param idempotencyKey the key that must be sent unchanged on every attempt (order id or refund id)
 * @param attempt        1-based attempt number within the call
 * @param timeout        the time this attempt may take end to end (connect, write, read), already
 *                       bounded by the call's remaining deadline; use it as the HTTP call timeout
 * @param deadline       when the whole call must have finished
 */
public record AttemptContext(String idempotencyKey, int attempt, Duration timeout, Instant deadline) {

    /**
     * Validates the fields.
     *
     * @param attempt 1-based attempt number within the call
     * @param deadline when the whole call must have finished
     * @param idempotencyKey the key that must be sent unchanged on every attempt (order id or refund id)
     * @param timeout the time this attempt may take end to end, within the call's deadline
     */
    public AttemptContext {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(deadline, "deadline");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }
}
