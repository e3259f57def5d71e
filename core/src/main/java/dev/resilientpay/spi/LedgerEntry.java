package dev.resilientpay.spi;

import dev.resilientpay.OperationPolicy;
import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import java.time.Instant;
import java.util.Objects;

/**
 * One idempotent call as the ledger records it. Immutable: the ledger returns a new entry for every
 * change.
 *
 * <p><b>Ownership.</b> While a call runs, its entry is {@link LedgerState#IN_FLIGHT} and owned by the
 * client instance running it ({@link #owner()}) until {@link #leaseUntil()}; the owner renews the
 * lease while it works. {@link #version()} is a fencing token: every change of state or owner
 * increments it, and every write is a compare-and-set on it, so an instance whose lease was taken
 * over can never overwrite what the new owner recorded.
 *
 * <p><b>Policy.</b> {@link #policy()} is the {@link OperationPolicy} the call was begun with (see
 * {@link #withPolicy}). Whoever finishes the call later — {@code resolve}, {@code recover}, or another
 * instance taking it over — runs it with that policy's attempt timeout, sends, backoff and polling
 * instead of its own current defaults. It is {@code null} for entries written before entries kept
 * a policy, and for calls begun without one; they are finished with the client's current policy.
 * Every change of state or owner keeps it.
 *
 * @param key         the call's identity
 * @param fingerprint hash of the request's canonical fields; another request with the same key and
 *                    another fingerprint is a conflict
 * @param payment     the payment request, or {@code null} for a refund; a payment code is never kept
 *                    (see {@link dev.resilientpay.PaymentMethod.PaymentCode#redacted()})
 * @param refund      the refund request, or {@code null} for a payment
 * @param state       where the call stands
 * @param outcome     the last outcome, or {@code null} while in flight
 * @param attempts    sends made so far, across every instance that worked on the call
 * @param startedAt   when the first call began
 * @param updatedAt   when the entry last changed
 * @param owner       the instance that owns the entry, or {@code null} when nobody does
 * @param leaseUntil  when the owner's lease ends, in the ledger's clock, or {@code null} without owner
 * @param version     the fencing token, incremented on every change; {@code 0} before it is stored
 * @param policy      the policy the call was begun with, or {@code null} if none was recorded
 */
