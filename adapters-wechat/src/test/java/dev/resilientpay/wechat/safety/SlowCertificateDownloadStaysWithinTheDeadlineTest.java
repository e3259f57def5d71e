package dev.resilientpay.wechat.safety;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.resilientpay.wechat.support.WechatSigning.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.FailureReason;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.wechat.WechatPayProvider;
import dev.resilientpay.wechat.support.GatewayTestBase;
import dev.resilientpay.wechat.support.TestCertificates;
import dev.resilientpay.wechat.support.Vectors;
import dev.resilientpay.wechat.support.WechatSigning;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 8: in platform-certificate mode an answer signed with a serial not known yet triggers a
 * certificate download while the answer is verified. That download used to get the attempt's whole timeout,
 * twice (a due refresh, then the unknown-serial refresh): 0.8 s + 2 s + 2 s for a 2 s attempt. Now the
 * lookup as a whole gets what is left of the attempt. The certificate endpoint answers after 5 s (WireMock
 * fixed delay, loopback). Margin: timeout + 500 ms (socket and thread scheduling on a loaded 2-core machine).
 */
class SlowCertificateDownloadStaysWithinTheDeadlineTest extends GatewayTestBase {

    private static final KeyPair KEYS = TestCertificates.keyPair();
    private static final String SERIAL = "4A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D";
    private static final Duration ATTEMPT = Duration.ofSeconds(2);
    private static final Duration MARGIN = Duration.ofMillis(500);

    private WechatPayProvider certificateProvider() {
        return WechatPayProvider.create(config().wechatPayPublicKey(null, null).platformCertificates().build());
    }

    private void slowCertificateEndpoint() {
        GATEWAY.stubFor(get(urlPathEqualTo("/v3/certificates"))
                .willReturn(signed(200, "{\"data\":[]}", now()).withFixedDelay(5_000)));
    }

    @Test
    void answerWhoseKeyMustBeDownloadedEndsWithinTheAttemptTimeout() {
        slowCertificateEndpoint();
        GATEWAY.stubFor(post("/v3/pay/transactions/native").willReturn(
                signed(200, "{\"code_url\":\"weixin://x\"}", SERIAL, KEYS.getPrivate(), now()).withFixedDelay(800)));

        long started = System.nanoTime();
        Attempt<PaymentOutcome> attempt = certificateProvider().pay(request(new PaymentMethod.QrCode()), context(ATTEMPT));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(((Attempt.Unknown<PaymentOutcome>) attempt).failure().reason())
                .isEqualTo(FailureReason.RESPONSE_SIGNATURE_INVALID);
        assertThat(elapsed).isLessThan(ATTEMPT.plus(MARGIN));
    }

    /** WeChat Pay waits 5 s for the answer to a notification; the verifier's whole budget is 3 s. */
    @Test
    void notificationWhoseKeyMustBeDownloadedIsAnsweredWithinThreeSeconds() {
        slowCertificateEndpoint();
        String body = WechatSigning.notificationBody("EV-1", "TRANSACTION.SUCCESS", "transaction", "{}",
                Vectors.API_V3_KEY);
        var headers = WechatSigning.headers(body, SERIAL, KEYS.getPrivate(), now());

        long started = System.nanoTime();
        NotificationResult result = certificateProvider().notifications().verify(headers,
                body.getBytes(StandardCharsets.UTF_8));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(result).isInstanceOf(NotificationResult.Rejected.class);
        assertThat(elapsed).isLessThan(Duration.ofSeconds(3).plus(MARGIN));
    }
}
