package dev.resilientpay.testkit.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorDelivery;
import dev.resilientpay.testkit.WechatPaySimulatorKeyMode;
import dev.resilientpay.testkit.WechatPaySimulatorNotification;
import dev.resilientpay.testkit.WechatPaySimulatorNotificationOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WechatPaySimulatorNotificationTest {

    /** One notification as the receiver got it. */
    private record Received(Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile int answerStatus = 204;
    private HttpServer receiver;
    private WechatPaySimulator sim;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/notify", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(Map.copyOf(exchange.getRequestHeaders()), new String(body, StandardCharsets.UTF_8)));
            if (answerStatus == 204) {
                exchange.sendResponseHeaders(204, -1);
            } else {
                byte[] answer = "{\"code\":\"FAIL\",\"message\":\"rejected\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(answerStatus, answer.length);
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        if (sim != null) {
            sim.close();
        }
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/notify";
    }

    private WechatPaySimulator start(WechatPaySimulatorKeyMode mode) {
        sim = WechatPaySimulator.builder().keyMode(mode).start();
        return sim;
    }

    private void paidOrder(String outTradeNo) throws IOException {
        new V3Client(sim).post("/v3/pay/transactions/native", Bodies.nativePrepay(sim, outTradeNo, 2500));
        sim.payerPays(outTradeNo);
    }

    private static boolean verifies(Received notification, PublicKey key) {
        String message = notification.header("Wechatpay-Timestamp") + "\n" + notification.header("Wechatpay-Nonce")
                + "\n" + notification.body() + "\n";
        return V3Client.verifies(key, message.getBytes(StandardCharsets.UTF_8), notification.header("Wechatpay-Signature"));
    }

    private JsonNode decryptedResource(Received notification) throws Exception {
        JsonNode resource = V3Client.JSON.readTree(notification.body()).path("resource");
        return V3Client.JSON.readTree(V3Client.decrypt(sim.apiV3Key(), resource.path("nonce").asText(),
                resource.path("associated_data").asText(), resource.path("ciphertext").asText()));
    }

    @Test
    void paidOrderNotificationIsSignedAndDecryptsToTheTransaction() throws Exception {
        start(WechatPaySimulatorKeyMode.PUBLIC_KEY);
        paidOrder("NTF-PAID-1");

        WechatPaySimulatorDelivery delivery = sim.sendNotification("NTF-PAID-1", url());

        assertThat(delivery.status()).isEqualTo(204);
        assertThat(delivery.acknowledged()).isTrue();
        Received notification = received.get(0);
        assertThat(notification.body()).isEqualTo(delivery.notification().body());
        assertThat(notification.header("Wechatpay-Serial")).isEqualTo(sim.publicKeyId());
        assertThat(notification.header("Wechatpay-Signature-Type")).isEqualTo("WECHATPAY2-SHA256-RSA2048");
        assertThat(verifies(notification, V3Client.publicKey(sim.platformPublicKeyPem()))).isTrue();
        JsonNode envelope = V3Client.JSON.readTree(notification.body());
        assertThat(envelope.path("event_type").asText()).isEqualTo("TRANSACTION.SUCCESS");
        assertThat(envelope.path("resource").path("algorithm").asText()).isEqualTo("AEAD_AES_256_GCM");
        assertThat(envelope.path("resource").path("nonce").asText()).hasSize(12);
        JsonNode transaction = decryptedResource(notification);
        assertThat(transaction.path("out_trade_no").asText()).isEqualTo("NTF-PAID-1");
        assertThat(transaction.path("trade_state").asText()).isEqualTo("SUCCESS");
        assertThat(transaction.path("amount").path("total").asLong()).isEqualTo(2500);
        assertThat(transaction.path("transaction_id").asText())
                .isEqualTo(sim.order("NTF-PAID-1").orElseThrow().transactionId());
    }

    @Test
    void receiverAnswerIsReturnedAsIs() throws Exception {
        start(WechatPaySimulatorKeyMode.PUBLIC_KEY);
        paidOrder("NTF-ANSWER-1");
        answerStatus = 500;

        WechatPaySimulatorDelivery delivery = sim.sendNotification("NTF-ANSWER-1", url());

        assertThat(delivery.status()).isEqualTo(500);
        assertThat(delivery.acknowledged()).isFalse();
        assertThat(delivery.body()).contains("FAIL");
    }

    @Test
    void unpaidOrderHasNoNotification() throws Exception {
        start(WechatPaySimulatorKeyMode.PUBLIC_KEY);
        new V3Client(sim).post("/v3/pay/transactions/native", Bodies.nativePrepay(sim, "NTF-UNPAID-1", 100));

        assertThatThrownBy(() -> sim.sendNotification("NTF-UNPAID-1", url())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NOTPAY");
        assertThat(received).isEmpty();
    }

    @Test
    void staleNotificationIsCorrectlySignedButTenMinutesOld() throws Exception {
        start(WechatPaySimulatorKeyMode.PUBLIC_KEY);
        paidOrder("NTF-STALE-1");

        sim.sendNotification("NTF-STALE-1", url(), WechatPaySimulatorNotificationOptions.defaults().stale());

        Received notification = received.get(0);
        assertThat(verifies(notification, V3Client.publicKey(sim.platformPublicKeyPem()))).isTrue();
        assertThat(Instant.now().getEpochSecond() - Long.parseLong(notification.header("Wechatpay-Timestamp")))
                .isBetween(595L, 605L);
    }

    @Test
    void forgedNotificationNamesTheGenuineKeyButDoesNotVerify() throws Exception {
        start(WechatPaySimulatorKeyMode.PUBLIC_KEY);
        paidOrder("NTF-FORGED-1");

        sim.sendNotification("NTF-FORGED-1", url(), WechatPaySimulatorNotificationOptions.defaults().forged());

        Received notification = received.get(0);
        assertThat(notification.header("Wechatpay-Serial")).isEqualTo(sim.publicKeyId());
        assertThat(verifies(notification, V3Client.publicKey(sim.platformPublicKeyPem()))).isFalse();
    }

    @Test
    void signatureProbeCarriesTheSigntestPrefix() throws Exception {
        start(WechatPaySimulatorKeyMode.PUBLIC_KEY);
        paidOrder("NTF-PROBE-1");

        WechatPaySimulatorNotification probe = sim.notification("NTF-PROBE-1",
                WechatPaySimulatorNotificationOptions.defaults().signatureProbe());

        assertThat(probe.headers().get("Wechatpay-Signature")).startsWith("WECHATPAY/SIGNTEST/");
    }

    @Test
    void wrongApiV3KeyIsSignedButFailsTheTag() throws Exception {
        start(WechatPaySimulatorKeyMode.PUBLIC_KEY);
        paidOrder("NTF-WRONGKEY-1");

        sim.sendNotification("NTF-WRONGKEY-1", url(), WechatPaySimulatorNotificationOptions.defaults().wrongApiV3Key());

        Received notification = received.get(0);
        assertThat(verifies(notification, V3Client.publicKey(sim.platformPublicKeyPem()))).isTrue();
        assertThatThrownBy(() -> decryptedResource(notification)).isInstanceOf(GeneralSecurityException.class);
    }

    @Test
    void redeliveryWithTheSameIdIsFreshlySigned() throws Exception {
        start(WechatPaySimulatorKeyMode.PUBLIC_KEY);
        paidOrder("NTF-AGAIN-1");
        WechatPaySimulatorDelivery first = sim.sendNotification("NTF-AGAIN-1", url());

        sim.sendNotification("NTF-AGAIN-1", url(),
                WechatPaySimulatorNotificationOptions.defaults().id(first.notification().id()));

        assertThat(received).hasSize(2);
        assertThat(V3Client.JSON.readTree(received.get(1).body()).path("id").asText()).isEqualTo(first.notification().id());
        assertThat(received.get(1).header("Wechatpay-Nonce")).isNotEqualTo(received.get(0).header("Wechatpay-Nonce"));
    }

    @Test
    void certificateModeNotificationIsSignedByTheNewestCertificate() throws Exception {
        start(WechatPaySimulatorKeyMode.PLATFORM_CERTIFICATE);
        paidOrder("NTF-CERT-1");
        String rotated = sim.rotateCertificate();

        sim.sendNotification("NTF-CERT-1", url());

        Received notification = received.get(0);
        assertThat(notification.header("Wechatpay-Serial")).isEqualTo(rotated);
        assertThat(verifies(notification, V3Client.certificate(sim.platformCertificatePem(rotated)).getPublicKey()))
                .isTrue();
    }

    @Test
    void migrationModeSignsEachNotificationWithTheChosenKey() throws Exception {
        start(WechatPaySimulatorKeyMode.BOTH);
        paidOrder("NTF-MIX-1");
        String certificate = sim.currentCertificateSerial();

        WechatPaySimulatorNotification byDefault = sim.notification("NTF-MIX-1");
        WechatPaySimulatorNotification byCertificate = sim.notification("NTF-MIX-1",
                WechatPaySimulatorNotificationOptions.defaults().signedBy(certificate));

        assertThat(byDefault.signedBy()).isEqualTo(sim.publicKeyId());
        assertThat(byCertificate.signedBy()).isEqualTo(certificate);
        assertThat(byCertificate.headers().get("Wechatpay-Serial")).isEqualTo(certificate);
    }

    @Test
    void lowercaseHeadersOptionLowercasesEveryHeaderName() throws Exception {
        start(WechatPaySimulatorKeyMode.PUBLIC_KEY);
        paidOrder("NTF-LOWER-1");

        WechatPaySimulatorNotification notification = sim.notification("NTF-LOWER-1",
                WechatPaySimulatorNotificationOptions.defaults().lowercaseHeaders());

        assertThat(notification.headers().keySet()).contains("wechatpay-signature", "wechatpay-timestamp")
                .allMatch(name -> name.equals(name.toLowerCase(java.util.Locale.ROOT)));
    }

    @Test
    void settledRefundNotificationCarriesTheRefundStatus() throws Exception {
        start(WechatPaySimulatorKeyMode.PUBLIC_KEY);
        paidOrder("NTF-REFUND-1");
        V3Client client = new V3Client(sim);
        client.post("/v3/refund/domestic/refunds", Bodies.refund("NTF-REFUND-1", "NTF-R-1", 2500, 2500));
        assertThatThrownBy(() -> sim.sendRefundNotification("NTF-R-1", url()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("PROCESSING");
        sim.settleRefund("NTF-R-1", "CLOSED");

        sim.sendRefundNotification("NTF-R-1", url());

        Received notification = received.get(0);
        assertThat(V3Client.JSON.readTree(notification.body()).path("event_type").asText()).isEqualTo("REFUND.CLOSED");
        JsonNode refund = decryptedResource(notification);
        assertThat(refund.path("refund_status").asText()).isEqualTo("CLOSED");
        assertThat(refund.path("out_refund_no").asText()).isEqualTo("NTF-R-1");
        assertThat(refund.path("amount").path("refund").asLong()).isEqualTo(2500);
    }

    @Test
    void unreachableReceiverIsReportedAsAnIoFailure() throws Exception {
        start(WechatPaySimulatorKeyMode.PUBLIC_KEY);
        paidOrder("NTF-DOWN-1");
        receiver.stop(0);

        assertThatThrownBy(() -> sim.sendNotification("NTF-DOWN-1", url()))
                .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining(url());
    }
}
