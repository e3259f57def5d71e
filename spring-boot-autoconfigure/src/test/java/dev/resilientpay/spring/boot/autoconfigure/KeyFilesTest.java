package dev.resilientpay.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Keys may come from files (any Spring resource) instead of inline strings. */
class KeyFilesTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResilientPayAutoConfiguration.class));

    @TempDir
    Path dir;

    @Test
    void alipayKeysAreReadFromFiles() throws IOException {
        Path appKey = write("app.pem", TestKeys.privatePem(TestKeys.ALIPAY_APP));
        Path alipayKey = write("alipay.pem", TestKeys.publicPem(TestKeys.ALIPAY_GATEWAY));
        runner.withPropertyValues("resilientpay.alipay.merchants.shop.app-id=2021000000000001",
                        "resilientpay.alipay.merchants.shop.merchant-private-key-location=file:" + appKey,
                        "resilientpay.alipay.merchants.shop.alipay-public-key-location=file:" + alipayKey)
                .run(context -> assertThat(context.getBean(PaymentClients.class).names()).containsExactly("shop"));
    }

    @Test
    void wechatKeysAreReadFromFilesAndTheApiV3KeyFileMayEndWithANewline() throws IOException {
        Path merchantKey = write("apiclient_key.pem", TestKeys.privatePem(TestKeys.WECHAT_MERCHANT));
        Path publicKey = write("pub_key.pem", TestKeys.publicPem(TestKeys.WECHAT_PLATFORM));
        Path apiV3 = write("apiv3.txt", TestKeys.API_V3_KEY + "\n");
        String p = "resilientpay.wechat.merchants.app.";
        runner.withPropertyValues(p + "mch-id=1900000109", p + "app-id=wxd678efh567hg6787",
                        p + "merchant-private-key-location=file:" + merchantKey,
                        p + "merchant-serial-number=5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                        p + "api-v3-key-location=file:" + apiV3,
                        p + "public-key-id=" + MerchantProps.WECHAT_PUBLIC_KEY_ID,
                        p + "public-key-location=file:" + publicKey)
                .run(context -> assertThat(context.getBean(PaymentClients.class).names()).containsExactly("app"));
    }

    @Test
    void keyGivenBothInlineAndAsAFileIsRefused() throws IOException {
        Path appKey = write("app.pem", TestKeys.privatePem(TestKeys.ALIPAY_APP));
        runner.withPropertyValues(MerchantProps.alipay("shop", "merchant-private-key-location=file:" + appKey))
                .run(context -> {
                    ResilientPayConfigurationException failure = Failures.configurationFailure(context);
                    assertThat(failure.property()).isEqualTo("resilientpay.alipay.merchants.shop.merchant-private-key");
                    assertThat(failure.reason()).contains("not both");
                });
    }

    @Test
    void missingKeyFileIsNamed() {
        runner.withPropertyValues("resilientpay.alipay.merchants.shop.app-id=2021000000000001",
                        "resilientpay.alipay.merchants.shop.merchant-private-key-location=file:" + dir.resolve("nope.pem"),
                        "resilientpay.alipay.merchants.shop.alipay-public-key=" + TestKeys.publicPem(TestKeys.ALIPAY_GATEWAY))
                .run(context -> {
                    ResilientPayConfigurationException failure = Failures.configurationFailure(context);
                    assertThat(failure.property())
                            .isEqualTo("resilientpay.alipay.merchants.shop.merchant-private-key-location");
                    assertThat(failure.reason()).contains("file not found");
                });
    }

    @Test
    void badKeyInAFileIsReportedAgainstTheLocationProperty() throws IOException {
        Path appKey = write("app.pem", "not a key");
        runner.withPropertyValues("resilientpay.alipay.merchants.shop.app-id=2021000000000001",
                        "resilientpay.alipay.merchants.shop.merchant-private-key-location=file:" + appKey,
                        "resilientpay.alipay.merchants.shop.alipay-public-key=" + TestKeys.publicPem(TestKeys.ALIPAY_GATEWAY))
                .run(context -> assertThat(Failures.configurationFailure(context).property())
                        .isEqualTo("resilientpay.alipay.merchants.shop.merchant-private-key-location"));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
