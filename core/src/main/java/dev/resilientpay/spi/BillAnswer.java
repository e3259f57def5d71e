package dev.resilientpay.spi;

import java.util.Objects;

/** What asking a provider for a day's bill produced: a sealed family that a {@code switch} must handle. */
public sealed interface BillAnswer {

    /**
     * The bill was downloaded and verified; its rows may be trusted.
     *
     * @param rows the rows, streamed from the verified copy; the caller closes them
     */
    record Ready(BillRows rows) implements BillAnswer {
        /** Validates the rows. */
        public Ready {
            Objects.requireNonNull(rows, "rows");
        }
    }

    /**
     * The provider has not produced the bill yet (too early in the day, or still generating): ask again later.
     *
     * @param detail the provider's code and message
     */
    record NotReady(String detail) implements BillAnswer {
        /** Validates the detail. */
        public NotReady {
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * No trustworthy bill: nothing of it may be used.
     *
     * @param problem   why
     * @param retryable whether asking again may succeed (network, expired URL, truncated download)
     * @param detail    what happened, without secrets
     */
    record Failed(BillProblem problem, boolean retryable, String detail) implements BillAnswer {
        /** Validates the fields. */
        public Failed {
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
