package dev.resilientpay.spi;

/**
 * A ledger could not read or write its store (a database outage, a lost connection). Ledgers throw
 * it instead of their store's own exceptions; the pipeline turns it into a typed outcome: nothing is
 * sent when the ledger cannot record the start of a call, and an outcome learned but not recorded is
 * still returned (the entry stays in flight until its lease expires, and recovery learns it again by
 * query).
 */
public class LedgerUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A new exception.
     *
     * @param message what failed, without secrets or payment codes
     * @param cause   the store's exception
     */
    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
