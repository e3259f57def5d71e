package dev.resilientpay.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.resilientpay.wechat.support.WechatSigning.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.NotificationResult;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.testing.CapturedLogs;
import dev.resilientpay.wechat.support.GatewayTestBase;
import dev.resilientpay.wechat.support.TestCertificates;
import dev.resilientpay.wechat.support.Vectors;
import dev.resilientpay.wechat.support.WechatSigning;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;

/** Platform-certificate mode: download, trust, refresh, rotation, and migration to the public key. */
class PlatformCertificateTest extends GatewayTestBase {

    private static final KeyPair KEYS_A = TestCertificates.keyPair();
    private static final KeyPair KEYS_B = TestCertificates.keyPair();
    private static final KeyPair KEYS_C = TestCertificates.keyPair();
    private static final String SERIAL_A = "4A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D";
    private static final String SERIAL_B = "5B2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4E";
    private static final String SERIAL_C = "6C2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4F";
    private static final String QR = "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=cert\"}";

    private final Instant start = clock.instant();
    private final X509Certificate certA = TestCertificates.certificate(KEYS_A, SERIAL_A,
            start.minus(Duration.ofDays(30)), start.plus(Duration.ofDays(2)));
    private final X509Certificate certB = TestCertificates.certificate(KEYS_B, SERIAL_B,
            start.minus(Duration.ofDays(1)), start.plus(Duration.ofDays(365)));

    private WechatPayProvider certificateProvider() {
        return WechatPayProvider.create(config().wechatPayPublicKey(null, null).platformCertificates().build());
    }

    private String certificates(String apiV3Key, X509Certificate... certs) {
        StringJoiner data = new StringJoiner(",", "{\"data\":[", "]}");
        for (X509Certificate cert : certs) {
            String nonce = "certnonce" + cert.getSerialNumber().toString(16).substring(0, 3);
            data.add("{\"serial_no\":\"" + cert.getSerialNumber().toString(16).toUpperCase(Locale.ROOT)
                    + "\",\"effective_time\":\"2023-01-01T00:00:00+08:00\",\"expire_time\":\"2028-01-01T00:00:00+08:00\","
                    + "\"encrypt_certificate\":{\"algorithm\":\"AEAD_AES_256_GCM\",\"nonce\":\"" + nonce
                    + "\",\"associated_data\":\"certificate\",\"ciphertext\":\""
                    + WechatSigning.encrypt(apiV3Key, nonce, "certificate", TestCertificates.pem(cert)) + "\"}}");
        }
        return data.toString();
    }

    private void serveCertificates(String signedBySerial, PrivateKey signedBy, X509Certificate... certs) {
        GATEWAY.stubFor(get(urlPathEqualTo("/v3/certificates"))
                .willReturn(signed(200, certificates(Vectors.API_V3_KEY, certs), signedBySerial, signedBy, now())));
    }

    private void answerNativeSignedBy(String serial, PrivateKey key) {
        GATEWAY.stubFor(post("/v3/pay/transactions/native").willReturn(signed(200, QR, serial, key, now())));
    }

    private Attempt<PaymentOutcome> pay(WechatPayProvider provider) {
        return provider.pay(request(new PaymentMethod.QrCode()), context());
    }

    private int downloads() {
        return GATEWAY.findAll(getRequestedFor(urlPathEqualTo("/v3/certificates"))).size();
    }

    @Test
    void firstDownloadIsTrustedWhenSignedByACertificateItContains() {
        serveCertificates(SERIAL_A, KEYS_A.getPrivate(), certA);
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());

