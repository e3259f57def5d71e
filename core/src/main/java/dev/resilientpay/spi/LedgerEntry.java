package dev.resilientpay.spi;

import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import java.time.Instant;
import java.util.Objects;

/**
 * One idempotent call as the ledger records it.
 *
 * @param key         idempotency key: {@code pay:<orderId>} or {@code refund:<orderId>:<refundId>}
 * @param fingerprint hash of the request's canonical fields; another request with the same key and
 *                    another fingerprint is a conflict
 * @param payment     the payment request, or {@code null} for a refund
 * @param refund      the refund request, or {@code null} for a payment
 * @param state       where the call stands
 * @param outcome     the last outcome, or {@code null} while in flight
 * @param startedAt   when the first call began
 * @param updatedAt   when the entry last changed
 */
public record LedgerEntry(
        String key,
        String fingerprint,
        PaymentRequest payment,
        RefundRequest refund,
        LedgerState state,
        Outcome outcome,
        Instant startedAt,
        Instant updatedAt) {

    /**
     * Validates that exactly one request is present.
     *
     * @param fingerprint hash of the request's canonical fields
     * @param key idempotency key: {@code pay:<orderId>} or {@code refund:<orderId>:<refundId>}
     * @param outcome the last outcome, or {@code null} while in flight
     * @param payment the payment request, or {@code null} for a refund
     * @param refund the refund request, or {@code null} for a payment
     * @param startedAt when the first call began
     * @param state where the call stands
     * @param updatedAt when the entry last changed
     */
    public LedgerEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        if ((payment == null) == (refund == null)) {
            throw new IllegalArgumentException("exactly one of payment and refund must be set");
        }
    }

    /** {@return the merchant order id} */
    public String orderId() {
        return payment != null ? payment.orderId() : refund.orderId();
    }

    /**
     * This entry in {@code state} with {@code outcome}, updated at {@code now}.
     *
     * @param now the time of the update
     * @param outcome the last outcome, or {@code null} while in flight
     * @param state where the call stands
     * @return this entry in {@code state} with {@code outcome}, updated at {@code now}
     */
    public LedgerEntry with(LedgerState state, Outcome outcome, Instant now) {
        return new LedgerEntry(key, fingerprint, payment, refund, state, outcome, startedAt, now);
    }
}
