package dev.resilientpay.spi;

import dev.resilientpay.Classification;
import dev.resilientpay.Failure;
import java.time.Duration;
import java.util.Objects;

/**
 * What one attempt of an operation learned: the adapter's translation of one HTTP exchange (or of
 * its absence). The pipeline decides what happens next from the variant alone.
 *
 * @param <T> the operation's result value
 */
public sealed interface Attempt<T> {

    /** {@return the classification the pipeline acts on} */
    Classification classification();

    /**
     * Definite success.
     *
     * @param value the result
     * @param <T>   the result type
     */
    record Succeeded<T>(T value) implements Attempt<T> {
        /**
         * Validates the value.
         *
         * @param value the result
         */
        public Succeeded {
            Objects.requireNonNull(value, "value");
        }

        @Override public Classification classification() { return Classification.DEFINITE; }
    }

    /**
     * Definite failure: the provider refused and nothing changed (no money moved).
     *
     * @param failure why
     * @param <T>     the result type
     */
    record Rejected<T>(Failure failure) implements Attempt<T> {
        /**
         * Validates the failure.
         *
         * @param failure why
         */
        public Rejected {
            Objects.requireNonNull(failure, "failure");
        }

        @Override public Classification classification() { return Classification.DEFINITE; }
    }

    /**
     * The provider did not act on the request, or asks for it again: safe to re-send with the same key.
     *
     * @param failure    why (rate limited, connect refused, ...)
     * @param retryAfter the provider's {@code Retry-After}, or {@code null}
     * @param <T>        the result type
     */
    record NotSent<T>(Failure failure, Duration retryAfter) implements Attempt<T> {
        /**
         * Validates the failure.
         *
         * @param failure why
         * @param retryAfter the provider's {@code Retry-After}, or {@code null}
         */
        public NotSent {
            Objects.requireNonNull(failure, "failure");
        }

        @Override public Classification classification() { return Classification.NOT_SENT; }
    }

    /**
     * The request may have been processed; the answer is missing or untrustworthy. The pipeline
     * queries before anything else. Also used for "already paid" answers to a re-sent payment: they
     * mean "probably paid", which only a query confirms.
     *
     * @param failure what went wrong
     * @param <T>     the result type
     */
    record Unknown<T>(Failure failure) implements Attempt<T> {
        /**
         * Validates the failure.
         *
         * @param failure why
         */
        public Unknown {
            Objects.requireNonNull(failure, "failure");
        }

        @Override public Classification classification() { return Classification.UNKNOWN; }
    }

    /**
     * Accepted and in progress (payer confirming, bank processing): poll.
     *
     * @param detail the provider's words, for logs
     * @param <T>    the result type
     */
    record Pending<T>(String detail) implements Attempt<T> {
        @Override public Classification classification() { return Classification.PENDING; }
    }
}
