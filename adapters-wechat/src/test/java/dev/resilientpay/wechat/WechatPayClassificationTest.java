package dev.resilientpay.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static dev.resilientpay.wechat.support.WechatSigning.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.wechat.support.Attempts;
import dev.resilientpay.wechat.support.GatewayTestBase;
import dev.resilientpay.wechat.support.Vectors;
import dev.resilientpay.wechat.support.WechatSigning;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How every kind of answer, and every missing answer, is classified. */
class WechatPayClassificationTest extends GatewayTestBase {

    private static final String QR = "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}";

    private Attempt<PaymentOutcome> nativePayAnswered(ResponseDefinitionBuilder response) {
        GATEWAY.stubFor(post("/v3/pay/transactions/native").willReturn(response));
        return provider().pay(request(new PaymentMethod.QrCode()), context());
    }

    private static Failure failureOf(Attempt<?> attempt) {
        return Attempts.failure(attempt);
    }

    private ResponseDefinitionBuilder signedWithHeaders(int status, String body, Map<String, String> headers) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status).withBody(body)
                .withHeader("Content-Type", "application/json").withHeader("Request-ID", "REQ-1");
        headers.forEach(response::withHeader);
        return response;
    }

    @Test
    void rateLimitedIsNotSentWithTheRetryAfter() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(signed(429,
                "{\"code\":\"FREQUENCY_LIMITED\",\"message\":\"频率超限\"}", now()).withHeader("Retry-After", "7"));

        var notSent = (Attempt.NotSent<PaymentOutcome>) attempt;
        assertThat(notSent.failure().reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(notSent.failure().providerCode()).isEqualTo("FREQUENCY_LIMITED");
        assertThat(notSent.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void systemErrorIsUnknown() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(signed(500,
                "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}", now()));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(failureOf(attempt).providerCode()).isEqualTo("SYSTEM_ERROR");
        assertThat(failureOf(attempt).requestId()).startsWith("REQ-500");
    }

    @Test
    void bankErrorIsUnknown() {
        assertThat(nativePayAnswered(signed(500, "{\"code\":\"BANK_ERROR\",\"message\":\"银行错误\"}", now())))
                .isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void htmlBadGatewayIsUnknown() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>502 Bad Gateway</body></html>"));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(failureOf(attempt).reason()).isEqualTo(FailureReason.PROVIDER_UNAVAILABLE);
    }

    @Test
    void emptyServiceUnavailableIsUnknown() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(aResponse().withStatus(503));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(failureOf(attempt).providerMessage()).contains("503").contains("empty");
    }

    @Test
    void connectionResetAfterSendingIsUnknown() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(failureOf(attempt).reason()).isEqualTo(FailureReason.NETWORK_ERROR);
    }

    @Test
    void answerSlowerThanTheAttemptTimeoutIsUnknown() {
        GATEWAY.stubFor(post("/v3/pay/transactions/native").willReturn(signed(200, QR, now()).withFixedDelay(3_000)));

        Attempt<PaymentOutcome> attempt = provider().pay(request(new PaymentMethod.QrCode()),
                context(Duration.ofMillis(300)));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(failureOf(attempt).reason()).isEqualTo(FailureReason.TIMEOUT);
    }

    @Test
    void unreachableHostIsNotSent() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        WechatPayProvider provider = WechatPayProvider.create(config().host("http://127.0.0.1:" + closedPort).build());

        Attempt<PaymentOutcome> attempt = provider.pay(request(new PaymentMethod.QrCode()), context());

        assertThat(attempt).isInstanceOf(Attempt.NotSent.class);
        assertThat(failureOf(attempt).reason()).isEqualTo(FailureReason.NETWORK_ERROR);
    }

    @Test
    void malformedJsonInAVerifiedAnswerIsUnknown() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(signed(200, "{\"code_url\":", now()));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(failureOf(attempt).reason()).isEqualTo(FailureReason.PROVIDER_ERROR);
    }

    @Test
    void answerSignedWithAnotherKeyIsUnknown() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(
                signed(200, QR, Vectors.PUBLIC_KEY_ID, Vectors.merchantPrivateKey(), now()));

        assertThat(failureOf(attempt).reason()).isEqualTo(FailureReason.RESPONSE_SIGNATURE_INVALID);
        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void tamperedBodyIsUnknown() {
        Map<String, String> headers = WechatSigning.headers(QR, Vectors.PUBLIC_KEY_ID, Vectors.platformPrivateKey(),
                now());

        Attempt<PaymentOutcome> attempt = nativePayAnswered(signedWithHeaders(200,
                QR.replace("p4lpSuKzz", "attacker"), headers));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void unsignedSuccessResponseIsTreatedAsForgery() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(QR));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(failureOf(attempt).reason()).isEqualTo(FailureReason.RESPONSE_SIGNATURE_INVALID);
    }

    @Test
    void unsignedBusinessErrorIsNotTakenAsADefiniteRefusal() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(aResponse().withStatus(403)
                .withBody("{\"code\":\"NOT_ENOUGH\",\"message\":\"余额不足\"}"));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(failureOf(attempt).providerCode()).isEqualTo("NOT_ENOUGH");
    }

    @Test
    void staleTimestampIsUnknown() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(signed(200, QR, now() - 300));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(failureOf(attempt).providerMessage()).contains("300 s");
    }

    @Test
    void timestampFromTheFutureIsUnknown() {
        assertThat(nativePayAnswered(signed(200, QR, now() + 300))).isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void timestampJustInsideTheWindowIsAccepted() {
        assertThat(nativePayAnswered(signed(200, QR, now() - 299))).isInstanceOf(Attempt.Succeeded.class);
    }

    @Test
    void signatureProbeIsRejectedWithoutCrashing() {
        Map<String, String> headers = new java.util.LinkedHashMap<>(WechatSigning.headers(QR, Vectors.PUBLIC_KEY_ID,
                Vectors.platformPrivateKey(), now()));
        headers.put("Wechatpay-Signature", "WECHATPAY/SIGNTEST/" + headers.get("Wechatpay-Signature"));

        Attempt<PaymentOutcome> attempt = nativePayAnswered(signedWithHeaders(200, QR, headers));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(failureOf(attempt).providerMessage()).contains("probe");
    }

    @Test
    void lowercaseResponseHeaderNamesAreAccepted() {
        Map<String, String> lower = new java.util.LinkedHashMap<>();
        WechatSigning.headers(QR, Vectors.PUBLIC_KEY_ID, Vectors.platformPrivateKey(), now())
                .forEach((k, v) -> lower.put(k.toLowerCase(java.util.Locale.ROOT), v));

        assertThat(nativePayAnswered(signedWithHeaders(200, QR, lower))).isInstanceOf(Attempt.Succeeded.class);
    }

    @Test
    void unknownSerialInPublicKeyModeIsUnknown() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(
                signed(200, QR, "PUB_KEY_ID_0000000000000000000000000000", Vectors.platformPrivateKey(), now()));

        assertThat(failureOf(attempt).providerMessage()).contains("not a trusted key");
    }

    @Test
    void businessErrorKeepsTheRequestIdAndDetail() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(signed(400, "{\"code\":\"PARAM_ERROR\",\"detail\":"
                + "{\"field\":\"/amount/total\",\"issue\":\"must be >= 1\",\"location\":\"body\",\"value\":0},"
                + "\"message\":\"参数错误\"}", now()));

        Failure failure = ((Attempt.Rejected<PaymentOutcome>) attempt).failure();
        assertThat(failure.reason()).isEqualTo(FailureReason.INVALID_REQUEST);
        assertThat(failure.providerCode()).isEqualTo("PARAM_ERROR");
        assertThat(failure.requestId()).startsWith("REQ-400");
        assertThat(failure.providerMessage()).contains("参数错误").contains("/amount/total").contains("must be >= 1");
    }

    @Test
    void unmappedCodeIsAProviderErrorKeepingTheRawCode() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(signed(403,
                "{\"code\":\"SOMETHING_NEW\",\"message\":\"新错误\"}", now()));

        Failure failure = ((Attempt.Rejected<PaymentOutcome>) attempt).failure();
        assertThat(failure.reason()).isEqualTo(FailureReason.PROVIDER_ERROR);
        assertThat(failure.providerCode()).isEqualTo("SOMETHING_NEW");
    }

    @Test
    void resentPayAnsweredWithAPaidTransactionIsPaid() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(signed(200, "{\"out_trade_no\":\"ORDER_20231115_0001\","
                + "\"transaction_id\":\"4200\",\"trade_state\":\"SUCCESS\",\"amount\":{\"total\":100}}", now()));

        assertThat(attempt).isEqualTo(new Attempt.Succeeded<>(
                new PaymentOutcome.Paid(ORDER, "4200", Money.cny(100), null)));
    }

    @Test
    void resentPayAnsweredOrderPaidIsUnknownAlreadyPaid() {
        Attempt<PaymentOutcome> attempt = nativePayAnswered(signed(400,
                "{\"code\":\"ORDERPAID\",\"message\":\"该订单已支付\"}", now()));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(failureOf(attempt).reason()).isEqualTo(FailureReason.ORDER_ALREADY_PAID);
    }

    @Test
    void desktopWebIsRefusedBeforeSending() {
        Attempt<PaymentOutcome> attempt = provider().pay(request(
                new PaymentMethod.Web(PaymentMethod.Web.Device.DESKTOP, null, null)), context());

        assertThat(failureOf(attempt).reason()).isEqualTo(FailureReason.INVALID_REQUEST);
        assertThat(GATEWAY.getAllServeEvents()).isEmpty();
    }

    @Test
    void queryAnswered500IsUnknown() {
        GATEWAY.stubFor(get("/v3/pay/transactions/out-trade-no/ORDER_20231115_0001?mchid=1900000109")
                .willReturn(signed(500, "{\"code\":\"SYSTEM_ERROR\",\"message\":\"系统错误\"}", now())));

        Attempt<TradeStatus> attempt = provider().query(ORDER, context());

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void unsignedNotFoundIsNotTakenAsNeverCreated() {
        GATEWAY.stubFor(get("/v3/pay/transactions/out-trade-no/ORDER_20231115_0001?mchid=1900000109")
                .willReturn(aResponse().withStatus(404).withBody("{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"x\"}")));

        assertThat(provider().query(ORDER, context())).isInstanceOf(Attempt.Unknown.class);
    }
}
