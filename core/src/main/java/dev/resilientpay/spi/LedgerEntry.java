package dev.resilientpay.spi;

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
        long version) {

    /** Validates that exactly one request is present and that no payment code is kept. */
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

    /** A new in-flight entry owned by {@code owner}, as a client hands it to {@link PaymentLedger#begin}. */
    public static LedgerEntry start(LedgerKey key, String fingerprint, PaymentRequest payment, RefundRequest refund,
                                    String owner, Instant now) {
        Objects.requireNonNull(owner, "owner");
        return new LedgerEntry(key, fingerprint, payment == null ? null : payment.withoutSecrets(), refund,
                LedgerState.IN_FLIGHT, null, 0, now, now, owner, null, 0);
    }

    /** The merchant order id. */
    public String orderId() {
        return payment != null ? payment.orderId() : refund.orderId();
    }

    /** Whether {@code owner} holds this entry's lease at {@code now} (ledger clock). */
    public boolean ownedBy(String owner, Instant now) {
        return owner != null && owner.equals(this.owner) && leaseUntil != null && now.isBefore(leaseUntil);
    }

    /** Whether nobody holds a live lease on this entry at {@code now} (ledger clock). */
    public boolean unowned(Instant now) {
        return owner == null || leaseUntil == null || !now.isBefore(leaseUntil);
    }

    /**
     * This entry with another state and outcome, ownership released, version incremented: what a
     * ledger stores on {@link PaymentLedger#complete}.
     */
    public LedgerEntry completed(LedgerState state, Outcome outcome, int attempts, Instant now) {
        return new LedgerEntry(key, fingerprint, payment, refund, state, outcome, Math.max(this.attempts, attempts),
                startedAt, now, null, null, version + 1);
    }

    /** This entry owned by {@code owner} until {@code leaseUntil}, version incremented (a claim). */
    public LedgerEntry claimed(String owner, Instant leaseUntil, Instant now) {
        return new LedgerEntry(key, fingerprint, payment, refund, state, outcome, attempts, startedAt, now, owner,
                leaseUntil, version + 1);
    }

    /** This entry with its lease extended to {@code leaseUntil}; same version (renewal is not a change of state). */
    public LedgerEntry renewed(Instant leaseUntil) {
        return new LedgerEntry(key, fingerprint, payment, refund, state, outcome, attempts, startedAt, updatedAt, owner,
                leaseUntil, version);
    }

    @Override
    public String toString() {
        return "LedgerEntry[" + key + ", " + state + ", v" + version
                + (owner != null ? ", owner=" + owner + " until " + leaseUntil : "")
                + (outcome != null ? ", " + outcome.getClass().getSimpleName() : "") + "]";
    }
}
