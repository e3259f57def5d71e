package dev.resilientpay.alipay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.resilientpay.alipay.support.GatewayStub.context;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.alipay.support.GatewayStub;
import dev.resilientpay.alipay.support.TestSigning;
import dev.resilientpay.alipay.support.Vectors;
import dev.resilientpay.testing.CapturedLogs;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nothing secret reaches a log line, whatever happens: keys, signatures, tokens, full payment codes. */
class AlipayNoSecretsTest {

    private static final String TOKEN = "202611BBa5b8c8e4f9a24c4aa8b1f1b7c0d2X01";
    private static final String AUTH_CODE = "281234567890123456";

    @Test
    void logsOfSuccessFailureForgeryAndNotificationsHoldNoSecret() {
        try (GatewayStub gateway = new GatewayStub()) {
            CapturedLogs.clear();
            AlipayProvider provider = AlipayProvider.create(gateway.config().appAuthToken(TOKEN).build());
            PaymentRequest request = PaymentRequest.builder().orderId("T1").amount(Money.of("88.88", "CNY"))
                    .subject("s").method(new PaymentMethod.PaymentCode(AUTH_CODE)).build();

            gateway.answerSigned("alipay.trade.pay", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\","
                    + "\"total_amount\":\"88.88\",\"trade_no\":\"X\"}");
            provider.pay(request, context("T1"));
            gateway.answer("alipay.trade.pay", TestSigning.unsignedResponse("alipay.trade.pay",
                    "{\"code\":\"10000\",\"msg\":\"Success\"}"));
            provider.pay(request, context("T1"));
            gateway.answer("alipay.trade.pay", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
            provider.pay(request, context("T1"));
            provider.notifications().verify(Map.of(), "app_id=1&sign=Zm9vYmFyYmF6cXV4&notify_id=N".getBytes(StandardCharsets.UTF_8));

            String sentSign = GatewayStub.params(gateway.requests().get(0)).get("sign");
            String privateBody = Vectors.key("appPrivateKey").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            List<String> lines = CapturedLogs.lines();
            // the capture saw the lines of every case above, each of which could carry a secret
            assertThat(lines)
                    .anyMatch(l -> l.startsWith("DEBUG ") && l.contains("alipay.trade.pay attempt 1 for T1: sending"))
                    .anyMatch(l -> l.startsWith("DEBUG ") && l.contains("alipay.trade.pay") && l.contains("code=10000"))
                    .anyMatch(l -> l.startsWith("WARN ") && l.contains("alipay.trade.pay") && l.contains("answer not trusted"))
                    .anyMatch(l -> l.startsWith("DEBUG ") && l.contains("alipay.trade.pay") && l.contains("in doubt"))
                    .anyMatch(l -> l.startsWith("WARN ") && l.contains("alipay notification rejected: SIGNATURE_INVALID"));
            String text = String.join("\n", lines);
            assertThat(text).doesNotContain(TOKEN).doesNotContain(AUTH_CODE).doesNotContain(sentSign.substring(0, 24))
                    .doesNotContain(privateBody.substring(100, 140)).doesNotContain("Zm9vYmFyYmF6cXV4");
        }
    }
}
