package dev.resilientpay.reconciliation;

/**
 * Hears what reconciliation finds, as it finds it: for alerts and metrics (the Micrometer module
 * counts discrepancies by provider, merchant and kind from {@link #discrepancy}). Called on the
 * reconciling thread; implementations must be quick and must not throw (what they throw is logged
 * and ignored).
 */
public interface ReconciliationListener {

    /** A listener that ignores everything. */
    ReconciliationListener NONE = new ReconciliationListener() {};

    /**
     * One discrepancy, after any fix was tried.
     *
     * @param provider    the provider
     * @param merchant    the merchant
     * @param discrepancy what differs and what was done
     */
    default void discrepancy(String provider, String merchant, Discrepancy discrepancy) {}

    /**
     * The whole day was reconciled.
     *
     * @param report the report
     */
    default void reconciled(ReconciliationReport report) {}

    /**
     * No usable bill for the day (not ready, or rejected).
     *
     * @param provider the provider
     * @param merchant the merchant
     * @param outcome  {@link ReconciliationOutcome.BillNotReady} or {@link ReconciliationOutcome.BillUnusable}
     */
    default void noBill(String provider, String merchant, ReconciliationOutcome outcome) {}
}
