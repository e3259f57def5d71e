package dev.resilientpay.micrometer;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.RefundOutcome;
import java.util.Locale;

/**
 * Tag values: lower-case snake case like resilience4j's ({@code state=half_open}), from closed sets
 * only, so that no tag can carry an id.
 */
final class TagValues {

    /** The value of an absent reason or state. */
    static final String NONE = "none";

    private TagValues() {}

    static String of(Enum<?> value) {
        return value == null ? NONE : value.name().toLowerCase(Locale.ROOT);
    }

    static String reason(FailureReason reason) {
        return of(reason);
    }

    /** A breaker state name ({@code HALF_OPEN}) as a tag value ({@code half_open}). */
    static String state(String breakerState) {
        return breakerState == null ? NONE : breakerState.toLowerCase(Locale.ROOT);
    }

    /** The outcome's kind, or {@code none} for a call without an outcome (yet). */
    static String outcome(Outcome outcome) {
        if (outcome == null) {
            return NONE;
        } else if (outcome instanceof PaymentOutcome.Paid) {
            return "paid";
        } else if (outcome instanceof PaymentOutcome.AwaitingPayer) {
            return "awaiting_payer";
        } else if (outcome instanceof RefundOutcome.Refunded) {
            return "refunded";
        } else if (outcome instanceof RefundOutcome.Processing) {
            return "processing";
        } else if (outcome instanceof CloseOutcome.Closed) {
            return "closed";
        } else if (outcome instanceof PaymentOutcome.InDoubt || outcome instanceof RefundOutcome.InDoubt
                || outcome instanceof CloseOutcome.InDoubt) {
            return "in_doubt";
        }
        return "failed";
    }

    /** The failure of a failed or in-doubt outcome, else {@code null}. */
    static Failure failureOf(Outcome outcome) {
        if (outcome instanceof PaymentOutcome.Failed f) {
            return f.failure();
        } else if (outcome instanceof PaymentOutcome.InDoubt d) {
            return d.lastFailure();
        } else if (outcome instanceof RefundOutcome.Failed f) {
            return f.failure();
        } else if (outcome instanceof RefundOutcome.InDoubt d) {
            return d.lastFailure();
        } else if (outcome instanceof CloseOutcome.Failed f) {
            return f.failure();
        } else if (outcome instanceof CloseOutcome.InDoubt d) {
            return d.lastFailure();
        }
        return null;
    }
}
