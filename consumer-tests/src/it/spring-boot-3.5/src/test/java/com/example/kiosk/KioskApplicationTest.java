package com.example.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application starts with one Alipay merchant configured by properties, pays once and reports UP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.health.show-components=always")
class KioskApplicationTest {

    static final AlipaySimulator ALIPAY = AlipaySimulator.start();

    @DynamicPropertySource
    static void merchant(DynamicPropertyRegistry registry) {
        String kiosk = "resilientpay.alipay.merchants.kiosk.";
        registry.add(kiosk + "app-id", ALIPAY::appId);
        registry.add(kiosk + "merchant-private-key", ALIPAY::appPrivateKeyPem);
        registry.add(kiosk + "alipay-public-key", ALIPAY::alipayPublicKeyPem);
        registry.add(kiosk + "gateway-url", ALIPAY::gatewayUrl);
    }

    @AfterAll
    static void stopSimulator() {
        ALIPAY.close();
    }

    @Autowired
    @Qualifier("kiosk")
    PaymentClient kiosk;

    @Value("${local.server.port}")
    int port;

    @Test
    void merchantsClientPaysAScannedCode() {
        String code = ALIPAY.newPaymentCode(AlipaySimulatorPayer.paysAtOnce());

        PaymentOutcome outcome = kiosk.pay(PaymentRequest.builder().orderId("kiosk_1")
                .amount(Money.of("9.90", "CNY")).subject("Espresso").method(new PaymentMethod.PaymentCode(code))
                .build());

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Paid.class,
                paid -> assertThat(paid.amount()).isEqualTo(Money.of("9.90", "CNY")));
        assertThat(ALIPAY.order("kiosk_1")).isPresent();
    }

    @Test
    void healthIsUpWithTheMerchantsContributor() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        // parsed, not compared as text: Boot 3 (Jackson 2) and Boot 4 (Jackson 3) order the keys differently
        DocumentContext health = JsonPath.parse(response.body());
        assertThat(health.read("$.status", String.class)).isEqualTo("UP");
        assertThat(health.read("$.components.resilientPay.components.kiosk.status", String.class)).isEqualTo("UP");
    }
}
