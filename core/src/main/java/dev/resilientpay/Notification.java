package dev.resilientpay;

import java.util.Objects;

/**
 * A verified notification from a provider. It is a hint, not proof of an amount the caller did not
 * check: the client checks it against the order when it knows the order.
 */
public sealed interface Notification {

    /** {@return the provider's notification id (Alipay {@code notify_id}, WeChat {@code id}); redeliveries repeat it} */
    String id();

    /** {@return the provider's event type ({@code trade_status_sync}, {@code TRANSACTION.SUCCESS}, {@code REFUND.SUCCESS})} */
    String eventType();

    /** {@return the merchant order id concerned} */
    String orderId();

    /**
     * An order's payment state changed.
     *
     * @param id        notification id
     * @param eventType provider event type
     * @param status    the order's status as notified
     */
    record PaymentNotification(String id, String eventType, TradeStatus status) implements Notification {
        /**
         * Validates the fields.
         *
         * @param eventType provider event type
         * @param id notification id
         * @param status the order's status as notified
         */
        public PaymentNotification {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
        }

        @Override
        public String orderId() {
            return status.orderId();
        }
    }

    /**
     * A refund's state changed.
     *
     * @param id        notification id
     * @param eventType provider event type
     * @param status    the refund's status as notified
     */
    record RefundNotification(String id, String eventType, RefundStatus status) implements Notification {
        /**
         * Validates the fields.
         *
         * @param eventType provider event type
         * @param id notification id
         * @param status the order's status as notified
         */
        public RefundNotification {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(status, "status");
        }

        @Override
        public String orderId() {
            return status.orderId();
        }
    }
}
