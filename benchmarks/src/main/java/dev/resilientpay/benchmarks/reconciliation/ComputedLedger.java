package dev.resilientpay.benchmarks.reconciliation;

import dev.resilientpay.Outcome;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A read-only ledger whose entries are computed from {@link SyntheticDay} on demand: it holds nothing,
 * so the heap measured is the reconciler's alone. Only {@link #scan} and {@link #find} are served.
 */
final class ComputedLedger implements PaymentLedger {

    private final SyntheticDay day;

    ComputedLedger(SyntheticDay day) {
        this.day = day;
    }

    @Override
    public List<LedgerEntry> scan(String provider, String merchant, Instant from, Instant to, String afterId, int limit) {
        long first = afterId == null ? 0 : Long.parseLong(afterId.substring("pay:O".length())) + 1;
        List<LedgerEntry> page = new ArrayList<>(limit);
        for (long i = first; i < day.size() && page.size() < limit; i++) {
            page.add(day.entry(i)); // ids are zero-padded: numeric order is key order
        }
        return page;
    }

    @Override
    public Optional<LedgerEntry> find(LedgerKey key) {
        long i = Long.parseLong(key.id().substring("pay:O".length()));
        return i < day.size() ? Optional.of(day.entry(i)) : Optional.empty();
    }

    @Override public Instant now() { return Instant.now(); }
    @Override public Begin begin(LedgerEntry entry, Duration lease) { throw new UnsupportedOperationException(); }
    @Override public Optional<LedgerEntry> renew(LedgerEntry owned, Duration lease) { throw new UnsupportedOperationException(); }
    @Override public Optional<LedgerEntry> claim(LedgerKey key, String owner, Duration lease) { throw new UnsupportedOperationException(); }
    @Override public List<LedgerEntry> claimUnresolved(String owner, Duration lease, int limit) { throw new UnsupportedOperationException(); }
    @Override public Optional<LedgerEntry> complete(LedgerEntry seen, LedgerState state, Outcome outcome, int attempts) { throw new UnsupportedOperationException(); }
    @Override public boolean release(LedgerEntry owned) { throw new UnsupportedOperationException(); }
    @Override public List<LedgerEntry> unresolved(int limit) { return List.of(); }
    @Override public int purgeCompleted(Instant before, int limit) { return 0; }
}
