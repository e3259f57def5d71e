package dev.resilientpay.spi;

/** Where a ledger entry stands. */
public enum LedgerState {
    /** A call is working on it (or crashed while it was). */
    IN_FLIGHT,
    /** The call ended in doubt; {@code resolve} / {@code recover} will finish it. */
    IN_DOUBT,
    /** Finished with a definite outcome. */
    COMPLETED
}
