package dev.resilientpay.alipay;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.resilientpay.alipay.support.GatewayStub.context;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.FailureReason;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.alipay.support.GatewayStub;
import dev.resilientpay.alipay.support.TestCertificates;
import dev.resilientpay.alipay.support.TestSigning;
import dev.resilientpay.alipay.support.Vectors;
import dev.resilientpay.spi.Attempt;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Certificate mode with certificates made in the test: a self-signed RSA root (plus an EC root that
 * must not count), the app certificate and Alipay certificates issued under the root.
 */
class AlipayCertificateModeTest {

    private static final Instant NOW = GatewayStub.CLOCK.instant();
    private static final String QUERY = "alipay.trade.query";
    private static final String PAID = "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\","
            + "\"trade_status\":\"TRADE_SUCCESS\",\"total_amount\":\"1.00\",\"trade_no\":\"X\"}";

    @RegisterExtension
    static final GatewayStub gateway = new GatewayStub();
    private static KeyPair rootKeys;
    private static X509Certificate root;
    private static X509Certificate ecRoot;
    private static X509Certificate appCert;
    private static X509Certificate alipayCert;

    @BeforeAll
    static void certificates() throws Exception {
        rootKeys = rsa();
        root = TestCertificates.issue("Test Root", rootKeys.getPublic(), "Test Root", rootKeys.getPrivate(),
                BigInteger.valueOf(4660), true, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)), "SHA256withRSA");
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(256);
        KeyPair ecKeys = ec.generateKeyPair();
        ecRoot = TestCertificates.issue("EC Root", ecKeys.getPublic(), "EC Root", ecKeys.getPrivate(),
                BigInteger.ONE, true, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650)), "SHA256withECDSA");
        appCert = issued("App", TestSigning.publicKey(Vectors.key("appPublicKey")), BigInteger.valueOf(1001));
        alipayCert = issued("Alipay", TestSigning.publicKey(Vectors.key("gatewayPublicKey")), BigInteger.valueOf(2002));
    }

    @Test
    void certificateSerialsFollowAlipaysRule() throws Exception {
        AlipayConfig config = config().build();

        assertThat(config.certificateMode()).isTrue();
        assertThat(config.appCertSn()).isEqualTo(md5Hex("CN=Test Root,O=resilient-pay,C=CN1001"));
        assertThat(config.alipayRootCertSn()).isEqualTo(md5Hex("CN=Test Root,O=resilient-pay,C=CN4660"));
    }

    @Test
    void requestsCarryBothCertificateSerials() throws Exception {
        gateway.answer(QUERY, signedWithSn(PAID, md5Hex("CN=Test Root,O=resilient-pay,C=CN2002"),
                TestSigning.gatewayPrivateKey()));

        Attempt<TradeStatus> attempt = AlipayProvider.create(config().build()).query("T1", context("T1"));

        assertThat(((Attempt.Succeeded<TradeStatus>) attempt).value().state()).isEqualTo(TradeState.PAID);
        Map<String, String> params = GatewayStub.params(gateway.requests().get(0));
        assertThat(params).containsEntry("app_cert_sn", md5Hex("CN=Test Root,O=resilient-pay,C=CN1001"))
                .containsEntry("alipay_root_cert_sn", md5Hex("CN=Test Root,O=resilient-pay,C=CN4660"));
    }

    @Test
    void rotatedAlipayCertificateIsDownloadedCheckedAgainstTheRootAndCached() throws Exception {
        KeyPair rotatedKeys = rsa();
        X509Certificate rotated = issued("Alipay", rotatedKeys.getPublic(), BigInteger.valueOf(3003));
        String rotatedSn = md5Hex("CN=Test Root,O=resilient-pay,C=CN3003");
        gateway.answer(QUERY, signedWithSn(PAID, rotatedSn, rotatedKeys.getPrivate()));
        gateway.answerSigned("alipay.open.app.alipaycert.download", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"alipay_cert_content\":\"" + Base64.getEncoder().encodeToString(
                        TestCertificates.pem(rotated).getBytes(StandardCharsets.UTF_8)) + "\"}");
        AlipayProvider provider = AlipayProvider.create(config().build());

        Attempt<TradeStatus> first = provider.query("T1", context("T1"));
        Attempt<TradeStatus> second = provider.query("T1", context("T1"));

        assertThat(first).isInstanceOf(Attempt.Succeeded.class);
        assertThat(second).isInstanceOf(Attempt.Succeeded.class);
        gateway.verifyCount(1, postRequestedFor(urlPathEqualTo("/gateway.do"))
                .withQueryParam("method", equalTo("alipay.open.app.alipaycert.download")));
    }

    @Test
    void downloadedCertificateNotUnderTheRootIsNotTrusted() throws Exception {
        KeyPair strangerRoot = rsa();
        KeyPair forgedKeys = rsa();
        X509Certificate forged = TestCertificates.issue("Alipay 3", forgedKeys.getPublic(), "Test Root",
                strangerRoot.getPrivate(), BigInteger.valueOf(4004), false, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)), "SHA256withRSA");
        String forgedSn = md5Hex("CN=Test Root,O=resilient-pay,C=CN4004");
        gateway.answer(QUERY, signedWithSn(PAID, forgedSn, forgedKeys.getPrivate()));
        gateway.answerSigned("alipay.open.app.alipaycert.download", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"alipay_cert_content\":\"" + Base64.getEncoder().encodeToString(
                        TestCertificates.pem(forged).getBytes(StandardCharsets.UTF_8)) + "\"}");

        Attempt<TradeStatus> attempt = AlipayProvider.create(config().build()).query("T1", context("T1"));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(((Attempt.Unknown<TradeStatus>) attempt).failure().reason())
                .isEqualTo(FailureReason.RESPONSE_SIGNATURE_INVALID);
    }

    /** Issue 8, finding 7: the root vouches for many certificates; only Alipay's own subject signs for Alipay. */
    @Test
    void downloadedCertificateOfAnotherSubjectUnderTheSameRootIsNotTrusted() throws Exception {
        KeyPair otherKeys = rsa();
        X509Certificate other = issued("Another Merchant", otherKeys.getPublic(), BigInteger.valueOf(5005));

        assertDownloadNotTrusted(other, otherKeys, BigInteger.valueOf(5005));
    }

    @Test
    void downloadedCaCertificateWithAlipaysSubjectIsNotTrusted() throws Exception {
        KeyPair caKeys = rsa();
        X509Certificate ca = TestCertificates.issue("Alipay", caKeys.getPublic(), "Test Root", rootKeys.getPrivate(),
                BigInteger.valueOf(6006), true, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)),
                "SHA256withRSA");

        assertDownloadNotTrusted(ca, caKeys, BigInteger.valueOf(6006));
    }

    @Test
    void downloadedCertificateWithoutDigitalSignatureUsageIsNotTrusted() throws Exception {
        KeyPair keys = rsa();
        X509Certificate encipherOnly = TestCertificates.issue("Alipay", keys.getPublic(), "Test Root",
                rootKeys.getPrivate(), BigInteger.valueOf(7007), false, 0x20, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)), "SHA256withRSA");

        assertDownloadNotTrusted(encipherOnly, keys, BigInteger.valueOf(7007));
    }

    /** Real downloads carry the leaf and its intermediate CA: the PKIX builder finds the path through it. */
    @Test
    void downloadedCertificateIssuedThroughAnIntermediateIsTrusted() throws Exception {
        KeyPair intermediateKeys = rsa();
        X509Certificate intermediate = TestCertificates.issue("Test Class 2", intermediateKeys.getPublic(), "Test Root",
                rootKeys.getPrivate(), BigInteger.valueOf(8008), true, 0x06, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)), "SHA256withRSA");
        KeyPair leafKeys = rsa();
        X509Certificate leaf = TestCertificates.issue("Alipay", leafKeys.getPublic(), "Test Class 2",
                intermediateKeys.getPrivate(), BigInteger.valueOf(9009), false, 0x80, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)), "SHA256withRSA");
        String sn = md5Hex("CN=Test Class 2,O=resilient-pay,C=CN9009");
        gateway.answer(QUERY, signedWithSn(PAID, sn, leafKeys.getPrivate()));
        serveDownload(intermediate, leaf);

        assertThat(AlipayProvider.create(config().build()).query("T1", context("T1"))).isInstanceOf(Attempt.Succeeded.class);
    }

    @Test
    void alipayCertificateThatIsACaIsAConfigurationError() throws Exception {
        X509Certificate ca = TestCertificates.issue("Alipay", TestSigning.publicKey(Vectors.key("gatewayPublicKey")),
                "Test Root", rootKeys.getPrivate(), BigInteger.valueOf(11), true, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)), "SHA256withRSA");

        assertThatThrownBy(() -> config().alipayPublicCertificate(TestCertificates.pem(ca)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signing certificate");
    }

    private void assertDownloadNotTrusted(X509Certificate downloaded, KeyPair keys, BigInteger serial) throws Exception {
        String sn = md5Hex("CN=Test Root,O=resilient-pay,C=CN" + serial);
        gateway.answer(QUERY, signedWithSn(PAID, sn, keys.getPrivate()));
        serveDownload(downloaded);

        Attempt<TradeStatus> attempt = AlipayProvider.create(config().build()).query("T1", context("T1"));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(((Attempt.Unknown<TradeStatus>) attempt).failure().reason())
                .isEqualTo(FailureReason.RESPONSE_SIGNATURE_INVALID);
        gateway.verifyCount(1, postRequestedFor(urlPathEqualTo("/gateway.do"))
                .withQueryParam("method", equalTo("alipay.open.app.alipaycert.download")));
    }

    private static void serveDownload(X509Certificate... certificates) {
        gateway.answerSigned("alipay.open.app.alipaycert.download", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"alipay_cert_content\":\"" + Base64.getEncoder().encodeToString(
                        TestCertificates.pem(certificates).getBytes(StandardCharsets.UTF_8)) + "\"}");
    }

    @Test
    void alipayCertificateNotUnderTheRootIsAConfigurationError() throws Exception {
        KeyPair stranger = rsa();
        X509Certificate foreign = TestCertificates.issue("Alipay", TestSigning.publicKey(Vectors.key("gatewayPublicKey")),
                "Other Root", stranger.getPrivate(), BigInteger.TEN, false, NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(365)), "SHA256withRSA");

        assertThatThrownBy(() -> config().alipayPublicCertificate(TestCertificates.pem(foreign)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alipayPublicCertificate");
    }

    @Test
    void appCertificateOfAnotherKeyIsAConfigurationError() {
        assertThatThrownBy(() -> config().appCertificate(TestCertificates.pem(alipayCert)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appCertificate");
    }

    private static AlipayConfig.Builder config() {
        return AlipayConfig.builder()
                .appId(Vectors.appId())
                .merchantPrivateKey(Vectors.key("appPrivateKey"))
                .appCertificate(TestCertificates.pem(appCert))
                .alipayPublicCertificate(TestCertificates.pem(alipayCert))
                .alipayRootCertificate(TestCertificates.pem(root, ecRoot))
                .gatewayUrl(gateway.url())
                .clock(GatewayStub.CLOCK);
    }

    private static String signedWithSn(String content, String sn, java.security.PrivateKey key) {
        return "{\"" + TestSigning.node(QUERY) + "\":" + content + ",\"alipay_cert_sn\":\"" + sn + "\",\"sign\":\""
                + TestSigning.sign(key, content) + "\"}";
    }

    private static X509Certificate issued(String name, java.security.PublicKey key, BigInteger serial) {
        return TestCertificates.issue(name, key, "Test Root", rootKeys.getPrivate(), serial, false,
                NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)), "SHA256withRSA");
    }

    private static KeyPair rsa() throws NoSuchAlgorithmException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private static String md5Hex(String text) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
