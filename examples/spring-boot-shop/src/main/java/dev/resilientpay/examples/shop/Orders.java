package dev.resilientpay.examples.shop;

import dev.resilientpay.Money;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/** The shop's own order book (a database in a real shop). */
@Component
public class Orders {

    /**
     * One order as the shop sees it.
     *
     * @param id       order id
     * @param merchant the merchant (and so wallet) it is paid through
     * @param amount   the amount
     * @param status   {@code AWAITING_PAYER}, {@code PAID}, {@code FAILED}, {@code IN_DOUBT}, {@code REFUNDED}
     * @param qrCode   the QR code content to show, or {@code null}
     */
    public record Order(String id, String merchant, Money amount, String status, String qrCode) {
        Order withStatus(String newStatus) {
            return new Order(id, merchant, amount, newStatus, qrCode);
        }
    }

    private final Map<String, Order> byId = new ConcurrentHashMap<>();

    void put(Order order) {
        byId.put(order.id(), order);
    }

    /**
     * @param id order id
     * @return the order, if known
     */
    public Optional<Order> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    void markPaid(String id) {
        byId.computeIfPresent(id, (k, order) -> order.status().equals("REFUNDED") ? order : order.withStatus("PAID"));
    }

    void mark(String id, String status) {
        byId.computeIfPresent(id, (k, order) -> order.withStatus(status));
    }
}
