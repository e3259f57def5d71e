package dev.resilientpay.reconciliation.internal;

import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.PaymentLedger;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/** One merchant's ledger entries of a time window in key order, a page at a time (bounded memory). */
public final class LedgerCursor {

    private final PaymentLedger ledger;
    private final String provider;
    private final String merchant;
    private final Instant from;
    private final Instant to;
    private final int pageSize;
    private Iterator<LedgerEntry> page = List.<LedgerEntry>of().iterator();
    private String lastId;
    private boolean exhausted;
    private LedgerEntry current;

    /** A cursor over {@code [from, to)}, {@code pageSize} entries per {@link PaymentLedger#scan}. */
    public LedgerCursor(PaymentLedger ledger, String provider, String merchant, Instant from, Instant to, int pageSize) {
        this.ledger = ledger;
        this.provider = provider;
        this.merchant = merchant;
        this.from = from;
        this.to = to;
        this.pageSize = pageSize;
        advance();
    }

    /** The current entry, or {@code null} at the end. */
    public LedgerEntry peek() {
        return current;
    }

    /** Moves to the next entry. */
    public void advance() {
        if (!page.hasNext() && !exhausted) {
            List<LedgerEntry> entries = ledger.scan(provider, merchant, from, to, lastId, pageSize);
            exhausted = entries.size() < pageSize;
            if (!entries.isEmpty()) {
                lastId = entries.get(entries.size() - 1).key().id();
            }
            page = entries.iterator();
        }
        LedgerEntry previous = current;
        current = page.hasNext() ? page.next() : null;
        if (current != null && previous != null && current.key().id().compareTo(previous.key().id()) <= 0) {
            // The merge relies on scan's order being String order (binary collation): never guess.
            throw new OutOfOrderException("ledger scan returned " + current.key().id() + " after "
                    + previous.key().id() + ": scan must order ids as String.compareTo does (binary collation)");
        }
    }

    /** The ledger's scan is not in the key order the comparison needs. */
    public static final class OutOfOrderException extends RuntimeException {
        OutOfOrderException(String message) {
            super(message, null, false, false);
        }
    }
}
