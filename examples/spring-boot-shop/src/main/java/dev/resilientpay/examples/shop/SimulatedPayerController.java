package dev.resilientpay.examples.shop;

import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Stands in for the payer and the gateways in the demo: a wallet showing a payment code, a payer
 * scanning the QR code, and the gateway notifying the shop's auto-registered endpoint. Not part of a
 * real shop.
 */
@RestController
public class SimulatedPayerController {

    private final Orders orders;

    SimulatedPayerController(Orders orders) {
        this.orders = orders;
    }

    /**
     * A payment code from the payer's wallet (it pays at once).
     *
     * @param merchant the merchant whose wallet to use
     * @return the code
     */
    @PostMapping("/demo/{merchant}/payment-code")
    public Map<String, String> paymentCode(@PathVariable("merchant") String merchant) {
        if (merchant.equals(EmbeddedGateways.ALIPAY_MERCHANT)) {
            return Map.of("code", EmbeddedGateways.alipay().newPaymentCode(AlipaySimulatorPayer.paysAtOnce()));
        }
        String code = "13" + String.format("%016d",
                ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, 10_000_000_000_000_000L));
        EmbeddedGateways.wechat().scriptPaymentCode(code, WechatPaySimulatorPayer.paysAtOnce());
        return Map.of("code", code);
    }

    /**
     * The payer scans the order's QR code and pays; the gateway then notifies the shop.
     *
     * @param id      order id
     * @param request this request (its port is the shop's)
     * @return what the shop's notification endpoint answered
     */
    @PostMapping("/demo/orders/{id}/payer-pays")
    public Map<String, Object> payerPays(@PathVariable("id") String id, HttpServletRequest request) {
        Orders.Order order = orders.find(id)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no order " + id));
        String base = "http://127.0.0.1:" + request.getLocalPort() + "/resilientpay/notify/";
        if (order.merchant().equals(EmbeddedGateways.ALIPAY_MERCHANT)) {
            EmbeddedGateways.alipay().payerPays(id);
            var delivery = EmbeddedGateways.alipay().sendNotification(id, base + "alipay/" + order.merchant());
            return Map.of("notified", delivery.status(), "acknowledged", delivery.acknowledged());
        }
        EmbeddedGateways.wechat().payerPays(id);
        var delivery = EmbeddedGateways.wechat().sendNotification(id, base + "wechat/" + order.merchant());
        return Map.of("notified", delivery.status(), "acknowledged", delivery.acknowledged());
    }
}
