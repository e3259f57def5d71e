package dev.resilientpay.spi;

/** Where a ledger entry stands. */
public enum LedgerState {
    /** A call is working on it, or its owner died while it was (the lease tells which). */
    IN_FLIGHT,
    /**
     * The call ended without a definite outcome (in doubt, or a refund still processing); nobody
     * owns it, and {@code resolve} / {@code recover} will finish it.
     */
    IN_DOUBT,
    /** Finished with a definite outcome (an order awaiting its payer counts as finished). */
    COMPLETED
}
