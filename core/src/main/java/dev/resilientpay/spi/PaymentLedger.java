package dev.resilientpay.spi;

import dev.resilientpay.Outcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable memory of idempotent calls, so that the same order id is never charged twice and an
 * interrupted call can be finished later — by this instance or, with a shared ledger, by another.
 * The default is in memory ({@link #inMemory()}); {@code resilient-pay-ledger-jdbc} keeps it in
 * PostgreSQL or MySQL/MariaDB, shared by every instance of a service.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li><b>Atomic per key.</b> {@link #begin} stores an entry only if its key is unknown; of two
 *       concurrent callers exactly one gets {@link Begin.Started}.</li>
 *   <li><b>Leases.</b> An in-flight entry is owned by one instance until its lease ends. Leases are
 *       measured with the ledger's own clock ({@link #now()}: the database's for a shared ledger), never
 *       the instances' clocks. {@link #renew} extends a lease the caller still holds.</li>
 *   <li><b>Fencing.</b> Every write that changes an entry is a compare-and-set on
 *       {@link LedgerEntry#version()} and increments it. A caller whose lease was taken over gets
 *       {@code false}/empty and must re-read instead of overwriting.</li>
 *   <li><b>Claims.</b> {@link #claim} and {@link #claimUnresolved} take over only entries nobody holds a
 *       live lease on; {@link #claimUnresolved} hands each entry to exactly one of several concurrent
 *       claimers.</li>
 *   <li><b>No secrets.</b> Entries never hold a payment code (the pipeline stores
 *       {@link dev.resilientpay.PaymentRequest#withoutSecrets()}).</li>
 * </ul>
 * {@code PaymentLedgerContract} in core's test jar is the executable form of this contract: a ledger
 * for another store passes it too.
 */
public interface PaymentLedger {

    /** Default time completed entries are kept before {@link #purgeCompleted} may delete them: 90 days. */
    Duration DEFAULT_RETENTION = Duration.ofDays(90);

    /**
     * A new ledger in this process's memory: the default. It prevents duplicate charges within one
     * process and keeps completed entries for {@link #DEFAULT_RETENTION}; to survive restarts and
     * share the ledger between instances, use a durable implementation.
     */
    static PaymentLedger inMemory() {
        return inMemory(Clock.systemUTC(), DEFAULT_RETENTION);
    }

    /**
     * A new in-memory ledger on {@code clock} (leases and retention), purging completed entries older
     * than {@code retention} as new ones arrive.
     */
    static PaymentLedger inMemory(Clock clock, Duration retention) {
        return new dev.resilientpay.internal.InMemoryPaymentLedger(clock, retention);
    }

    /** The ledger's clock: lease ends and timestamps are in this time (the database's for a shared ledger). */
    Instant now();

    /**
     * Records the start of a call unless its key is known. The stored entry is owned by
     * {@code entry.owner()} for {@code lease}.
     *
     * @param entry a new entry from {@link LedgerEntry#start}
     * @param lease how long the owner holds it before it must {@link #renew}
     * @return {@link Begin.Started} with the stored entry, otherwise what is already there
     */
    Begin begin(LedgerEntry entry, Duration lease);

    /**
     * Extends the lease of an entry {@code owned} still holds.
     *
     * @return the renewed entry, or empty if the lease was lost (the entry changed, or another owner
     *     claimed it): the caller must stop acting on the call and re-read it
     */
    Optional<LedgerEntry> renew(LedgerEntry owned, Duration lease);

    /**
     * Takes over the entry of {@code key} if nobody holds a live lease on it (its owner died, or it is in
     * doubt) and it is not {@link LedgerState#COMPLETED}.
     *
     * @return the claimed entry, owned by {@code owner}; empty if it is completed, live elsewhere, or unknown
     */
    Optional<LedgerEntry> claim(LedgerKey key, String owner, Duration lease);

    /**
     * Claims up to {@code limit} unresolved entries nobody holds a live lease on (crashed calls and
     * in-doubt calls), least recently updated first (so an entry tried again and still in doubt goes to
     * the back). Concurrent claimers never get the same entry.
     */
    List<LedgerEntry> claimUnresolved(String owner, Duration lease, int limit);

    /**
     * Records an outcome if the entry is still at {@code seen.version()}: {@link LedgerState#COMPLETED}
     * for a definite outcome, {@link LedgerState#IN_DOUBT} for an unresolved one. Ownership is released.
     * Used by the owner of a call, and by whoever learns news of an entry it read (a query, a
     * notification).
     *
     * @param attempts sends made by this caller, added to the entry's count
     * @return the stored entry, or empty if the entry changed since {@code seen} (re-read it)
     */
    Optional<LedgerEntry> complete(LedgerEntry seen, LedgerState state, Outcome outcome, int attempts);

    /**
     * Forgets an entry whose request provably never reached the provider, so it may be sent afresh;
     * only if it is still at {@code owned.version()}.
     *
     * @return whether it was deleted
     */
    boolean release(LedgerEntry owned);

    /** The entry of {@code key}, if any. */
    Optional<LedgerEntry> find(LedgerKey key);

    /** Up to {@code limit} entries not {@link LedgerState#COMPLETED}, oldest first, whoever owns them. */
    List<LedgerEntry> unresolved(int limit);

    /**
     * A page of one merchant's entries started in {@code [from, to)}, in key order after {@code afterId}:
     * what reconciliation compares with the provider's bill.
     *
     * @param afterId the last {@link LedgerKey#id()} of the previous page, or {@code null} for the first
     */
    List<LedgerEntry> scan(String provider, String merchant, Instant from, Instant to, String afterId, int limit);

    /**
     * Deletes up to {@code limit} completed entries last updated before {@code before}.
     *
     * @return how many were deleted; call again while it returns {@code limit}
     */
    int purgeCompleted(Instant before, int limit);

    /** What {@link #begin} found. */
    sealed interface Begin {
        /**
         * The entry was stored: this caller owns it and runs the call.
         *
         * @param entry the stored entry
         */
        record Started(LedgerEntry entry) implements Begin {}

        /**
         * The key is known with the same fingerprint.
         *
         * @param entry the entry as stored
         */
        record Existing(LedgerEntry entry) implements Begin {}

        /**
         * The key is known with another fingerprint: a different request reuses the id.
         *
         * @param entry the entry as stored
         */
        record Conflict(LedgerEntry entry) implements Begin {}
    }
}
