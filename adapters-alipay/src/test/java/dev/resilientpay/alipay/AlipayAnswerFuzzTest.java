package dev.resilientpay.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.alipay.support.InProcessAnswers;
import dev.resilientpay.alipay.support.TestSigning;
import dev.resilientpay.alipay.support.Vectors;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Fuzz target for everything the Alipay adapter does with a gateway answer, per operation: HTTP status,
 * raw-node scanning, signature, then the reading of the verified fields (amounts, times, states, codes).
 * Answers come from an in-process interceptor, no socket. Contract: every answer becomes an
 * {@link Attempt}; nothing escapes; an answer the fuzzer wrote unsigned never succeeds. Regression
 * inputs: {@code src/test/resources/dev/resilientpay/alipay/AlipayAnswerFuzzTestInputs/}.
 */
class AlipayAnswerFuzzTest {

    private static final int[] STATUSES = {200, 200, 200, 200, 200, 200, 201, 204, 302, 400, 404, 429, 500, 502, 503, 200};
    private static final String[] METHODS = {"alipay.trade.pay", "alipay.trade.precreate", "alipay.trade.create",
        "alipay.trade.query", "alipay.trade.close", "alipay.trade.cancel", "alipay.trade.refund",
        "alipay.trade.fastpay.refund.query"};
    private static final PrivateKey GATEWAY_PRIVATE_KEY = TestSigning.gatewayPrivateKey();
    private static final Instant NOW = Instant.parse("2026-11-22T02:32:50Z");
    private static final InProcessAnswers GATEWAY = new InProcessAnswers();
    private static final AlipayProvider PROVIDER = AlipayProvider.create(AlipayConfig.builder()
            .appId(Vectors.appId())
            .merchantPrivateKey(Vectors.key("appPrivateKey"))
            .alipayPublicKey(Vectors.key("gatewayPublicKey"))
            .gatewayUrl("https://openapi.alipay.com/gateway.do")
            .gatewayHttp(GATEWAY.http())
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build());
    private static final Money AMOUNT = Money.cny(8888);

    /**
     * Input layout: byte 0 low 3 bits pick the operation, bit 3 the mode (0 = the rest is the body as
     * received; 1 = the rest is the response node, signed here with the gateway key); byte 1 low 4 bits
     * pick the HTTP status; the rest is the body or node in UTF-8.
     */
    @FuzzTest(maxDuration = "10m")
    void everyAnswerBecomesAnAttempt(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int operation = input[0] & 7;
        boolean signedByGateway = (input[0] & 8) != 0;
        int status = STATUSES[input[1] & 15];
        String rest = new String(input, 2, input.length - 2, StandardCharsets.UTF_8);
        String body = signedByGateway ? TestSigning.signedResponse(METHODS[operation], rest, GATEWAY_PRIVATE_KEY) : rest;
        GATEWAY.answer(status, List.of(new String[] {"Content-Type", "text/html;charset=utf-8"},
                new String[] {"Retry-After", "1"}), body.getBytes(StandardCharsets.UTF_8));

        Attempt<?> attempt = call(operation);

        assertThat(attempt).isNotNull();
        if (!signedByGateway) {
            assertThat(attempt).as("an unsigned answer is never a success").isNotInstanceOf(Attempt.Succeeded.class);
        }
    }

    private static Attempt<?> call(int operation) {
        AttemptContext context = new AttemptContext("T1", 1, Duration.ofSeconds(2), NOW.plusSeconds(30));
        return switch (operation) {
            case 0 -> PROVIDER.pay(payment(new PaymentMethod.PaymentCode("289756915257123456")), context);
            case 1 -> PROVIDER.pay(payment(new PaymentMethod.QrCode()), context);
            case 2 -> PROVIDER.pay(payment(new PaymentMethod.InApp("2088102000000000")), context);
            case 3 -> PROVIDER.query("T1", context);
            case 4 -> PROVIDER.close("T1", context);
            case 5 -> PROVIDER.cancel("T1", context);
            case 6 -> PROVIDER.refund(refund(), context);
            default -> PROVIDER.queryRefund("T1", "R1", context);
        };
    }

    private static PaymentRequest payment(PaymentMethod method) {
        return PaymentRequest.builder().orderId("T1").amount(AMOUNT).subject("fuzz").method(method).build();
    }

    private static RefundRequest refund() {
        return RefundRequest.builder().orderId("T1").refundId("R1").amount(Money.cny(100)).orderAmount(AMOUNT).build();
    }
}