        assertThat(pay(certificateProvider())).isInstanceOf(Attempt.Succeeded.class);
        assertThat(downloads()).isEqualTo(1);
        assertSignedByMerchant(GATEWAY.findAll(getRequestedFor(urlPathEqualTo("/v3/certificates"))).get(0));
    }

    @Test
    void requestsNameTheNewestTrustedCertificateOnceKnown() {
        serveCertificates(SERIAL_A, KEYS_A.getPrivate(), certA, certB);
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());
        WechatPayProvider provider = certificateProvider();

        pay(provider);
        pay(provider);

        var sent = GATEWAY.findAll(postRequestedFor(urlEqualTo("/v3/pay/transactions/native")));
        assertThat(sent.get(1).getHeader("Wechatpay-Serial")).isEqualTo(SERIAL_B);
    }

    @Test
    void firstDownloadSignedByACertificateOutsideItIsRejected() {
        serveCertificates(SERIAL_C, KEYS_C.getPrivate(), certA);
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());

        assertThat(pay(certificateProvider())).isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void downloadEncryptedWithAnotherApiV3KeyIsRejected() {
        GATEWAY.stubFor(get(urlPathEqualTo("/v3/certificates")).willReturn(signed(200,
                certificates("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", certA), SERIAL_A, KEYS_A.getPrivate(), now())));
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());

        assertThat(pay(certificateProvider())).isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void expiredCertificateIsNotTrusted() {
        X509Certificate expired = TestCertificates.certificate(KEYS_A, SERIAL_A, start.minus(Duration.ofDays(400)),
                start.minus(Duration.ofSeconds(1)));
        serveCertificates(SERIAL_A, KEYS_A.getPrivate(), expired);
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());

        assertThat(pay(certificateProvider())).isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void merchantWithoutCertificatesGetsAnUnknownAndAWarningPointingToThePublicKey() {
        CapturedLogs.clear();
        GATEWAY.stubFor(get(urlPathEqualTo("/v3/certificates")).willReturn(signed(404,
                "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"无可用的平台证书\"}", now())));
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());

        assertThat(pay(certificateProvider())).isInstanceOf(Attempt.Unknown.class);
        assertThat(CapturedLogs.lines()).anyMatch(l -> l.startsWith("WARN") && l.contains("public key"));
    }

    @Test
    void unknownSerialTriggersARefresh() {
        serveCertificates(SERIAL_A, KEYS_A.getPrivate(), certA);
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());
        WechatPayProvider provider = certificateProvider();
        pay(provider);
        serveCertificates(SERIAL_A, KEYS_A.getPrivate(), certA, certB);
        answerNativeSignedBy(SERIAL_B, KEYS_B.getPrivate());

        assertThat(pay(provider)).isInstanceOf(Attempt.Succeeded.class);
        assertThat(downloads()).isEqualTo(2);
    }

    @Test
    void rotationMidRunKeepsBothCertificatesUntilTheOldOneExpires() {
        serveCertificates(SERIAL_A, KEYS_A.getPrivate(), certA);
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());
        WechatPayProvider provider = certificateProvider();
        assertThat(pay(provider)).isInstanceOf(Attempt.Succeeded.class);

        serveCertificates(SERIAL_A, KEYS_A.getPrivate(), certA, certB); // WeChat publishes B, still signs with A
        answerNativeSignedBy(SERIAL_B, KEYS_B.getPrivate());
        assertThat(pay(provider)).isInstanceOf(Attempt.Succeeded.class);
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());
        assertThat(pay(provider)).isInstanceOf(Attempt.Succeeded.class);

        clock.advance(Duration.ofDays(3)); // A expired; WeChat now serves and signs with B only
        serveCertificates(SERIAL_B, KEYS_B.getPrivate(), certB);
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());
        assertThat(pay(provider)).isInstanceOf(Attempt.Unknown.class);
        answerNativeSignedBy(SERIAL_B, KEYS_B.getPrivate());
        assertThat(pay(provider)).isInstanceOf(Attempt.Succeeded.class);
    }

    @Test
    void downloadSignedByAnUntrustedNewCertificateIsNotTrustedAfterBootstrap() {
        serveCertificates(SERIAL_A, KEYS_A.getPrivate(), certA);
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());
        WechatPayProvider provider = certificateProvider();
        pay(provider);
        serveCertificates(SERIAL_B, KEYS_B.getPrivate(), certA, certB);
        answerNativeSignedBy(SERIAL_B, KEYS_B.getPrivate());

        assertThat(pay(provider)).isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void repeatedUnknownSerialDownloadsOnlyOncePerMinute() {
        serveCertificates(SERIAL_A, KEYS_A.getPrivate(), certA);
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());
        WechatPayProvider provider = certificateProvider();
        pay(provider);
        answerNativeSignedBy(SERIAL_C, KEYS_C.getPrivate());

        pay(provider);
        pay(provider);
        pay(provider);

        assertThat(downloads()).isEqualTo(2);
    }

    @Test
    void certificatesAreRefreshedHourly() {
        serveCertificates(SERIAL_A, KEYS_A.getPrivate(), certA);
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());
        WechatPayProvider provider = certificateProvider();
        pay(provider);
        clock.advance(Duration.ofMinutes(59));
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());
        pay(provider);
        assertThat(downloads()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        serveCertificates(SERIAL_A, KEYS_A.getPrivate(), certA);
        answerNativeSignedBy(SERIAL_A, KEYS_A.getPrivate());
        pay(provider);

        assertThat(downloads()).isEqualTo(2);
    }

    @Test
    void duringAMigrationRequestsAskForThePublicKey() {
        GATEWAY.stubFor(get(urlPathEqualTo("/v3/certificates"))
                .willReturn(signed(200, certificates(Vectors.API_V3_KEY, certA), now())));
        answerNativeSignedBy(Vectors.PUBLIC_KEY_ID, Vectors.platformPrivateKey());
        WechatPayProvider provider = WechatPayProvider.create(config().platformCertificates().build());

        assertThat(pay(provider)).isInstanceOf(Attempt.Succeeded.class);
        assertThat(GATEWAY.findAll(postRequestedFor(urlEqualTo("/v3/pay/transactions/native"))).get(0)
                .getHeader("Wechatpay-Serial")).isEqualTo(Vectors.PUBLIC_KEY_ID);
    }

    @Test
    void duringAMigrationCallbacksOfBothKindsAreVerifiedWithTheKeyTheirSerialNames() {
        GATEWAY.stubFor(get(urlPathEqualTo("/v3/certificates"))
                .willReturn(signed(200, certificates(Vectors.API_V3_KEY, certA), now())));
        WechatPayProvider provider = WechatPayProvider.create(config().platformCertificates().build());
        String body = WechatSigning.notificationBody("EV-M", "TRANSACTION.SUCCESS", "transaction",
                "{\"mchid\":\"1900000109\",\"appid\":\"wxd678efh567hg6787\",\"out_trade_no\":\"ORDER_20231115_0001\","
                        + "\"trade_state\":\"SUCCESS\"}", Vectors.API_V3_KEY);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);

        Map<String, String> byPublicKey = WechatSigning.headers(body, Vectors.PUBLIC_KEY_ID,
                Vectors.platformPrivateKey(), now());
        Map<String, String> byCertificate = WechatSigning.headers(body, SERIAL_A, KEYS_A.getPrivate(), now());
        Map<String, String> certificateKeyUnderPublicKeyId = WechatSigning.headers(body, Vectors.PUBLIC_KEY_ID,
                KEYS_A.getPrivate(), now());

        assertThat(provider.notifications().verify(byPublicKey, bytes)).isInstanceOf(NotificationResult.Accepted.class);
        assertThat(provider.notifications().verify(byCertificate, bytes))
                .isInstanceOf(NotificationResult.Accepted.class);
        assertThat(provider.notifications().verify(certificateKeyUnderPublicKeyId, bytes))
                .isInstanceOf(NotificationResult.Rejected.class);
    }
}
