package dev.resilientpay;

import java.time.Instant;
import java.util.Objects;

/**
 * What the provider knows of a refund.
 *
 * @param orderId          merchant order id
 * @param refundId         merchant refund id
 * @param providerRefundId the provider's refund id, or {@code null}
 * @param amount           refund amount, or {@code null} if the provider did not say
 * @param state            provider-neutral state
 * @param refundedAt       when the money was returned, or {@code null}
 * @param rawState         the provider's own state text, or {@code null}
 */
public record RefundStatus(
        String orderId,
        String refundId,
        String providerRefundId,
        Money amount,
        RefundState state,
        Instant refundedAt,
        String rawState) {

    /**
     * Validates the required fields.
     *
     * @param amount refund amount, or {@code null} if the provider did not say
     * @param orderId merchant order id
     * @param providerRefundId the provider's refund id, or {@code null}
     * @param rawState the provider's own state text, or {@code null}
     * @param refundId merchant refund id
     * @param refundedAt when the money was returned, or {@code null}
     * @param state provider-neutral state
     */
    public RefundStatus {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(state, "state");
    }
}
