package dev.resilientpay.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resilientpay.Money;
import dev.resilientpay.Notification;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.TradeState;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorDelivery;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorDelivery;
import dev.resilientpay.testkit.WechatPaySimulatorKeyMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A Spring Boot service on a random port, configured only by properties, against the Alipay and
 * WeChat Pay simulators: payments, QR codes paid and notified to the auto-registered endpoints,
 * refunds, health and info over real HTTP.
 */
@SpringBootTest(classes = ShopApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "management.endpoints.web.exposure.include=health,info",
                "management.endpoint.health.show-details=always",
                "management.endpoint.health.show-components=always",
                "resilientpay.notifications.max-body-bytes=4096"
        })
class ShopEndToEndTest {

    static final AlipaySimulator ALIPAY = AlipaySimulator.start();
    static final WechatPaySimulator WECHAT = WechatPaySimulator.builder()
            .keyMode(WechatPaySimulatorKeyMode.PLATFORM_CERTIFICATE).start();
    static final String WECHAT_NOTIFY_URL = "https://shop.example.com/wechat/notify";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void merchants(DynamicPropertyRegistry registry) {
        String a = "resilientpay.alipay.merchants.shop.";
        registry.add(a + "app-id", ALIPAY::appId);
        registry.add(a + "merchant-private-key", ALIPAY::appPrivateKeyPem);
        registry.add(a + "alipay-public-key", ALIPAY::alipayPublicKeyPem);
        registry.add(a + "gateway-url", ALIPAY::gatewayUrl);
        // the simulator settles refunds at once: no need to wait the default 5 s before the first poll
        registry.add(a + "policies.refund.poll-initial-delay", () -> "100ms");
        registry.add(a + "policies.refund.poll-max-interval", () -> "500ms");
        String w = "resilientpay.wechat.merchants.mini-app.";
        registry.add(w + "mch-id", WECHAT::mchId);
        registry.add(w + "app-id", WECHAT::appId);
        registry.add(w + "merchant-private-key", WECHAT::merchantPrivateKeyPem);
        registry.add(w + "merchant-serial-number", WECHAT::merchantSerialNumber);
        registry.add(w + "api-v3-key", WECHAT::apiV3Key);
        registry.add(w + "platform-certificates", () -> "true");
        registry.add(w + "host", WECHAT::baseUrl);
        registry.add(w + "notify-url", () -> WECHAT_NOTIFY_URL);
        registry.add(w + "notify-path", () -> "/hooks/wechat");
        registry.add(w + "merchant-certificate", ShopEndToEndTest::aCertificatePem);
    }

    @AfterAll
    static void stopSimulators() {
        ALIPAY.close();
        WECHAT.close();
    }

    @Value("${local.server.port}")
    int port;

    @Autowired
    PaymentClients clients;

    @Autowired
    @Qualifier("shop")
    PaymentClient shop;

    @Autowired
    ShopApplication.Inbox inbox;

    @Autowired
    ShopApplication.Gateways gateways;

