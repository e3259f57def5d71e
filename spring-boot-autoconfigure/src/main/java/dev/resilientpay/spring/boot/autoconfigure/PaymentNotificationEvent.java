package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.Notification;
import java.util.Objects;
import org.springframework.context.ApplicationEvent;

/**
 * A verified notification arrived at a merchant's endpoint. Published synchronously before the
 * endpoint answers the provider: when a listener throws, the provider is answered with a failure
 * (the result's {@code retryReply()}) and delivers the notification again, so that a notification is
 * acknowledged only once the application has handled it. Handle it idempotently and never drop one
 * for being a {@link #duplicate() duplicate}: the first delivery may be the one the application
 * failed to store. Forged, malformed or unsigned notifications never become events.
 */
public final class PaymentNotificationEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    /** The merchant name from the configuration. */
    private final String merchant;
    /** {@code alipay} or {@code wechat}. */
    private final String provider;
    private final transient Notification notification;
    /** Whether the ledger already knew what the notification proves. */
    private final boolean duplicate;

    /**
     * An event for one verified notification.
     *
     * @param source       the publisher
     * @param merchant     the merchant name from the configuration
     * @param provider     {@code alipay} or {@code wechat}
     * @param notification the verified notification
     * @param duplicate    whether the ledger already knew what it proves (a redelivery, or a faster query)
     */
    public PaymentNotificationEvent(Object source, String merchant, String provider, Notification notification,
                                    boolean duplicate) {
        super(source);
        this.merchant = Objects.requireNonNull(merchant, "merchant");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.notification = Objects.requireNonNull(notification, "notification");
        this.duplicate = duplicate;
    }

    /** {@return the merchant name, as configured under {@code resilientpay.<provider>.merchants}} */
    public String merchant() {
        return merchant;
    }

    /** {@return {@code alipay} or {@code wechat}} */
    public String provider() {
        return provider;
    }

    /** {@return the verified notification (a payment or a refund)} */
    public Notification notification() {
        return notification;
    }

    /** {@return informational: whether the ledger already knew what this notification proves} */
    public boolean duplicate() {
        return duplicate;
    }

    @Override
    public String toString() {
        return "PaymentNotificationEvent[merchant=" + merchant + ", provider=" + provider + ", event="
                + notification.eventType() + ", orderId=" + notification.orderId() + ", duplicate=" + duplicate + "]";
    }
}
