package dev.resilientpay.spi;

import dev.resilientpay.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * Durable memory of idempotent calls, so that the same order id is never charged twice and an
 * interrupted call can be finished later. The default is in memory; a database-backed ledger
 * (shared by several service instances) implements the same interface.
 *
 * <p>Implementations must make {@link #begin} atomic per key.
 */
public interface PaymentLedger {

    /**
     * A new ledger in this process's memory: the default. It prevents duplicate charges within one
     * process; to survive restarts (and let {@code recover()} finish calls a crash interrupted), use a
     * durable implementation.
     *
     * @return a new ledger in this process's memory: the default
     */
    static PaymentLedger inMemory() {
        return new dev.resilientpay.internal.InMemoryPaymentLedger();
    }

    /**
     * Records the start of a call unless its key is known.
     *
     * @param entry the new entry, in state {@link LedgerState#IN_FLIGHT}
     * @return {@link Begin.Started} when the entry was stored, otherwise what is already there
     */
    Begin begin(LedgerEntry entry);

    /**
     * Records a call's outcome: {@link LedgerState#COMPLETED}, or {@link LedgerState#IN_DOUBT} for an
     * in-doubt outcome. May be called again when a later query or notification learns more.
     *
     * @param key the order id or refund id the call is recorded under
     * @param outcome the final outcome
     * @param state {@link LedgerState#COMPLETED} or {@link LedgerState#IN_DOUBT}
     */
    void complete(String key, Outcome outcome, LedgerState state);

    /**
     * Forgets a key whose request provably never reached the provider, so it may be sent afresh.
     *
     * @param key the order id or refund id
     */
    void release(String key);

    /**
     * The entry of {@code key}, if any.
     *
     * @param key the order id or refund id
     * @return the entry of {@code key}, if any
     */
    Optional<LedgerEntry> find(String key);

    /** {@return every entry still {@link LedgerState#IN_FLIGHT} or {@link LedgerState#IN_DOUBT}} */
    List<LedgerEntry> unresolved();

    /** What {@link #begin} found. */
    sealed interface Begin {
        /**
         * The entry was stored: this caller runs the call.
         *
         * @param entry the stored entry
         */
        record Started(LedgerEntry entry) implements Begin {}

        /**
         * The key is known with the same fingerprint.
         *
         * @param entry the stored entry
         */
        record Existing(LedgerEntry entry) implements Begin {}

        /**
         * The key is known with another fingerprint: a different request reuses the id.
         *
         * @param entry the stored entry
         */
        record Conflict(LedgerEntry entry) implements Begin {}
    }
}
