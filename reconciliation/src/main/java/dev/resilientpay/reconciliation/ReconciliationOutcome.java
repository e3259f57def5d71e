package dev.resilientpay.reconciliation;

import dev.resilientpay.spi.BillProblem;
import java.time.LocalDate;
import java.util.Objects;

/** What {@link Reconciler#reconcile} produced: a sealed family that a {@code switch} must handle. */
public sealed interface ReconciliationOutcome {

    /**
     * The day was reconciled.
     *
     * @param report counts, totals and discrepancies
     */
    record Reconciled(ReconciliationReport report) implements ReconciliationOutcome {
        /** Validates the report. */
        public Reconciled {
            Objects.requireNonNull(report, "report");
        }
    }

    /**
     * The provider has not produced the day's bill yet: try again later (typically after 10:00 China
     * time the next day; see the adapters' {@code docs/bills.md}).
     *
     * @param day    the day asked for
     * @param detail the provider's code and message
     */
    record BillNotReady(LocalDate day, String detail) implements ReconciliationOutcome {
        /** Validates the fields. */
        public BillNotReady {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * No trustworthy bill could be had; nothing was compared and nothing was changed.
     *
     * @param day       the day asked for
     * @param problem   why
     * @param retryable whether trying again may succeed
     * @param detail    what happened
     */
    record BillUnusable(LocalDate day, BillProblem problem, boolean retryable, String detail)
            implements ReconciliationOutcome {
        /** Validates the fields. */
        public BillUnusable {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(problem, "problem");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * The ledger could not be read, or its {@code scan} was not in key order (a store sorting ids by a
     * locale collation); the comparison stopped and nothing more was changed.
     *
     * @param day    the day asked for
     * @param detail what happened
     */
    record LedgerUnavailable(LocalDate day, String detail) implements ReconciliationOutcome {
        /** Validates the day. */
        public LedgerUnavailable {
            Objects.requireNonNull(day, "day");
        }
    }
}