public record LedgerEntry(
        LedgerKey key,
        String fingerprint,
        PaymentRequest payment,
        RefundRequest refund,
        LedgerState state,
        Outcome outcome,
        int attempts,
        Instant startedAt,
        Instant updatedAt,
        String owner,
        Instant leaseUntil,
        long version,
        OperationPolicy policy) {

    /**
     * Validates that exactly one request is present and that no payment code is kept.
     *
     * @param key         the call's identity
     * @param fingerprint hash of the request's canonical fields; another request with the same key and
     *                    another fingerprint is a conflict
     * @param payment     the payment request, or {@code null} for a refund; a payment code is never kept
     *                    (see {@link dev.resilientpay.PaymentMethod.PaymentCode#redacted()})
     * @param refund      the refund request, or {@code null} for a payment
     * @param state       where the call stands
     * @param outcome     the last outcome, or {@code null} while in flight
     * @param attempts    sends made so far, across every instance that worked on the call
     * @param startedAt   when the first call began
     * @param updatedAt   when the entry last changed
     * @param owner       the instance that owns the entry, or {@code null} when nobody does
     * @param leaseUntil  when the owner's lease ends, in the ledger's clock, or {@code null} without owner
     * @param version     the fencing token, incremented on every change; {@code 0} before it is stored
     * @param policy      the policy the call was begun with, or {@code null} if none was recorded
     */
    public LedgerEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if ((payment == null) == (refund == null)) {
            throw new IllegalArgumentException("exactly one of payment and refund must be set");
        }
        if (payment != null && payment.method() instanceof dev.resilientpay.PaymentMethod.PaymentCode code
                && !code.isRedacted()) {
            throw new IllegalArgumentException("a ledger entry must not keep a payment code: use PaymentRequest.withoutSecrets()");
        }
        if (attempts < 0 || version < 0) {
            throw new IllegalArgumentException("attempts and version must not be negative");
        }
    }

    /**
     * An entry without a recorded policy: the form of entries before they kept one. Ledgers and tests
     * that build entries field by field keep compiling; the pipeline then uses the client's current
     * policy for the call.
     *
     * @param key         the call's identity
     * @param fingerprint hash of the request's canonical fields
     * @param payment     the payment request, or {@code null} for a refund
     * @param refund      the refund request, or {@code null} for a payment
     * @param state       where the call stands
     * @param outcome     the last outcome, or {@code null} while in flight
     * @param attempts    sends made so far
     * @param startedAt   when the first call began
     * @param updatedAt   when the entry last changed
     * @param owner       the instance that owns the entry, or {@code null}
     * @param leaseUntil  when the owner's lease ends, or {@code null} without owner
     * @param version     the fencing token
     */
    public LedgerEntry(LedgerKey key, String fingerprint, PaymentRequest payment, RefundRequest refund,
                       LedgerState state, Outcome outcome, int attempts, Instant startedAt, Instant updatedAt,
                       String owner, Instant leaseUntil, long version) {
        this(key, fingerprint, payment, refund, state, outcome, attempts, startedAt, updatedAt, owner, leaseUntil,
                version, null);
    }

    /**
     * A new in-flight entry owned by {@code owner}, as a client hands it to {@link PaymentLedger#begin}.
     *
     * @param key         the call's identity
     * @param fingerprint hash of the request's canonical fields
     * @param payment     the payment request, or {@code null} for a refund; its payment code is dropped
     * @param refund      the refund request, or {@code null} for a payment
     * @param owner       the instance that starts the call
     * @param now         the current time, in the ledger's clock
     * @return an unstored entry ({@code version} 0) with no attempts and no outcome
     */
    public static LedgerEntry start(LedgerKey key, String fingerprint, PaymentRequest payment, RefundRequest refund,
                                    String owner, Instant now) {
        Objects.requireNonNull(owner, "owner");
        return new LedgerEntry(key, fingerprint, payment == null ? null : payment.withoutSecrets(), refund,
                LedgerState.IN_FLIGHT, null, 0, now, now, owner, null, 0, null);
    }

    /**
     * This entry recording {@code policy} as the call's policy, everything else unchanged: what a
     * client hands to {@link PaymentLedger#begin} is {@code LedgerEntry.start(...).withPolicy(policy)}.
     *
     * @param policy the policy the call runs with, or {@code null} to record none
     * @return a copy with {@code policy}
     */
    public LedgerEntry withPolicy(OperationPolicy policy) {
        return new LedgerEntry(key, fingerprint, payment, refund, state, outcome, attempts, startedAt, updatedAt, owner,
                leaseUntil, version, policy);
    }

    /** {@return the merchant order id of the payment or refund} */
    public String orderId() {
        return payment != null ? payment.orderId() : refund.orderId();
    }

    /**
     * Whether {@code owner} holds this entry's lease at {@code now} (ledger clock).
     *
     * @param owner the instance id to check
     * @param now   the current time, in the ledger's clock
     * @return {@code true} if {@code owner} is the owner and its lease has not ended
     */
    public boolean ownedBy(String owner, Instant now) {
        return owner != null && owner.equals(this.owner) && leaseUntil != null && now.isBefore(leaseUntil);
    }

    /**
     * Whether nobody holds a live lease on this entry at {@code now} (ledger clock).
     *
     * @param now the current time, in the ledger's clock
     * @return {@code true} if there is no owner or the owner's lease has ended
     */
    public boolean unowned(Instant now) {
        return owner == null || leaseUntil == null || !now.isBefore(leaseUntil);
    }

    /**
     * This entry with another state and outcome, ownership released, version incremented: what a
     * ledger stores on {@link PaymentLedger#complete}.
     *
     * @param state    the new state
     * @param outcome  the new outcome
     * @param attempts sends made by the completing instance; the larger of it and the recorded count is kept
     * @param now      the current time, in the ledger's clock
     * @return the completed entry
     */
    public LedgerEntry completed(LedgerState state, Outcome outcome, int attempts, Instant now) {
        return new LedgerEntry(key, fingerprint, payment, refund, state, outcome, Math.max(this.attempts, attempts),
                startedAt, now, null, null, version + 1, policy);
    }

    /**
     * This entry owned by {@code owner} until {@code leaseUntil}, version incremented (a claim).
     *
     * @param owner      the instance that claims the entry
     * @param leaseUntil when its lease ends, in the ledger's clock
     * @param now        the current time, in the ledger's clock
     * @return the claimed entry
     */
    public LedgerEntry claimed(String owner, Instant leaseUntil, Instant now) {
        return new LedgerEntry(key, fingerprint, payment, refund, state, outcome, attempts, startedAt, now, owner,
                leaseUntil, version + 1, policy);
    }

    /**
     * This entry with its lease extended to {@code leaseUntil}; same version (renewal is not a change of state).
     *
     * @param leaseUntil the new end of the lease, in the ledger's clock
     * @return the renewed entry
     */
    public LedgerEntry renewed(Instant leaseUntil) {
        return new LedgerEntry(key, fingerprint, payment, refund, state, outcome, attempts, startedAt, updatedAt, owner,
                leaseUntil, version, policy);
    }

    @Override
    public String toString() {
        return "LedgerEntry[" + key + ", " + state + ", v" + version
                + (owner != null ? ", owner=" + owner + " until " + leaseUntil : "")
                + (outcome != null ? ", " + outcome.getClass().getSimpleName() : "") + "]";
    }
}
