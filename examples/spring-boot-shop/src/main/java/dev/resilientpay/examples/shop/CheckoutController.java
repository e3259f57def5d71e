package dev.resilientpay.examples.shop;

import dev.resilientpay.Money;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.spring.boot.autoconfigure.PaymentClients;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The shop's checkout: a QR code to scan, or the payer's payment code at the till, through either
 * merchant; order status; refunds. Each call ends in a definite status or {@code IN_DOUBT}, which the
 * starter's start-up recovery (or a notification) settles later.
 */
@RestController
public class CheckoutController {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final PaymentClients clients;
    private final Orders orders;

    CheckoutController(PaymentClients clients, Orders orders) {
        this.clients = clients;
        this.orders = orders;
    }

    /**
     * Creates an order paid by scanning a QR code.
     *
     * @param merchant {@code cafe-alipay} or {@code cafe-wechat}
     * @param amount   yuan, e.g. {@code 18.00}
     * @return the order, awaiting its payer, with the QR code content
     */
    @PostMapping("/checkout/qr")
    public Orders.Order qr(@RequestParam("merchant") String merchant, @RequestParam("amount") String amount) {
        return pay(merchant, amount, new PaymentMethod.QrCode());
    }

    /**
     * Charges the payer's payment code (the barcode their wallet shows).
     *
     * @param merchant {@code cafe-alipay} or {@code cafe-wechat}
     * @param amount   yuan
     * @param code     the payment code
     * @return the order, paid or failed
     */
    @PostMapping("/checkout/code")
    public Orders.Order code(@RequestParam("merchant") String merchant, @RequestParam("amount") String amount,
                             @RequestParam("code") String code) {
        return pay(merchant, amount, new PaymentMethod.PaymentCode(code));
    }

    /**
     * @param id order id
     * @return the order
     */
    @GetMapping("/orders/{id}")
    public Orders.Order order(@PathVariable("id") String id) {
        return orders.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id));
    }

    /**
     * Refunds the whole order.
     *
     * @param id order id
     * @return the order, refunded (or as it was, if the refund failed)
     */
    @PostMapping("/orders/{id}/refund")
    public Orders.Order refund(@PathVariable("id") String id) {
        Orders.Order order = order(id);
        RefundOutcome outcome = clients.get(order.merchant()).refund(RefundRequest.builder()
                .orderId(id).refundId(id + "_r1").amount(order.amount()).orderAmount(order.amount()).build());
        if (outcome instanceof RefundOutcome.Refunded) {
            orders.mark(id, "REFUNDED");
        }
        return order(id);
    }

    private Orders.Order pay(String merchant, String amount, PaymentMethod method) {
        PaymentClient client = clients.find(merchant).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.BAD_REQUEST, "merchant must be one of " + clients.names()));
        String id = "shop_" + SEQUENCE.incrementAndGet() + "_" + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
        Money money;
        PaymentRequest request;
        try {
            money = Money.of(amount, "CNY");
            request = PaymentRequest.builder().orderId(id).amount(money).subject("Coffee beans 1 kg").method(method)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
        PaymentOutcome outcome = client.pay(request);
        String status;
        String qr = null;
        if (outcome instanceof PaymentOutcome.Paid) {
            status = "PAID";
        } else if (outcome instanceof PaymentOutcome.AwaitingPayer awaiting) {
            status = "AWAITING_PAYER";
            if (awaiting.action() instanceof PayerAction.ScanQrCode scan) {
                qr = scan.codeUrl();
            }
        } else if (outcome instanceof PaymentOutcome.Failed) {
            status = "FAILED";
        } else {
            status = "IN_DOUBT";
        }
        Orders.Order order = new Orders.Order(id, merchant, money, status, qr);
        orders.put(order);
        if (outcome instanceof PaymentOutcome.Paid) {
            orders.markPaid(id); // a notification may have come first; PAID either way
        }
        return order(id);
    }
}
