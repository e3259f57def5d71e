package dev.resilientpay.testkit.alipay;

import static dev.resilientpay.testkit.alipay.AlipaySimulatorTradeTest.payBiz;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.resilientpay.testkit.AlipaySimulatorDelivery;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Signed trade_status_sync notifications delivered to a merchant endpoint (a JDK HttpServer here). */
class AlipaySimulatorNotificationTest extends SimulatorTestBase {

    private HttpServer receiver;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private volatile String reply = "success";

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/notify", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
    }

    private String notifyUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/notify";
    }

    private void paid(String orderId, String subject) {
        client.call("alipay.trade.pay", payBiz(orderId, simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce()),
                "88.88").replace("Coffee", subject), p -> p.put("notify_url", notifyUrl()));
    }

    /** Decodes a form exactly once, as a receiver must. */
    private static Map<String, String> decode(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static boolean verifies(Map<String, String> fields) {
        return GatewayTestClient.verify(GatewayTestClient.publicKey(simulator.alipayPublicKeyPem()),
                GatewayTestClient.stringToSign(fields, "sign", "sign_type"), fields.get("sign"));
    }

    @Test
    void notificationIsDeliveredSignedOverAllFieldsButSignAndSignType() {
        paid("n_paid", "咖啡 & 蛋糕");

        AlipaySimulatorDelivery delivery = simulator.sendNotification("n_paid", notifyUrl());

        assertThat(received).containsExactly(delivery.requestBody());
        Map<String, String> fields = decode(received.get(0));
        assertThat(fields).containsEntry("notify_type", "trade_status_sync")
                .containsEntry("trade_status", "TRADE_SUCCESS")
                .containsEntry("out_trade_no", "n_paid")
                .containsEntry("total_amount", "88.88")
                .containsEntry("app_id", simulator.appId())
                .containsEntry("sign_type", "RSA2")
                .containsEntry("subject", "咖啡 & 蛋糕");
        assertThat(verifies(fields)).isTrue();
    }

    @Test
    void notificationBodyIsPercentEncodedUtf8WithPlusForSpace() {
        paid("n_encoding", "咖啡 & 蛋糕");

        String body = simulator.notification("n_encoding").body();

        assertThat(body).contains("subject=%E5%92%96%E5%95%A1+%26+%E8%9B%8B%E7%B3%95");
        assertThat(body).doesNotContain(" ");
    }

    @Test
    void receiverAnsweringSuccessAcknowledgesTheNotification() {
        paid("n_ack", "Coffee");

        assertThat(simulator.sendNotification("n_ack", notifyUrl()).acknowledged()).isTrue();
    }

    @Test
    void receiverAnsweringAnythingElseDoesNotAcknowledge() {
        paid("n_nack", "Coffee");
        reply = "fail";

        AlipaySimulatorDelivery delivery = simulator.sendNotification("n_nack", notifyUrl());

        assertThat(delivery.status()).isEqualTo(200);
        assertThat(delivery.acknowledged()).isFalse();
    }

    @Test
    void redeliveryOfTheSameStateCarriesTheSameNotifyId() {
        paid("n_dup", "Coffee");

        simulator.sendNotification("n_dup", notifyUrl());
        simulator.sendNotification("n_dup", notifyUrl());

        assertThat(received).hasSize(2);
        assertThat(decode(received.get(0)).get("notify_id")).isEqualTo(decode(received.get(1)).get("notify_id"));
    }

    @Test
    void aNewTradeStateGetsANewNotifyId() {
        paid("n_refund", "Coffee");
        String paidId = decode(simulator.notification("n_refund").body()).get("notify_id");
        client.call("alipay.trade.refund", "{\"out_trade_no\":\"n_refund\",\"refund_amount\":\"88.88\",\"out_request_no\":\"r1\"}");

        Map<String, String> refunded = decode(simulator.notification("n_refund").body());

        assertThat(refunded.get("notify_id")).isNotEqualTo(paidId);
        assertThat(refunded).containsEntry("trade_status", "TRADE_CLOSED").containsEntry("refund_fee", "88.88")
                .containsEntry("out_biz_no", "r1");
        assertThat(verifies(refunded)).isTrue();
    }

    @Test
    void notificationGoesToTheNotifyUrlTheOrderWasCreatedWith() {
        paid("n_default_url", "Coffee");

        simulator.sendNotification("n_default_url");

        assertThat(received).hasSize(1);
    }

    @Test
    void notificationForAnOrderWithoutTradeIsAProgrammingError() {
        assertThatThrownBy(() -> simulator.notification("n_nobody").body()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("n_nobody");
    }
}
