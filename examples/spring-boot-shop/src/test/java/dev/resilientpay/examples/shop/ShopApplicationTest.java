package dev.resilientpay.examples.shop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The shop's main flows over HTTP, as a cashier and a payer would drive them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // tests switch metrics export off unless asked: /actuator/prometheus is part of the shop
class ShopApplicationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @DynamicPropertySource
    static void gateways(DynamicPropertyRegistry registry) {
        EmbeddedGateways.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @Value("${local.server.port}")
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void alipayQrOrderIsPaidWhenTheNotificationArrives() throws Exception {
        JsonNode order = post("/checkout/qr?merchant=cafe-alipay&amount=18.00");
        assertThat(order.path("status").asText()).isEqualTo("AWAITING_PAYER");
        assertThat(order.path("qrCode").asText()).isNotEmpty();

        JsonNode delivery = post("/demo/orders/" + order.path("id").asText() + "/payer-pays");

        assertThat(delivery.path("acknowledged").asBoolean()).isTrue();
        assertThat(get("/orders/" + order.path("id").asText()).path("status").asText()).isEqualTo("PAID");
    }

    @Test
    void wechatQrOrderIsPaidWhenTheNotificationArrives() throws Exception {
        JsonNode order = post("/checkout/qr?merchant=cafe-wechat&amount=9.90");

        JsonNode delivery = post("/demo/orders/" + order.path("id").asText() + "/payer-pays");

        assertThat(delivery.path("acknowledged").asBoolean()).isTrue();
        assertThat(get("/orders/" + order.path("id").asText()).path("status").asText()).isEqualTo("PAID");
    }

    @Test
    void paymentCodeAtTheTillIsPaidAndRefunded() throws Exception {
        for (String merchant : new String[] {"cafe-alipay", "cafe-wechat"}) {
            String code = post("/demo/" + merchant + "/payment-code").path("code").asText();
            JsonNode order = post("/checkout/code?merchant=" + merchant + "&amount=25.00&code=" + code);
            assertThat(order.path("status").asText()).as(merchant).isEqualTo("PAID");

            JsonNode refunded = post("/orders/" + order.path("id").asText() + "/refund");

            assertThat(refunded.path("status").asText()).as(merchant).isEqualTo("REFUNDED");
        }
    }

    @Test
    void healthShowsBothMerchantsAndPrometheusShowsTheirCalls() throws Exception {
        String code = post("/demo/cafe-wechat/payment-code").path("code").asText();
        post("/checkout/code?merchant=cafe-wechat&amount=3.00&code=" + code);

        JsonNode health = get("/actuator/health");
        assertThat(health.path("components").path("resilientPay").path("components").fieldNames())
                .toIterable().containsExactlyInAnyOrder("cafe-alipay", "cafe-wechat");

        HttpResponse<String> prometheus = http.send(HttpRequest.newBuilder(uri("/actuator/prometheus")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes")
                .containsPattern("resilientpay_calls_seconds_count\\{[^}]*merchant=\"cafe-wechat\"");
    }

    private JsonNode post(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + " " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
