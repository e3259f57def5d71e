package dev.resilientpay.testkit.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.internal.wechat.SelfSignedCertificate;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class WechatPaySimulatorBuilderTest {

    @Test
    void chosenIdentityAndKeysAreServed() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair merchant = generator.generateKeyPair();
        try (WechatPaySimulator sim = WechatPaySimulator.builder().mchId("1230000109").appId("wx8888888888888888")
                .merchantSerialNumber("3775B6A45ACD588826D15E583A95F5DD2C6A4B1E").merchantKeyPair(merchant)
                .apiV3Key("0123456789abcdefghijklmnopqrstuv").publicKeyId("PUB_KEY_ID_0112345678").start()) {

            V3Client.Response response = new V3Client(sim).post("/v3/pay/transactions/native",
                    Bodies.nativePrepay(sim, "BLD-00001", 100));

            assertThat(response.status()).isEqualTo(200);
            assertThat(sim.mchId()).isEqualTo("1230000109");
            assertThat(sim.apiV3Key()).isEqualTo("0123456789abcdefghijklmnopqrstuv");
            assertThat(response.header("Wechatpay-Serial")).isEqualTo("PUB_KEY_ID_0112345678");
            assertThat(sim.merchantPrivateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
            assertThat(sim.baseUrl()).startsWith("http://127.0.0.1:");
        }
    }

    @Test
    void apiV3KeyOfWrongLengthIsRejectedNamingTheRule() {
        assertThatThrownBy(() -> WechatPaySimulator.builder().apiV3Key("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("apiV3Key").hasMessageContaining("32 bytes");
    }

    @Test
    void publicKeyIdWithoutPrefixIsRejected() {
        assertThatThrownBy(() -> WechatPaySimulator.builder().publicKeyId("0112345678"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PUB_KEY_ID_");
    }

    @Test
    void blankMerchantIdIsRejected() {
        assertThatThrownBy(() -> WechatPaySimulator.builder().mchId(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mchId");
    }

    @Test
    void certificatesValidPast2049UseGeneralizedTime() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        Instant notAfter = Instant.parse("2061-03-04T05:06:07Z");

        X509Certificate certificate = SelfSignedCertificate.create(keys, BigInteger.valueOf(0x7F01), "Tenpay.com",
                Instant.parse("2049-12-31T23:59:59Z"), notAfter);

        assertThat(certificate.getNotAfter().toInstant()).isEqualTo(notAfter.truncatedTo(ChronoUnit.SECONDS));
        assertThat(certificate.getSubjectX500Principal().getName()).contains("CN=Tenpay.com");
        assertThat(certificate.getKeyUsage()[0]).as("digitalSignature").isTrue();
        certificate.verify(keys.getPublic());
    }
}
