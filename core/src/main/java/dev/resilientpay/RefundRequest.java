package dev.resilientpay;

import java.util.Objects;

/**
 * A request to refund (part of) a paid order. Immutable; build it with {@link #builder()}.
 *
 * <p>The {@linkplain #refundId() refund id} is the idempotency key of the refund: the same id is sent
 * on every retry (Alipay {@code out_request_no}, WeChat {@code out_refund_no}), so a refund is made at
 * most once however often the call is repeated.
 *
 * @param orderId     the merchant order id of the paid order
 * @param refundId    merchant refund id: 1 to 64 of {@code A-Z a-z 0-9 _ - | *}
 * @param amount      amount to refund, at most {@code orderAmount}
 * @param orderAmount the amount originally paid for the order (WeChat Pay requires it)
 * @param reason      reason shown to the payer, or {@code null}
 * @param notifyUrl   where refund results are posted, or {@code null} for the provider's default
 */
public record RefundRequest(
        String orderId, String refundId, Money amount, Money orderAmount, String reason, String notifyUrl) {

    /**
     * Validates every field; the message names the field and the rule.
     *
     * @param amount amount to refund, at most {@code orderAmount}
     * @param notifyUrl where refund results are posted, or {@code null} for the provider's default
     * @param orderAmount the amount originally paid for the order (WeChat Pay requires it)
     * @param orderId the merchant order id of the paid order
     * @param reason reason shown to the payer, or {@code null}
     * @param refundId merchant refund id: 1 to 64 of {@code A-Z a-z 0-9 _ - | *}
     */
    public RefundRequest {
        PaymentRequest.requireId("orderId", orderId);
        PaymentRequest.requireId("refundId", refundId);
        Objects.requireNonNull(amount, "amount must not be null");
        Objects.requireNonNull(orderAmount, "orderAmount must not be null");
        if (!amount.currency().equals(orderAmount.currency())) {
            throw new IllegalArgumentException("amount and orderAmount must have the same currency");
        }
        if (amount.isGreaterThan(orderAmount)) {
            throw new IllegalArgumentException(
                    "amount must not exceed orderAmount (" + amount + " > " + orderAmount + ")");
        }
        if (reason != null && reason.length() > 80) {
            throw new IllegalArgumentException("reason must be at most 80 characters");
        }
        if (notifyUrl != null && !PaymentRequest.NOTIFY_URL.matcher(notifyUrl).matches()) {
            throw new IllegalArgumentException("notifyUrl must be an http(s) URL of at most 256 characters");
        }
    }

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link RefundRequest}; {@link #build()} validates. */
    public static final class Builder {
        private String orderId;
        private String refundId;
        private Money amount;
        private Money orderAmount;
        private String reason;
        private String notifyUrl;

        private Builder() {}

        /**
         * The paid order's merchant order id.
         *
         * @param orderId the merchant order id of the paid order
         * @return this builder
         */
        public Builder orderId(String orderId) { this.orderId = orderId; return this; }

        /**
         * Merchant refund id (the idempotency key of this refund).
         *
         * @param refundId merchant refund id: 1 to 64 of {@code A-Z a-z 0-9 _ - | *}
         * @return this builder
         */
        public Builder refundId(String refundId) { this.refundId = refundId; return this; }

        /**
         * Amount to refund.
         *
         * @param amount amount to refund, at most {@code orderAmount}
         * @return this builder
         */
        public Builder amount(Money amount) { this.amount = amount; return this; }

        /**
         * Amount originally paid.
         *
         * @param orderAmount the amount originally paid for the order (WeChat Pay requires it)
         * @return this builder
         */
        public Builder orderAmount(Money orderAmount) { this.orderAmount = orderAmount; return this; }

        /**
         * Reason shown to the payer.
         *
         * @param reason reason shown to the payer, or {@code null}
         * @return this builder
         */
        public Builder reason(String reason) { this.reason = reason; return this; }

        /**
         * Where refund results are posted.
         *
         * @param notifyUrl where refund results are posted, or {@code null} for the provider's default
         * @return this builder
         */
        public Builder notifyUrl(String notifyUrl) { this.notifyUrl = notifyUrl; return this; }

        /**
         * Validates and builds.
         *
         * @return the immutable request
         */
        public RefundRequest build() {
            return new RefundRequest(orderId, refundId, amount, orderAmount, reason, notifyUrl);
        }
    }
}
