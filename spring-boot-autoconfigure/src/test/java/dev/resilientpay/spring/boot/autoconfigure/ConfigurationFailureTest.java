package dev.resilientpay.spring.boot.autoconfigure;

import static dev.resilientpay.spring.boot.autoconfigure.MerchantProps.alipay;
import static dev.resilientpay.spring.boot.autoconfigure.MerchantProps.wechat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** Bad configuration stops start-up with a report naming the property and the rule it breaks. */
class ConfigurationFailureTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResilientPayAutoConfiguration.class));

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "alipay.merchants.shop.app-id | abc | appId must be 1 to 32 digits",
            "alipay.merchants.shop.gateway-url | http://example.com/gateway.do | gatewayUrl",
            "alipay.merchants.shop.notify-url | ftp://x | notifyUrl must be an http(s) URL",
            "alipay.merchants.shop.merchant-private-key | not a key | merchantPrivateKey",
            "alipay.merchants.shop.app-auth-token | ' ' | appAuthToken must be 1 to 40 characters",
            "alipay.merchants.shop.policies.pay-by-code.max-attempts | 0 | maxAttempts must be 1 to 100",
            "alipay.merchants.shop.policies.refund.jitter | 1.5 | jitter must be at least 0 and below 1",
            "alipay.merchants.shop.breaker.failure-rate-threshold | 101 | failureRateThreshold must be 1 to 100",
            "alipay.merchants.shop.notify-path | notify | must be a plain path starting with '/'",
            "policies.query.deadline | 0s | deadline must be positive",
            "breaker.trial-calls | 0 | trialCalls must be at least 1",
            "breaker.minimum-failure-span | -1s | minimumFailureSpan must not be negative",
            "wechat.merchants.app.mch-id | 19x | mchId must be 1 to 32 digits",
            "wechat.merchants.app.api-v3-key | short | apiV3Key must be exactly 32 bytes",
            "wechat.merchants.app.merchant-serial-number | xyz! | merchantSerialNumber must be",
            "wechat.merchants.app.public-key-id | KEY_1 | wechatPayPublicKey id must look like PUB_KEY_ID_",
            "wechat.merchants.app.host | http://example.com | host",
            "wechat.merchants.app.notify-url | http://shop.example.com/n | notifyUrl",
            "ledger.lease | 10ms | lease must be at least 1s",
            "ledger.instance-id | ' ' | instanceId must be 1 to 100 characters",
            "recovery.batch | 0 | recovery batch must be 1 to 1000",
            "recovery.concurrency | 65 | recovery concurrency must be 1 to 64",
            "recovery.interval | 0s | must be positive",
            "notifications.max-body-bytes | 10 | must be 1 KiB to 16 MiB",
            "notifications.base-path | notify | must start with '/'",
            "health.certificate-warning | -1d | must not be negative",
    })
    void badPropertyIsNamedWithItsRule(String property, String value, String rule) {
        runner.withPropertyValues(alipay("shop")).withPropertyValues(wechat("app"))
                .withPropertyValues("resilientpay." + property + "=" + value)
                .run(context -> {
                    ResilientPayConfigurationException failure = Failures.configurationFailure(context);
                    assertThat(failure.property()).isEqualTo("resilientpay." + property);
                    assertThat(failure.reason()).contains(rule);
                    FailureAnalysis analysis = new ResilientPayFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains("Property: resilientpay." + property)
                            .contains(rule);
                    assertThat(analysis.getAction()).contains("resilientpay." + property);
                });
    }

    @Test
    void wechatMerchantWithoutAnyVerificationKeyIsToldToConfigureOne() {
        runner.withPropertyValues(wechat("app"))
                .withPropertyValues("resilientpay.wechat.merchants.app.public-key-id=",
                        "resilientpay.wechat.merchants.app.public-key=")
                .run(context -> assertThat(Failures.configurationFailure(context).property())
                        .startsWith("resilientpay.wechat.merchants.app.public-key"));
    }

    @Test
    void alipayPublicKeyThatIsTheAppsOwnIsRefused() {
        runner.withPropertyValues(alipay("shop", "alipay-public-key=" + TestKeys.publicPem(TestKeys.ALIPAY_APP)))
                .run(context -> {
                    ResilientPayConfigurationException failure = Failures.configurationFailure(context);
                    assertThat(failure.property()).isEqualTo("resilientpay.alipay.merchants.shop.alipay-public-key");
                    assertThat(failure.reason()).contains("the app's own public key");
                });
    }

    @Test
    void twoMerchantsOfOneAccountAreRefused() {
        runner.withPropertyValues(alipay("shop", "app-id=2021000000000001"))
                .withPropertyValues(alipay("kiosk", "app-id=2021000000000001"))
                .run(context -> {
                    ResilientPayConfigurationException failure = Failures.configurationFailure(context);
                    assertThat(failure.property()).isEqualTo("resilientpay.alipay.merchants.kiosk.app-id");
                    assertThat(failure.reason()).contains("resilientpay.alipay.merchants.shop");
                });
    }

    @Test
    void sameMerchantNameUnderBothProvidersIsRefused() {
        runner.withPropertyValues(alipay("shop")).withPropertyValues(wechat("shop"))
                .run(context -> assertThat(Failures.configurationFailure(context))
                        .hasMessageContaining("resilientpay.wechat.merchants.shop")
                        .hasMessageContaining("already used by resilientpay.alipay.merchants.shop"));
    }

    @Test
    void merchantNameThatCannotBeAPathSegmentIsRefused() {
        runner.withPropertyValues(alipay("[Shop_1]"))
                .run(context -> assertThat(Failures.configurationFailure(context).reason())
                        .contains("merchant name must be 1 to 63 lowercase letters"));
    }

    @Test
    void twoMerchantsOnOneNotifyPathAreRefused() {
        runner.withPropertyValues(alipay("shop", "notify-path=/notify")).withPropertyValues(wechat("app", "notify-path=/notify"))
                .run(context -> {
                    ResilientPayConfigurationException failure = Failures.configurationFailure(context);
                    assertThat(failure.property()).isEqualTo("resilientpay.wechat.merchants.app.notify-path");
                    assertThat(failure.reason()).contains("resilientpay.alipay.merchants.shop.notify-path");
                });
    }

    @Test
    void jdbcLedgerWithoutItsModuleIsRefused() {
        runner.withPropertyValues(alipay("shop")).withPropertyValues("resilientpay.ledger.type=jdbc")
                .withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(
                        "dev.resilientpay.ledger.jdbc"))
                .run(context -> {
                    ResilientPayConfigurationException failure = Failures.configurationFailure(context);
                    assertThat(failure.property()).isEqualTo("resilientpay.ledger.type");
                    assertThat(failure.reason()).contains("resilient-pay-ledger-jdbc");
                });
    }

    @Test
    void errorsNeverQuoteAKey() {
        String key = TestKeys.privatePem(TestKeys.ALIPAY_APP);
        String body = key.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();
        runner.withPropertyValues(alipay("shop", "app-id=bad", "merchant-private-key=" + key))
                .run(context -> {
                    FailureAnalysis analysis = new ResilientPayFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription() + analysis.getAction()).doesNotContain(body);
                });
    }

    @Test
    void theAnalyzerIsRegisteredWithSpringBoot() {
        List<String> analyzers = SpringFactoriesLoader.loadFactoryNames(FailureAnalyzer.class,
                getClass().getClassLoader());
        assertThat(analyzers).contains(ResilientPayFailureAnalyzer.class.getName());
    }
}
