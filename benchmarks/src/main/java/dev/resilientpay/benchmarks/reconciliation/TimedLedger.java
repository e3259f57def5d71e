package dev.resilientpay.benchmarks.reconciliation;

import dev.resilientpay.Outcome;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A ledger that counts the time the reconciler spends in its {@link #scan} and {@link #find} calls. */
final class TimedLedger implements PaymentLedger {

    private final PaymentLedger ledger;
    private long nanos;
    private long calls;

    TimedLedger(PaymentLedger ledger) {
        this.ledger = ledger;
    }

    /** Seconds spent in scan and find. */
    double seconds() {
        return nanos / 1e9;
    }

    /** Scan and find calls made. */
    long calls() {
        return calls;
    }

    @Override
    public List<LedgerEntry> scan(String provider, String merchant, Instant from, Instant to, String afterId, int limit) {
        long started = System.nanoTime();
        try {
            return ledger.scan(provider, merchant, from, to, afterId, limit);
        } finally {
            nanos += System.nanoTime() - started;
            calls++;
        }
    }

    @Override
    public Optional<LedgerEntry> find(LedgerKey key) {
        long started = System.nanoTime();
        try {
            return ledger.find(key);
        } finally {
            nanos += System.nanoTime() - started;
            calls++;
        }
    }

    @Override public Instant now() { return ledger.now(); }
    @Override public Begin begin(LedgerEntry entry, Duration lease) { return ledger.begin(entry, lease); }
    @Override public Optional<LedgerEntry> renew(LedgerEntry owned, Duration lease) { return ledger.renew(owned, lease); }
    @Override public Optional<LedgerEntry> claim(LedgerKey key, String owner, Duration lease) { return ledger.claim(key, owner, lease); }
    @Override public List<LedgerEntry> claimUnresolved(String owner, Duration lease, int limit) { return ledger.claimUnresolved(owner, lease, limit); }
    @Override public Optional<LedgerEntry> complete(LedgerEntry seen, LedgerState state, Outcome outcome, int attempts) { return ledger.complete(seen, state, outcome, attempts); }
    @Override public boolean release(LedgerEntry owned) { return ledger.release(owned); }
    @Override public List<LedgerEntry> unresolved(int limit) { return ledger.unresolved(limit); }
    @Override public int purgeCompleted(Instant before, int limit) { return ledger.purgeCompleted(before, limit); }
}
