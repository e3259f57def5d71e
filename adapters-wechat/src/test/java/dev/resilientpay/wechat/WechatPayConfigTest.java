package dev.resilientpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.wechat.support.Vectors;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every configuration error is caught at build time with a message naming the field. */
class WechatPayConfigTest {

    private static WechatPayConfig.Builder valid() {
        return Vectors.publicKeyConfig();
    }

    private static void rejects(UnaryOperator<WechatPayConfig.Builder> change, String... messageParts) {
        assertThatThrownBy(() -> change.apply(valid()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> {
                    for (String part : messageParts) {
                        assertThat(e.getMessage()).contains(part);
                    }
                    assertThat(e.getMessage()).doesNotContain(Vectors.API_V3_KEY);
                });
    }

    @Test
    void validConfigurationDefaultsToTheOfficialHostWithItsBackup() {
        WechatPayConfig config = valid().build();

        assertThat(config.host().toString()).isEqualTo("https://api.mch.weixin.qq.com/");
        assertThat(config.backupHost().toString()).isEqualTo("https://api2.mch.weixin.qq.com/");
        assertThat(config.verificationMode()).isEqualTo("PUBLIC_KEY");
    }

    @Test
    void missingMchIdIsRejected() {
        rejects(b -> b.mchId(null), "mchId");
    }

    @Test
    void nonNumericMchIdIsRejected() {
        rejects(b -> b.mchId("19000x0109"), "mchId", "digits");
    }

    @Test
    void missingAppIdIsRejected() {
        rejects(b -> b.appId(null), "appId");
    }

    @Test
    void missingMerchantKeyIsRejected() {
        rejects(b -> b.merchantPrivateKey(null), "merchantPrivateKey", "empty");
    }

    @Test
    void publicKeyInPlaceOfTheMerchantKeyIsRejected() {
        rejects(b -> b.merchantPrivateKey(Vectors.MERCHANT_PUBLIC_PEM), "merchantPrivateKey");
    }

    @Test
    void missingSerialIsRejected() {
        rejects(b -> b.merchantSerialNumber(null), "merchantSerialNumber");
    }

    @Test
    void nonHexSerialIsRejected() {
        rejects(b -> b.merchantSerialNumber("5157F09EFDC096DE15EBE81A47057A7232F1B8EZ"), "merchantSerialNumber", "hex");
    }

    @Test
    void lowercaseSerialIsStoredUppercase() {
        assertThat(valid().merchantSerialNumber(Vectors.MERCHANT_SERIAL.toLowerCase()).build().merchantSerialNumber())
                .isEqualTo(Vectors.MERCHANT_SERIAL);
    }

    @Test
    void missingApiV3KeyIsRejected() {
        rejects(b -> b.apiV3Key(null), "apiV3Key");
    }

    @Test
    void shortApiV3KeyIsRejectedWithItsLength() {
        rejects(b -> b.apiV3Key("0123456789abcdef0123456789abcde"), "apiV3Key", "32 bytes", "was 31 bytes");
    }

    @Test
    void apiV3KeyOfThirtyTwoCharactersButMoreBytesIsRejected() {
        rejects(b -> b.apiV3Key("密0123456789abcdef0123456789abcde"), "apiV3Key", "was 34 bytes");
    }

    @Test
    void plainHttpHostIsRejected() {
        rejects(b -> b.host("http://api.mch.weixin.qq.com"), "host", "https");
    }

    @Test
    void plainHttpLoopbackHostIsAllowedWithoutBackup() {
        WechatPayConfig config = valid().host("http://127.0.0.1:8080").build();

        assertThat(config.host().port()).isEqualTo(8080);
        assertThat(config.backupHost()).isNull();
    }

    @Test
    void plainHttpBackupHostIsRejected() {
        rejects(b -> b.backupHost("http://api2.mch.weixin.qq.com"), "backupHost", "https");
    }

    @Test
    void notifyUrlWithAQueryIsRejected() {
        rejects(b -> b.notifyUrl("https://shop.example.com/notify?order=1"), "notifyUrl", "query");
    }

    @Test
    void plainHttpNotifyUrlIsRejected() {
        rejects(b -> b.notifyUrl("http://shop.example.com/notify"), "notifyUrl", "https");
    }

    @Test
    void missingVerificationIsRejected() {
        rejects(b -> b.wechatPayPublicKey(null, null), "verification", "wechatPayPublicKey", "platformCertificates");
    }

    @Test
    void publicKeyIdWithoutThePrefixIsRejected() {
        rejects(b -> b.wechatPayPublicKey("0114232134912410000000000000", Vectors.PLATFORM_PUBLIC_PEM),
                "wechatPayPublicKey", "PUB_KEY_ID_");
    }

    @Test
    void publicKeyIdWithoutTheKeyIsRejected() {
        rejects(b -> b.wechatPayPublicKey(Vectors.PUBLIC_KEY_ID, null), "wechatPayPublicKey", "empty");
    }

    @Test
    void theMerchantsOwnPublicKeyAsWechatPayKeyIsRejected() {
        rejects(b -> b.wechatPayPublicKey(Vectors.PUBLIC_KEY_ID, Vectors.MERCHANT_PUBLIC_PEM),
                "wechatPayPublicKey", "merchant's own");
    }

    @Test
    void certificateModeAloneIsValid() {
        assertThat(valid().wechatPayPublicKey(null, null).platformCertificates().build().verificationMode())
                .isEqualTo("PLATFORM_CERTIFICATES");
    }

    @Test
    void bothModesTogetherAreAMigration() {
        assertThat(valid().platformCertificates().build().verificationMode())
                .isEqualTo("PUBLIC_KEY+PLATFORM_CERTIFICATES");
    }

    @Test
    void toStringShowsNoSecret() {
        String text = valid().build().toString() + WechatPayProvider.create(valid().build());

        assertThat(text).contains(Vectors.MCH_ID).contains(Vectors.MERCHANT_SERIAL)
                .doesNotContain(Vectors.API_V3_KEY)
                .doesNotContain(Vectors.MERCHANT_PRIVATE_PEM.lines().skip(1).findFirst().orElseThrow())
                .doesNotContain("PRIVATE KEY");
    }

    @Test
    void providerIsNamedWechat() {
        assertThat(WechatPayProvider.create(valid().build()).name()).isEqualTo("wechat");
    }
}
