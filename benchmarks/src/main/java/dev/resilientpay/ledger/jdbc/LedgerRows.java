package dev.resilientpay.ledger.jdbc;

import dev.resilientpay.spi.LedgerEntry;

/**
 * Benchmarks only: the column values {@link JdbcPaymentLedger} writes for an entry, with the ledger's
 * own JSON codec ({@link LedgerJson}, package-private), so that a benchmark can bulk-load rows with
 * chosen timestamps (the ledger's {@code begin} stamps the database's clock). This class lives in the
 * benchmarks module, in the ledger's package (class path only); it adds nothing to the library's API.
 */
public final class LedgerRows {

    /** The columns, in the order of {@link #values}; as in the ledger's {@code INSERT}. */
    public static final String COLUMNS = "provider, merchant, id, order_id, refund_id, kind, fingerprint, request, "
            + "state, outcome, attempts, started_at, updated_at, owner, lease_until, version, format_version";

    private final LedgerJson json = new LedgerJson();

    /**
     * The values the ledger stores for {@code e}, in {@link #COLUMNS} order: strings, numbers,
     * {@link java.time.Instant}s or {@code null}.
     *
     * @param e an entry as the ledger would hold it (e.g. completed: no owner, no lease, version 2)
     * @return the 17 column values
     */
    public Object[] values(LedgerEntry e) {
        return new Object[] {
            e.key().provider(), e.key().merchant(), e.key().id(), e.orderId(),
            e.refund() != null ? e.refund().refundId() : null,
            e.payment() != null ? "PAYMENT" : "REFUND",
            e.fingerprint(),
            e.payment() != null ? json.write(e.payment()) : json.write(e.refund()),
            e.state().name(),
            e.outcome() == null ? null : json.write(e.outcome()),
            e.attempts(), e.startedAt(), e.updatedAt(), e.owner(), e.leaseUntil(), e.version(), LedgerJson.FORMAT
        };
    }
}
