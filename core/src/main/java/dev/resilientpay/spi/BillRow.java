package dev.resilientpay.spi;

import dev.resilientpay.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of a provider's trade bill, provider-neutral: a payment, a refund, or the reversal of a
 * payment, as the provider booked it. Adapters produce rows only from a bill they have verified
 * (signature, digest, summary lines).
 *
 * @param type             what the row books
 * @param orderId          the merchant order id ({@code out_trade_no})
 * @param transactionId    the provider's transaction id, or {@code null} if the bill has none
 * @param refundId         the merchant refund id ({@code out_request_no} / {@code out_refund_no}) of a
 *                         {@link Type#REFUND}; {@code null} otherwise
 * @param providerRefundId the provider's refund id, or {@code null}
 * @param amount           the order amount (payment, reversal) or the refund amount (refund)
 * @param time             when the provider booked it (payment or refund completion)
 * @param rawStatus        the provider's own status text ({@code SUCCESS}, {@code REFUND}, {@code 交易}),
 *                         or {@code null}
 */
public record BillRow(Type type, String orderId, String transactionId, String refundId, String providerRefundId,
                      Money amount, Instant time, String rawStatus) {

    /** What a bill row books. */
    public enum Type {
        /** A payment that succeeded. */
        PAYMENT,
        /** A refund (money returned to the payer), including one made outside this library (merchant portal). */
        REFUND,
        /** A payment reversed or revoked after it succeeded (WeChat Pay {@code REVOKED}): no money kept. */
        REVERSAL
    }

    /** Validates the required fields: type, order id, amount, time; a refund has a refund id. */
    public BillRow {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(time, "time");
        if (orderId == null || orderId.isEmpty()) {
            throw new IllegalArgumentException("bill row orderId must not be empty");
        }
        if (type == Type.REFUND && (refundId == null || refundId.isEmpty())) {
            throw new IllegalArgumentException("bill row of a refund must have a refundId");
        }
        if (type != Type.REFUND && refundId != null) {
            throw new IllegalArgumentException("only a refund row has a refundId");
        }
    }
}
