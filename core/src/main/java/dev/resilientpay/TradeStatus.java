package dev.resilientpay;

import java.time.Instant;
import java.util.Objects;

/**
 * What the provider knows of an order.
 *
 * @param orderId       merchant order id
 * @param state         provider-neutral state
 * @param transactionId provider transaction id, or {@code null} before one exists
 * @param amount        order amount, or {@code null} if the provider did not say
 * @param paidAt        when it was paid, or {@code null}
 * @param rawState      the provider's own state text ({@code TRADE_SUCCESS}, {@code NOTPAY}), or {@code null}
 */
public record TradeStatus(
        String orderId, TradeState state, String transactionId, Money amount, Instant paidAt, String rawState) {

    /**
     * Validates the required fields.
     *
     * @param amount order amount, or {@code null} if the provider did not say
     * @param orderId merchant order id
     * @param paidAt when it was paid, or {@code null}
     * @param rawState the provider's own state text ({@code TRADE_SUCCESS}, {@code NOTPAY}), or {@code null}
     * @param state provider-neutral state
     * @param transactionId provider transaction id, or {@code null} before one exists
     */
    public TradeStatus {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(state, "state");
    }

    /**
     * The status of an order the provider does not know.
     *
     * @param orderId merchant order id
     * @return the status of an order the provider does not know
     */
    public static TradeStatus notFound(String orderId) {
        return new TradeStatus(orderId, TradeState.NOT_FOUND, null, null, null, null);
    }
}
