package dev.resilientpay.internal;

import dev.resilientpay.Outcome;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The default ledger: a concurrent map. It lives as long as the process, so it protects against
 * duplicate calls within one process; a durable ledger is needed to survive restarts.
 */
public final class InMemoryPaymentLedger implements PaymentLedger {

    private final ConcurrentMap<String, LedgerEntry> entries = new ConcurrentHashMap<>();

    @Override
    public Begin begin(LedgerEntry entry) {
        Objects.requireNonNull(entry, "entry");
        // compute() is atomic per key: two callers can never both see "absent".
        Begin[] result = new Begin[1];
        entries.compute(entry.key(), (key, existing) -> {
            if (existing == null) {
                result[0] = new Begin.Started(entry);
                return entry;
            }
            result[0] = existing.fingerprint().equals(entry.fingerprint())
                    ? new Begin.Existing(existing)
                    : new Begin.Conflict(existing);
            return existing;
        });
        return result[0];
    }

    @Override
    public void complete(String key, Outcome outcome, LedgerState state) {
        Objects.requireNonNull(state, "state");
        entries.computeIfPresent(key, (k, existing) -> existing.with(state, outcome, Instant.now()));
    }

    @Override
    public void release(String key) {
        entries.remove(key);
    }

    @Override
    public Optional<LedgerEntry> find(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public List<LedgerEntry> unresolved() {
        return entries.values().stream()
                .filter(e -> e.state() != LedgerState.COMPLETED)
                .sorted(Comparator.comparing(LedgerEntry::startedAt, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
    }

    @Override
    public String toString() {
        return "InMemoryPaymentLedger[" + entries.size() + " entries]";
    }
}
