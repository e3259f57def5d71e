package dev.resilientpay.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.resilientpay.wechat.support.WechatSigning.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.testing.CapturedLogs;
import dev.resilientpay.wechat.support.GatewayTestBase;
import dev.resilientpay.wechat.support.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** No private key, APIv3 key, signature or Authorization header ends up in logs, messages or toString(). */
class NoSecretsLeakTest extends GatewayTestBase {

    @Test
    void failuresLogsAndDescriptionsHoldNoSecret() {
        CapturedLogs.clear();
        WechatPayProvider provider = provider();
        List<String> texts = new ArrayList<>();
        texts.add(provider.toString());
        texts.add(provider.config().toString());

        GATEWAY.stubFor(post("/v3/pay/transactions/native").willReturn(aResponse().withStatus(200).withBody("{}")));
        texts.add(String.valueOf(provider.pay(request(new PaymentMethod.QrCode()), context())));
        GATEWAY.stubFor(post("/v3/pay/transactions/codepay").willReturn(signed(401,
                "{\"code\":\"SIGN_ERROR\",\"message\":\"签名错误\"}", now())));
        texts.add(String.valueOf(provider.pay(request(new PaymentMethod.PaymentCode("134567890123456789")), context())));
        GATEWAY.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        texts.add(String.valueOf(provider.query(ORDER, context())));
        texts.add(String.valueOf(provider.refund(RefundRequest.builder().orderId(ORDER).refundId("R1")
                .amount(Money.cny(1)).orderAmount(Money.cny(100)).build(), context())));
        texts.add(String.valueOf(provider.notifications().verify(java.util.Map.of("Wechatpay-Serial", "x"),
                "{}".getBytes(StandardCharsets.UTF_8))));
        List<String> logged = CapturedLogs.lines();
        // the capture saw a line for every case above, each of which could carry a secret
        assertThat(logged)
                .anyMatch(l -> l.startsWith("WARN ") && l.contains("CREATE_ORDER") && l.contains("RESPONSE_SIGNATURE_INVALID"))
                .anyMatch(l -> l.startsWith("DEBUG ") && l.contains("PAY_BY_CODE") && l.contains("HTTP 401"))
                .anyMatch(l -> l.startsWith("DEBUG ") && l.contains("QUERY") && l.contains("Lost"))
                .anyMatch(l -> l.startsWith("DEBUG ") && l.contains("REFUND R1") && l.contains("Lost"))
                .anyMatch(l -> l.startsWith("WARN ") && l.contains("notification rejected"));
        texts.addAll(logged);

        List<String> secrets = new ArrayList<>();
        secrets.add(Vectors.API_V3_KEY);
        Vectors.MERCHANT_PRIVATE_PEM.lines().filter(l -> !l.startsWith("-----")).forEach(secrets::add);
        GATEWAY.findAll(anyRequestedFor(anyUrl())).forEach(r -> {
            String auth = r.getHeader("Authorization");
            secrets.add(auth);
            secrets.add(auth.substring(auth.indexOf("signature=\"") + 11, auth.indexOf("signature=\"") + 40));
        });
        assertThat(secrets).hasSizeGreaterThan(10);
        assertThat(texts).isNotEmpty().allSatisfy(text -> {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
            }
            assertThat(text).doesNotContain("WECHATPAY2-SHA256-RSA2048 mchid");
        });
        assertThat(texts).anyMatch(t -> t.contains("SIGN_ERROR"));
    }
}
