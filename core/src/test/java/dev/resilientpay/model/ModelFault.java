package dev.resilientpay.model;

import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.spi.Attempt;
import java.time.Duration;

/**
 * What happens to one request on its way to the gateway and back: every fault kind the testkit's
 * simulators inject ({@code dev.resilientpay.testkit.Fault}), as the adapters translate it into an
 * {@link Attempt}. {@link #OK} comes first so that jqwik shrinks a fault list towards a healthy
 * gateway.
 */
enum ModelFault {
    /** Processed and answered honestly. */
    OK(true),
    /** Connection refused before the request left: nothing processed ({@code NotSent}). */
    CONNECT_REFUSED(false),
    /** 429 with {@code Retry-After: 2}: nothing processed ({@code NotSent}). */
    RATE_LIMITED(false),
    /** 500/502/503 without processing; the adapter cannot know ({@code Unknown}). */
    HTTP_5XX(false),
    /** The gateway's signed "system busy" error, not processed ({@code Unknown}). */
    SYSTEM_ERROR(false),
    /** The gateway's signed "system busy" error after processing ({@code Unknown}). */
    SYSTEM_ERROR_PROCESSED(true),
    /** Processed, the answer never arrives within the attempt's timeout ({@code Unknown(TIMEOUT)}). */
    TIMEOUT(true),
    /** Lost on the way in: not processed, the client times out all the same. */
    REQUEST_LOST(false),
    /** Processed, then the connection is reset: the answer is lost ({@code Unknown}). */
    RESPONSE_LOST(true),
    /** Processed, then a body that does not parse ({@code Unknown}). */
    MALFORMED(true),
    /** Processed, then an answer whose signature does not verify ({@code Unknown}). */
    BAD_SIGNATURE(true),
    /** Processed, correctly signed but ten minutes old (WeChat): not trusted ({@code Unknown}). */
    STALE(true),
    /** Not processed; a forged answer (say "paid") that fails verification ({@code Unknown}). */
    FORGED(false),
    /** Processed and answered honestly after 3 s (a timeout if the attempt has less). */
    SLOW(true),
    /**
     * Processed, and the till's process dies before the answer arrives: the call never returns
     * ({@link ProcessCrash} unwinds it), its ledger entry stays in flight under a lease that runs
     * out, and the schedule goes on with a restarted instance.
     */
    CRASH(true);

    static final Duration RETRY_AFTER = Duration.ofSeconds(2);
    static final Duration LATENCY = Duration.ofMillis(40);
    static final Duration SLOW_LATENCY = Duration.ofSeconds(3);

    final boolean processes;

    ModelFault(boolean processes) {
        this.processes = processes;
    }

    /** How long the exchange takes before {@link #answer} (capped by the attempt's timeout). */
    Duration latency(Duration timeout) {
        return switch (this) {
            case TIMEOUT, REQUEST_LOST, CRASH -> timeout;
            case CONNECT_REFUSED -> Duration.ofMillis(2);
            case SLOW -> SLOW_LATENCY;
            default -> LATENCY;
        };
    }

    /** The adapter's translation, or {@code null} for an honest answer. */
    <T> Attempt<T> answer() {
        return switch (this) {
            case OK, SLOW -> null;
            case CONNECT_REFUSED -> new Attempt.NotSent<>(Failure.of(FailureReason.NETWORK_ERROR, "model: connect refused"), null);
            case RATE_LIMITED -> new Attempt.NotSent<>(Failure.of(FailureReason.RATE_LIMITED, "model: HTTP 429"), RETRY_AFTER);
            case HTTP_5XX -> unknown(FailureReason.PROVIDER_UNAVAILABLE, "model: HTTP 503");
            case SYSTEM_ERROR, SYSTEM_ERROR_PROCESSED -> new Attempt.Unknown<>(Failure.of(FailureReason.PROVIDER_ERROR,
                    "SYSTEM_ERROR", null, "model: system busy", "model-req"));
            case TIMEOUT, REQUEST_LOST, CRASH -> timedOut();
            case RESPONSE_LOST -> unknown(FailureReason.NETWORK_ERROR, "model: sent, answer lost (reset)");
            case MALFORMED -> unknown(FailureReason.PROVIDER_ERROR, "model: malformed answer");
            case BAD_SIGNATURE, STALE, FORGED -> unknown(FailureReason.RESPONSE_SIGNATURE_INVALID,
                    "model: answer not verifiable (" + name() + ")");
        };
    }

    /** The till's process died in the middle of a call (an {@link Error}, so nothing catches it on the way). */
    static final class ProcessCrash extends Error {
        private static final long serialVersionUID = 1L;

        ProcessCrash() {
            super("model: the till's process died during this call", null, false, false);
        }
    }

    static <T> Attempt<T> timedOut() {
        return unknown(FailureReason.TIMEOUT, "model: sent, no answer within the attempt timeout");
    }

    private static <T> Attempt<T> unknown(FailureReason reason, String message) {
        return new Attempt.Unknown<>(Failure.of(reason, message));
    }
}
