package dev.resilientpay.examples.shop;

import dev.resilientpay.Notification;
import dev.resilientpay.TradeState;
import dev.resilientpay.spring.boot.autoconfigure.PaymentNotificationEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Verified notifications, as the starter's endpoints publish them. Runs before the gateway is
 * answered: if this threw, the gateway would deliver the notification again.
 */
@Component
public class PaymentEvents {

    private static final Logger log = LoggerFactory.getLogger(PaymentEvents.class);

    private final Orders orders;

    PaymentEvents(Orders orders) {
        this.orders = orders;
    }

    @EventListener
    void on(PaymentNotificationEvent event) {
        if (event.notification() instanceof Notification.PaymentNotification payment
                && payment.status().state() == TradeState.PAID) {
            orders.markPaid(payment.orderId());
            log.info("{} notified: order {} paid{}", event.merchant(), payment.orderId(),
                    event.duplicate() ? " (again)" : "");
        }
    }
}
