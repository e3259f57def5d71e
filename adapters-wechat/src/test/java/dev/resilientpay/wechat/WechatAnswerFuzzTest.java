package dev.resilientpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.wechat.support.FuzzMessage;
import dev.resilientpay.wechat.support.InProcessAnswers;
import dev.resilientpay.wechat.support.MutableClock;
import dev.resilientpay.wechat.support.Vectors;
import dev.resilientpay.wechat.support.WechatSigning;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target for everything the WeChat Pay adapter does with an answer, per operation: status, JSON
 * error body, the signature headers over the raw body, then the reading of the verified JSON. Answers
 * come from an in-process interceptor, no socket. Contract: every answer becomes an {@link Attempt};
 * nothing escapes; an answer the fuzzer signed itself never succeeds. Regression inputs:
 * {@code src/test/resources/dev/resilientpay/wechat/WechatAnswerFuzzTestInputs/}.
 */
class WechatAnswerFuzzTest {

    private static final int[] STATUSES = {200, 200, 200, 200, 200, 204, 202, 400, 401, 403, 404, 429, 500, 502, 200, 200};
    private static final String[] SIGNATURE_HEADERS = {"Wechatpay-Timestamp", "Wechatpay-Nonce", "Wechatpay-Signature",
        "Wechatpay-Serial"};
    private static final PrivateKey PLATFORM_KEY = Vectors.platformPrivateKey();
    private static final MutableClock CLOCK = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));
    private static final InProcessAnswers GATEWAY = new InProcessAnswers();
    private static final WechatPayProvider PROVIDER = WechatPayProvider.create(Vectors.publicKeyConfig()
            .host("https://api.mch.weixin.qq.com")
            .backupHost(null)
            .notifyUrl("https://shop.example.com/wechat/notify")
            .gatewayHttp(GATEWAY.http())
            .clock(CLOCK)
            .build());
    private static final String ORDER = "ORDER_20231115_0001";
    private static final Money AMOUNT = Money.cny(100);

    /**
     * Input layout: byte 0 low 4 bits pick the operation, bit 4 the mode (0 = headers as written;
     * 1 = the body signed here with the platform key, the four signature headers replaced); byte 1 low 4
     * bits pick the HTTP status; the rest is {@code Header: value} lines, an empty line and the body
     * (see {@link FuzzMessage}).
     */
    @FuzzTest(maxDuration = "10m")
    void everyAnswerBecomesAnAttempt(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int operation = input[0] & 15;
        boolean signedByPlatform = (input[0] & 16) != 0;
        int status = STATUSES[input[1] & 15];
        FuzzMessage message = FuzzMessage.parse(new String(input, 2, input.length - 2, StandardCharsets.UTF_8));
        List<String[]> headers = new ArrayList<>(signedByPlatform ? message.headersWithout(SIGNATURE_HEADERS)
                : message.headers());
        if (signedByPlatform) {
            WechatSigning.headers(message.body(), Vectors.PUBLIC_KEY_ID, PLATFORM_KEY, CLOCK.seconds())
                    .forEach((name, value) -> headers.add(new String[] {name, value}));
        }
        GATEWAY.answer(status, headers, message.body().getBytes(StandardCharsets.UTF_8));

        Attempt<?> attempt = call(operation);

        assertThat(attempt).isNotNull();
        if (!signedByPlatform) {
            assertThat(attempt).as("an answer without the platform's signature is never a success")
                    .isNotInstanceOf(Attempt.Succeeded.class);
        }
    }

    private static Attempt<?> call(int operation) {
        AttemptContext context = new AttemptContext("key", 1, Duration.ofSeconds(2), CLOCK.instant().plusSeconds(60));
        return switch (operation) {
            case 0 -> PROVIDER.pay(payment(new PaymentMethod.QrCode()), context);
            case 1 -> PROVIDER.pay(payment(new PaymentMethod.InApp("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")), context);
            case 2 -> PROVIDER.pay(payment(new PaymentMethod.App()), context);
            case 3 -> PROVIDER.pay(payment(new PaymentMethod.Web(PaymentMethod.Web.Device.MOBILE,
                    "https://shop.example.com/return", "203.0.113.7")), context);
            case 4 -> PROVIDER.pay(payment(new PaymentMethod.PaymentCode("134567890123456789")), context);
            case 5 -> PROVIDER.close(ORDER, context);
            case 6 -> PROVIDER.cancel(ORDER, context);
            case 7 -> PROVIDER.refund(refund(), context);
            case 8 -> PROVIDER.queryRefund(ORDER, "REFUND_0001", context);
            case 9 -> PROVIDER.queryByTransactionId("4200000000202311150001", context);
            default -> PROVIDER.query(ORDER, context);
        };
    }

    private static PaymentRequest payment(PaymentMethod method) {
        return PaymentRequest.builder().orderId(ORDER).amount(AMOUNT).subject("fuzz").method(method).build();
    }

    private static RefundRequest refund() {
        return RefundRequest.builder().orderId(ORDER).refundId("REFUND_0001").amount(Money.cny(50))
                .orderAmount(AMOUNT).build();
    }
}
