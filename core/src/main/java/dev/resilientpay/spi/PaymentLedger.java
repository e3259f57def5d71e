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
 *   <li><b>Policy kept.</b> {@link LedgerEntry#policy()} as given to {@link #begin} is returned by every
 *       later read, claim and completion of the entry, so whoever finishes the call runs it as it was
 *       begun (an entry without one is finished with the client's current policy).</li>
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
     *
     * @return a new, empty in-memory ledger on the system clock
     */
    static PaymentLedger inMemory() {
        return inMemory(Clock.systemUTC(), DEFAULT_RETENTION);
    }

    /**
     * A new in-memory ledger on {@code clock} (leases and retention), purging completed entries older
     * than {@code retention} as new ones arrive.
     *
     * @param clock     the ledger's clock
     * @param retention how long completed entries are kept
     * @return a new, empty in-memory ledger
     */
    static PaymentLedger inMemory(Clock clock, Duration retention) {
        return new dev.resilientpay.internal.InMemoryPaymentLedger(clock, retention);
    }

    /** {@return the ledger's clock: lease ends and timestamps are in this time (the database's for a shared ledger)} */
    Instant now();

    /**
     * Records the start of a call unless its key is known. The stored entry is owned by
     * {@code entry.owner()} for {@code lease} and keeps {@code entry}'s requests, fingerprint and
     * {@link LedgerEntry#policy() policy}, which every later read, claim and completion returns.
     *
     * @param entry a new entry from {@link LedgerEntry#start}
     * @param lease how long the owner holds it before it must {@link #renew}
     * @return {@link Begin.Started} with the stored entry, otherwise what is already there
     */
    Begin begin(LedgerEntry entry, Duration lease);

    /**
     * Extends the lease of an entry {@code owned} still holds.
     *
     * @param owned the entry as its owner last stored or renewed it
     * @param lease how long the lease lasts from now
     * @return the renewed entry, or empty if the lease was lost (the entry changed, or another owner
     *     claimed it): the caller must stop acting on the call and re-read it
     */
    Optional<LedgerEntry> renew(LedgerEntry owned, Duration lease);

    /**
     * Takes over the entry of {@code key} if nobody holds a live lease on it (its owner died, or it is in
     * doubt) and it is not {@link LedgerState#COMPLETED}.
     *
     * @param key   the entry's key
     * @param owner the instance that takes it over
     * @param lease how long it holds the entry before it must {@link #renew}
     * @return the claimed entry, owned by {@code owner}; empty if it is completed, live elsewhere, or unknown
     */
    Optional<LedgerEntry> claim(LedgerKey key, String owner, Duration lease);

    /**
     * Claims up to {@code limit} unresolved entries nobody holds a live lease on (crashed calls and
     * in-doubt calls), least recently updated first (so an entry tried again and still in doubt goes to
     * the back). Concurrent claimers never get the same entry.
     *
     * @param owner the instance that takes them over
     * @param lease how long it holds each entry before it must {@link #renew}
     * @param limit the most entries to claim
     * @return the claimed entries, owned by {@code owner}; empty if there is none
     */
    List<LedgerEntry> claimUnresolved(String owner, Duration lease, int limit);

    /**
     * Records an outcome if the entry is still at {@code seen.version()}: {@link LedgerState#COMPLETED}
     * for a definite outcome, {@link LedgerState#IN_DOUBT} for an unresolved one. Ownership is released.
     * Used by the owner of a call, and by whoever learns news of an entry it read (a query, a
     * notification).
     *
     * @param seen     the entry as the caller last read it
     * @param state    {@link LedgerState#COMPLETED} or {@link LedgerState#IN_DOUBT}
     * @param outcome  the outcome to record
     * @param attempts sends made by this caller, added to the entry's count
     * @return the stored entry, or empty if the entry changed since {@code seen} (re-read it)
     */
    Optional<LedgerEntry> complete(LedgerEntry seen, LedgerState state, Outcome outcome, int attempts);

    /**
     * Forgets an entry whose request provably never reached the provider, so it may be sent afresh;
     * only if it is still at {@code owned.version()}.
     *
     * @param owned the entry as its owner last stored it
     * @return whether it was deleted
     */
    boolean release(LedgerEntry owned);

    /**
     * The entry of {@code key}, if any.
     *
     * @param key the entry's key
     * @return the entry, or empty if the key is unknown
     */
    Optional<LedgerEntry> find(LedgerKey key);

    /**
     * Up to {@code limit} entries not {@link LedgerState#COMPLETED}, oldest first, whoever owns them.
     *
     * @param limit the most entries to return
     * @return the unresolved entries, without claiming them
     */
    List<LedgerEntry> unresolved(int limit);

    /**
     * A page of one merchant's entries started in {@code [from, to)}, in key order after {@code afterId}:
     * what reconciliation compares with the provider's bill.
     *
     * @param provider the provider's name
     * @param merchant the merchant account
     * @param from     start of the period, inclusive
     * @param to       end of the period, exclusive
     * @param afterId  the last {@link LedgerKey#id()} of the previous page, or {@code null} for the first
     * @param limit    the most entries in the page
     * @return the page, empty after the last one
     */
    List<LedgerEntry> scan(String provider, String merchant, Instant from, Instant to, String afterId, int limit);

    /**
     * Deletes up to {@code limit} completed entries last updated before {@code before}.
     *
     * @param before entries last updated before this instant are deleted
     * @param limit  the most entries to delete in this call
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
