package dev.resilientpay.internal;

import dev.resilientpay.Outcome;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default ledger: a concurrent map. It lives as long as the process, so it protects against
 * duplicate calls within one process; a durable ledger is needed to survive restarts. Completed
 * entries older than the retention are purged as new calls begin, so it does not grow forever.
 */
public final class InMemoryPaymentLedger implements PaymentLedger {

    /** Purge once every this many begins (amortised; each purge scans the map once). */
    private static final int PURGE_EVERY = 4096;

    private final ConcurrentMap<LedgerKey, LedgerEntry> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration retention;
    private final AtomicInteger beginsSincePurge = new AtomicInteger();

    /** A ledger on {@code clock} keeping completed entries for {@code retention}. */
    public InMemoryPaymentLedger(Clock clock, Duration retention) {
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive, was " + retention);
        }
        this.retention = retention;
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public Begin begin(LedgerEntry entry, Duration lease) {
        Objects.requireNonNull(entry, "entry");
        requireLease(lease);
        if (beginsSincePurge.incrementAndGet() >= PURGE_EVERY) {
            beginsSincePurge.set(0);
            purgeCompleted(now().minus(retention), Integer.MAX_VALUE);
        }
        Instant now = now();
        // compute() is atomic per key: two callers can never both see "absent".
        Begin[] result = new Begin[1];
        entries.compute(entry.key(), (key, existing) -> {
            if (existing == null) {
                LedgerEntry stored = new LedgerEntry(entry.key(), entry.fingerprint(), entry.payment(), entry.refund(),
                        LedgerState.IN_FLIGHT, null, 0, now, now, entry.owner(), now.plus(lease), 1, entry.policy());
                result[0] = new Begin.Started(stored);
                return stored;
            }
            result[0] = existing.fingerprint().equals(entry.fingerprint())
                    ? new Begin.Existing(existing)
                    : new Begin.Conflict(existing);
            return existing;
        });
        return result[0];
    }

    @Override
    public Optional<LedgerEntry> renew(LedgerEntry owned, Duration lease) {
        requireLease(lease);
        Instant now = now();
        LedgerEntry renewed = entries.computeIfPresent(owned.key(), (k, existing) ->
                existing.version() == owned.version() && existing.ownedBy(owned.owner(), now)
                        ? existing.renewed(now.plus(lease)) : existing);
        return renewed != null && renewed.version() == owned.version() && renewed.ownedBy(owned.owner(), now)
                ? Optional.of(renewed) : Optional.empty();
    }

    @Override
    public Optional<LedgerEntry> claim(LedgerKey key, String owner, Duration lease) {
        Objects.requireNonNull(owner, "owner");
        requireLease(lease);
        Instant now = now();
        LedgerEntry[] claimed = new LedgerEntry[1];
        entries.computeIfPresent(key, (k, existing) -> {
            if (existing.state() == LedgerState.COMPLETED || !existing.unowned(now)) {
                return existing;
            }
            claimed[0] = existing.claimed(owner, now.plus(lease), now);
            return claimed[0];
        });
        return Optional.ofNullable(claimed[0]);
    }

    @Override
    public List<LedgerEntry> claimUnresolved(String owner, Duration lease, int limit) {
        List<LedgerEntry> claimed = new ArrayList<>();
        List<LedgerEntry> candidates = entries.values().stream()
                .filter(e -> e.state() != LedgerState.COMPLETED)
                .sorted(Comparator.comparing(LedgerEntry::updatedAt).thenComparing(e -> e.key().toString()))
                .toList();
        for (LedgerEntry candidate : candidates) {
            if (claimed.size() >= limit) {
                break;
            }
            claim(candidate.key(), owner, lease).ifPresent(claimed::add);
        }
        return claimed;
    }

    @Override
    public Optional<LedgerEntry> complete(LedgerEntry seen, LedgerState state, Outcome outcome, int attempts) {
        Objects.requireNonNull(state, "state");
        Instant now = now();
        LedgerEntry[] stored = new LedgerEntry[1];
        entries.computeIfPresent(seen.key(), (k, existing) -> {
            if (existing.version() != seen.version()) {
                return existing;
            }
            stored[0] = existing.completed(state, outcome, existing.attempts() + attempts, now);
            return stored[0];
        });
        return Optional.ofNullable(stored[0]);
    }

    @Override
    public boolean release(LedgerEntry owned) {
        boolean[] removed = new boolean[1];
        entries.computeIfPresent(owned.key(), (k, existing) -> {
            if (existing.version() == owned.version()) {
                removed[0] = true;
                return null;
            }
            return existing;
        });
        return removed[0];
    }

    @Override
    public Optional<LedgerEntry> find(LedgerKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public List<LedgerEntry> unresolved(int limit) {
        return entries.values().stream()
                .filter(e -> e.state() != LedgerState.COMPLETED)
                .sorted(Comparator.comparing(LedgerEntry::startedAt).thenComparing(e -> e.key().toString()))
                .limit(limit)
                .toList();
    }

    @Override
    public List<LedgerEntry> scan(String provider, String merchant, Instant from, Instant to, String afterId, int limit) {
        return entries.values().stream()
                .filter(e -> e.key().provider().equals(provider) && e.key().merchant().equals(merchant))
                .filter(e -> !e.startedAt().isBefore(from) && e.startedAt().isBefore(to))
                .filter(e -> afterId == null || e.key().id().compareTo(afterId) > 0)
                .sorted(Comparator.comparing(e -> e.key().id()))
                .limit(limit)
                .toList();
    }

    @Override
    public int purgeCompleted(Instant before, int limit) {
        int purged = 0;
        for (LedgerEntry entry : entries.values()) {
            if (purged >= limit) {
                break;
            }
            if (entry.state() == LedgerState.COMPLETED && entry.updatedAt().isBefore(before)
                    && entries.remove(entry.key(), entry)) {
                purged++;
            }
        }
        return purged;
    }

    private static void requireLease(Duration lease) {
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, was " + lease);
        }
    }

    @Override
    public String toString() {
        return "InMemoryPaymentLedger[" + entries.size() + " entries, retention " + retention + "]";
    }
}
