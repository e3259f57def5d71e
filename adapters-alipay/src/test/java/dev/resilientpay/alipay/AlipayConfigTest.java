package dev.resilientpay.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.alipay.support.TestSigning;
import dev.resilientpay.alipay.support.Vectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Every configuration error fails at build time with a message naming the field; nothing secret is printed. */
class AlipayConfigTest {

    private static AlipayConfig.Builder valid() {
        return AlipayConfig.builder()
                .appId("2021000000000000")
                .merchantPrivateKey(Vectors.key("appPrivateKey"))
                .alipayPublicKey(Vectors.key("gatewayPublicKey"))
                .gatewayUrl(AlipayConfig.SANDBOX);
    }

    @Test
    void validConfigurationBuildsWithTheProductionGatewayByDefault() {
        AlipayConfig config = valid().gatewayUrl(AlipayConfig.PRODUCTION).build();

        assertThat(config.gatewayUrl()).isEqualTo("https://openapi.alipay.com/gateway.do");
        assertThat(config.certificateMode()).isFalse();
    }

    @Test
    void bareBase64PrivateKeyIsAccepted() {
        String base64 = Vectors.key("appPrivateKey").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");

        assertThat(valid().merchantPrivateKey(base64).build().appId()).isEqualTo("2021000000000000");
    }

    @Test
    void pkcs1PrivateKeyIsRefusedWithTheConversionHint() {
        String pkcs1 = TestSigning.pem("RSA PRIVATE KEY", pkcs1Of(TestSigning.der(Vectors.key("appPrivateKey"))));

        assertThatThrownBy(() -> valid().merchantPrivateKey(pkcs1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("merchantPrivateKey").hasMessageContaining("PKCS#1").hasMessageContaining("pkcs8");
    }

    @Test
    void bareBase64Pkcs1PrivateKeyIsRefusedToo() {
        String pkcs1 = java.util.Base64.getEncoder().encodeToString(pkcs1Of(TestSigning.der(Vectors.key("appPrivateKey"))));

        assertThatThrownBy(() -> valid().merchantPrivateKey(pkcs1).build())
                .hasMessageContaining("merchantPrivateKey").hasMessageContaining("PKCS#1");
    }

    @Test
    void appPublicKeyConfiguredAsAlipayKeyIsDetected() {
        assertThatThrownBy(() -> valid().alipayPublicKey(Vectors.key("appPublicKey")).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alipayPublicKey").hasMessageContaining("app's own public key");
    }

    @Test
    void plainHttpGatewayIsRefused() {
        assertThatThrownBy(() -> valid().gatewayUrl("http://openapi.alipay.com/gateway.do").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gatewayUrl").hasMessageContaining("https");
    }

    @Test
    void plainHttpToLoopbackIsAllowed() {
        assertThat(valid().gatewayUrl("http://127.0.0.1:8080/gateway.do").build().gatewayUrl())
                .isEqualTo("http://127.0.0.1:8080/gateway.do");
    }

    @Test
    void malformedAppIdIsRefused() {
        assertThatThrownBy(() -> valid().appId("2021-0000").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appId").hasMessageContaining("digits");
    }

    @Test
    void tooLongAppIdIsRefused() {
        assertThatThrownBy(() -> valid().appId("1".repeat(33)).build()).hasMessageContaining("appId");
    }

    @Test
    void missingPrivateKeyIsRefused() {
        assertThatThrownBy(() -> valid().merchantPrivateKey(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merchantPrivateKey");
    }

    @Test
    void missingAlipayKeyIsRefused() {
        assertThatThrownBy(() -> valid().alipayPublicKey(null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alipayPublicKey");
    }

    @Test
    void privateKeyGivenAsAlipayKeyIsRefused() {
        assertThatThrownBy(() -> valid().alipayPublicKey(Vectors.key("gatewayPrivateKey")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alipayPublicKey");
    }

    @Test
    void incompleteCertificateModeNamesTheMissingCertificate() {
        assertThatThrownBy(() -> valid().alipayPublicKey(null).appCertificate("x").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alipayPublicCertificate");
    }

    @Test
    void invalidNotifyUrlIsRefused() {
        assertThatThrownBy(() -> valid().notifyUrl("ftp://shop.example.com/n").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notifyUrl");
    }

    @Test
    void toStringHoldsNoKeyMaterialNorToken() {
        String token = "202611BBa5b8c8e4f9a24c4aa8b1f1b7c0d2X01";
        String text = valid().appAuthToken(token).build().toString();

        String privateBody = Vectors.key("appPrivateKey").replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        assertThat(text).contains("2021000000000000").doesNotContain(token);
        assertThat(text).doesNotContain(privateBody.substring(40, 80));
        assertThat(AlipayProvider.create(valid().build()).toString()).doesNotContain(privateBody.substring(40, 80));
    }

    /** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo: its last element, an OCTET STRING. */
    private static byte[] pkcs1Of(byte[] pkcs8) {
        int i = 1;
        i += lengthOfLength(pkcs8, i);            // outer SEQUENCE header
        i = skip(pkcs8, i);                       // INTEGER version
        i = skip(pkcs8, i);                       // AlgorithmIdentifier
        int start = i + 1 + lengthOfLength(pkcs8, i + 1);  // OCTET STRING content
        return Arrays.copyOfRange(pkcs8, start, pkcs8.length);
    }

    private static int skip(byte[] der, int i) {
        int lenBytes = lengthOfLength(der, i + 1);
        return i + 1 + lenBytes + length(der, i + 1);
    }

    private static int lengthOfLength(byte[] der, int i) {
        int first = der[i] & 0xff;
        return first < 0x80 ? 1 : 1 + (first & 0x7f);
    }

    private static int length(byte[] der, int i) {
        int first = der[i] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int len = 0;
        for (int k = 1; k <= (first & 0x7f); k++) {
            len = (len << 8) | (der[i + k] & 0xff);
        }
        return len;
    }
}