    @Test
    void paymentCodeIsPaidThroughTheMerchantsClientBean() {
        String code = ALIPAY.newPaymentCode(AlipaySimulatorPayer.paysAtOnce());

        PaymentOutcome outcome = shop.pay(order("boot_code_1", "12.50", new PaymentMethod.PaymentCode(code)));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Paid.class,
                paid -> assertThat(paid.amount()).isEqualTo(Money.of("12.50", "CNY")));
        assertThat(ALIPAY.order("boot_code_1")).isPresent();
    }

    @Test
    void wechatQrPaymentIsNotifiedToTheConfiguredPathAndPublished() {
        PaymentClient miniApp = clients.get("mini-app");
        assertThat(miniApp.pay(order("BOOT-QR-1", "30.00", new PaymentMethod.QrCode())))
                .isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        WECHAT.payerPays("BOOT-QR-1");

        WechatPaySimulatorDelivery delivery = WECHAT.sendNotification("BOOT-QR-1", url("/hooks/wechat"));

        assertThat(delivery.acknowledged()).isTrue();
        assertThat(inbox.of("BOOT-QR-1")).singleElement().satisfies(event -> {
            assertThat(event.merchant()).isEqualTo("mini-app");
            assertThat(event.provider()).isEqualTo("wechat");
            assertThat(event.duplicate()).isFalse();
            assertThat(event.notification()).isInstanceOfSatisfying(Notification.PaymentNotification.class,
                    n -> assertThat(n.status().state()).isEqualTo(TradeState.PAID));
        });
        // the notification was recorded: waiting returns at once, with no query sent
        int queriesBefore = WECHAT.requestCount("BOOT-QR-1", WechatPaySimulator.QUERY);
        assertThat(miniApp.awaitPayment("BOOT-QR-1", Duration.ofMillis(200))).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(WECHAT.requestCount("BOOT-QR-1", WechatPaySimulator.QUERY)).isEqualTo(queriesBefore);
    }

    @Test
    void alipayNotificationIsAnsweredWithExactlyTheRepliesStatusTypeAndBody() throws Exception {
        shop.pay(order("boot_qr_2", "8.00", new PaymentMethod.QrCode()));
        ALIPAY.payerPays("boot_qr_2");

        HttpResponse<String> reply = postForm("/resilientpay/notify/alipay/shop", ALIPAY.notification("boot_qr_2").body());

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValue("text/plain");
        assertThat(reply.body()).isEqualTo("success");
        assertThat(inbox.of("boot_qr_2")).singleElement()
                .satisfies(event -> assertThat(event.merchant()).isEqualTo("shop"));
    }

    @Test
    void forgedNotificationIsRefusedAndNeverPublished() throws Exception {
        shop.pay(order("boot_forged_3", "8.00", new PaymentMethod.QrCode()));
        ALIPAY.payerPays("boot_forged_3");
        String forged = ALIPAY.notification("boot_forged_3").body().replace("total_amount=8.00", "total_amount=0.01");
        assertThat(forged).isNotEqualTo(ALIPAY.notification("boot_forged_3").body());

        HttpResponse<String> reply = postForm("/resilientpay/notify/alipay/shop", forged);

        assertThat(reply.body()).isEqualTo("fail");
        assertThat(inbox.of("boot_forged_3")).isEmpty();
    }

    @Test
    void listenerFailureIsAnsweredAsAFailureSoTheRedeliveryIsPublishedAgain() {
        shop.pay(order("boot_retry_4", "9.00", new PaymentMethod.QrCode()));
        ALIPAY.payerPays("boot_retry_4");
        inbox.refuse.add("boot_retry_4");

        AlipaySimulatorDelivery first = ALIPAY.sendNotification("boot_retry_4", url("/resilientpay/notify/alipay/shop"));
        AlipaySimulatorDelivery again = ALIPAY.sendNotification("boot_retry_4", url("/resilientpay/notify/alipay/shop"));

        assertThat(first.acknowledged()).isFalse();
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.body()).isEqualTo("FAIL");
        assertThat(again.acknowledged()).isTrue();
        assertThat(inbox.of("boot_retry_4")).extracting(PaymentNotificationEvent::duplicate).containsExactly(false, true);
    }

    @Test
    void oversizedNotificationIsRefusedUnread() throws Exception {
        HttpResponse<String> reply = postForm("/resilientpay/notify/alipay/shop", "a=" + "x".repeat(5000));

        assertThat(reply.statusCode()).isEqualTo(413);
    }

    @Test
    void paidOrderIsRefunded() {
        String code = ALIPAY.newPaymentCode(AlipaySimulatorPayer.paysAtOnce());
        shop.pay(order("boot_refund_5", "20.00", new PaymentMethod.PaymentCode(code)));

        RefundOutcome refund = shop.refund(RefundRequest.builder().orderId("boot_refund_5").refundId("r1")
                .amount(Money.of("5.00", "CNY")).orderAmount(Money.of("20.00", "CNY")).build());

        assertThat(refund).isInstanceOf(RefundOutcome.Refunded.class);
    }

    @Test
    void everyMerchantSharesTheApplicationsTransport() {
        String code = ALIPAY.newPaymentCode(AlipaySimulatorPayer.paysAtOnce());
        shop.pay(order("boot_shared_6", "1.00", new PaymentMethod.PaymentCode(code)));
        clients.get("mini-app").pay(order("BOOT-SHARED-6", "1.00", new PaymentMethod.QrCode()));

        assertThat(gateways.ports).contains(ALIPAY.port(), URI.create(WECHAT.baseUrl()).getPort());
    }

    @Test
    void healthShowsEveryMerchantsBreakerBacklogAndCertificates() throws Exception {
        HttpResponse<String> response = get("/actuator/health/resilientPay");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode health = JSON.readTree(response.body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        JsonNode shopHealth = health.path("components").path("shop");
        assertThat(shopHealth.path("status").asText()).isEqualTo("UP");
        assertThat(shopHealth.path("details").path("breaker").asText()).isEqualTo("CLOSED");
        assertThat(shopHealth.path("details").path("inDoubt").asLong()).isZero();
        assertThat(shopHealth.path("details").path("notifyPath").asText()).isEqualTo("/resilientpay/notify/alipay/shop");
        JsonNode certificate = health.path("components").path("mini-app").path("details").path("certificates")
                .path("merchantCertificate");
        long expectedDays = Duration.between(java.time.Instant.now(),
                certificate(aCertificatePem()).getNotAfter().toInstant()).toDays();
        assertThat(certificate.path("daysLeft").asLong()).isBetween(expectedDays - 1, expectedDays);
        assertThat(certificate.path("expires").asText()).isNotEmpty();
    }

    @Test
    void infoNamesTheMerchantsAndNoSecret() throws Exception {
        HttpResponse<String> response = get("/actuator/info");

        JsonNode merchants = JSON.readTree(response.body()).path("resilientpay").path("merchants");
        assertThat(merchants.path("shop").path("appId").asText()).isEqualTo(ALIPAY.appId());
        assertThat(merchants.path("mini-app").path("mchId").asText()).isEqualTo(WECHAT.mchId());
        assertThat(merchants.path("mini-app").path("verification").asText()).isEqualTo("PLATFORM_CERTIFICATES");
        assertThat(response.body()).doesNotContain("PRIVATE", WECHAT.apiV3Key());
    }

    private static PaymentRequest order(String orderId, String yuan, PaymentMethod method) {
        return PaymentRequest.builder().orderId(orderId).amount(Money.of(yuan, "CNY")).subject("Coffee beans 1 kg")
                .method(method).build();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    private HttpResponse<String> postForm(String path, String form) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Any real certificate will do to show the expiry in health: the simulator's platform certificate. */
    private static String aCertificatePem() {
        return WECHAT.platformCertificatePem(WECHAT.currentCertificateSerial());
    }

    private static X509Certificate certificate(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }
}
