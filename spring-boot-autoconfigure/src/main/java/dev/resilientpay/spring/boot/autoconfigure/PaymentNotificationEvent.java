package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.Notification;
import java.util.Objects;
import org.springframework.context.ApplicationEvent;

/**
 * A verified notification arrived at a merchant's endpoint. Published synchronously before the
 * endpoint answers the provider: when a listener throws, the provider is answered with a failure and
 * delivers the notification again (then with {@link #duplicate()} {@code true}), so that a
 * notification is acknowledged only once the application has handled it. Forged, malformed or
 * unsigned notifications never become events.
 */
public final class PaymentNotificationEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    private final String merchant;
    private final String provider;
    private final transient Notification notification;
    private final boolean duplicate;

    /**
     * @param source       the publisher
     * @param merchant     the merchant name from the configuration
     * @param provider     {@code alipay} or {@code wechat}
     * @param notification the verified notification
     * @param duplicate    whether the client had already accepted a notification with this id
     */
    public PaymentNotificationEvent(Object source, String merchant, String provider, Notification notification,
                                    boolean duplicate) {
        super(source);
        this.merchant = Objects.requireNonNull(merchant, "merchant");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.notification = Objects.requireNonNull(notification, "notification");
        this.duplicate = duplicate;
    }

    /** @return the merchant name, as configured under {@code resilientpay.<provider>.merchants} */
    public String merchant() {
        return merchant;
    }

    /** @return {@code alipay} or {@code wechat} */
    public String provider() {
        return provider;
    }

    /** @return the verified notification (a payment or a refund) */
    public Notification notification() {
        return notification;
    }

    /** @return whether this notification id was accepted before (a redelivery) */
    public boolean duplicate() {
        return duplicate;
    }

    @Override
    public String toString() {
        return "PaymentNotificationEvent[merchant=" + merchant + ", provider=" + provider + ", event="
                + notification.eventType() + ", orderId=" + notification.orderId() + ", duplicate=" + duplicate + "]";
    }
}
