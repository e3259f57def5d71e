package dev.resilientpay.internal;

import dev.resilientpay.Classification;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Operation;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.TimeSource;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes one guarded attempt and measures the waits between attempts: the mechanics shared by every
 * step of the pipeline. An adapter's exception never escapes from here. The waiting itself is the
 * caller's ({@link Flow}).
 */
final class AttemptRunner {

    private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);

    private final String provider;
    private final ProviderGuard guard;
    private final Listeners listeners;
    private final TimeSource time;

    AttemptRunner(String provider, ProviderGuard guard, Listeners listeners, TimeSource time) {
        this.provider = provider;
        this.guard = guard;
        this.listeners = listeners;
        this.time = time;
    }

    TimeSource time() {
        return time;
    }

    /**
     * Asks the circuit breaker; a refused attempt is reported as not sent and remembered as the
     * call's last failure.
     */
    boolean guard(Call call, Operation operation, int number) {
        if (guard.permit()) {
            return true;
        }
        call.lastFailure = ProviderGuard.openFailure();
        log.debug("{} attempt {} not made: circuit breaker open", operation, number);
        listeners.attempt(new PaymentListener.AttemptFinished(provider, operation, call.orderId, number,
                Classification.NOT_SENT, FailureReason.PROVIDER_UNAVAILABLE, Duration.ZERO));
        return false;
    }

    /**
     * Makes one attempt with a timeout bounded by the remaining deadline. The caller has checked
     * {@link #guard} first.
     */
    <T> Attempt<T> attempt(Call call, Operation operation, int number, String idempotencyKey,
                           Function<AttemptContext, Attempt<T>> action) {
        Duration remaining = call.remaining(time.now());
        Attempt<T> result;
        Instant started = time.now();
        if (remaining.isZero()) {
            result = new Attempt.NotSent<>(Failure.of(FailureReason.TIMEOUT,
                    "deadline reached before the attempt"), null);
        } else {
            Duration timeout = call.policy.attemptTimeout().compareTo(remaining) < 0
                    ? call.policy.attemptTimeout() : remaining;
            CallScope.attempt(number);
            result = invoke(operation, action, new AttemptContext(idempotencyKey, number, timeout, call.deadline));
        }
        Duration elapsed = Duration.between(started, time.now());
        guard.record(result, elapsed);
        FailureReason reason = reasonOf(result);
        if (log.isDebugEnabled()) {
            log.debug("{} attempt {} of {}: {}{} after {} ms", operation, number, call.orderId,
                    result.classification(), reason == null ? "" : " " + reason, elapsed.toMillis());
        }
        listeners.attempt(new PaymentListener.AttemptFinished(provider, operation, call.orderId, number,
                result.classification(), reason, elapsed));
        return result;
    }

    private <T> Attempt<T> invoke(Operation operation, Function<AttemptContext, Attempt<T>> action,
                                  AttemptContext context) {
        try {
            Attempt<T> result = action.apply(context);
            if (result == null) {
                log.warn("{} adapter returned no result for {}; treated as unknown", provider, operation);
                return new Attempt.Unknown<>(Failure.of(FailureReason.PROVIDER_ERROR,
                        "adapter returned no result"));
            }
            return result;
        } catch (RuntimeException e) {
            // A bug in an adapter: it may have sent the request before failing, so "unknown" is the
            // only safe reading. Logged once here, with its stack trace, for the adapter's authors.
            log.warn("{} adapter threw during {}; treated as unknown", provider, operation, e);
            return new Attempt.Unknown<>(Failure.of(FailureReason.PROVIDER_ERROR,
                    "adapter threw " + e.getClass().getName()));
        }
    }

    /** Whether a wait of {@code wait} leaves time for an attempt before the deadline. */
    boolean fits(Call call, Duration wait) {
        return wait.compareTo(call.remaining(time.now())) < 0;
    }

    /**
     * The wait before a re-send, at least {@code retryAfter}, reported to the listeners; {@code null}
     * if it does not fit before the deadline (then nothing is reported). The caller waits.
     */
    Duration resendWait(Call call, Duration retryAfter) {
        Duration wait = call.retries.next(retryAfter);
        if (!fits(call, wait)) {
            return null;
        }
        FailureReason cause = call.lastFailure == null ? null : call.lastFailure.reason();
        log.debug("{} of {}: sending again in {} ms", call.operation, call.orderId, wait.toMillis());
        listeners.retry(new PaymentListener.RetryScheduled(provider, call.operation, call.orderId,
                call.sends + 1, wait, cause));
        return wait;
    }

    static FailureReason reasonOf(Attempt<?> attempt) {
        if (attempt instanceof Attempt.NotSent<?> n) {
            return n.failure().reason();
        }
        if (attempt instanceof Attempt.Unknown<?> u) {
            return u.failure().reason();
        }
        if (attempt instanceof Attempt.Rejected<?> r) {
            return r.failure().reason();
        }
        return null;
    }

    static Failure failureOf(Attempt<?> attempt) {
        if (attempt instanceof Attempt.NotSent<?> n) {
            return n.failure();
        }
        if (attempt instanceof Attempt.Unknown<?> u) {
            return u.failure();
        }
        if (attempt instanceof Attempt.Rejected<?> r) {
            return r.failure();
        }
        if (attempt instanceof Attempt.Pending<?> p) {
            return Failure.of(FailureReason.PROVIDER_ERROR, "still processing: " + p.detail());
        }
        return null;
    }
}
