package dev.resilientpay.spring.boot.autoconfigure;

import static dev.resilientpay.spring.boot.autoconfigure.MerchantProps.alipay;
import static dev.resilientpay.spring.boot.autoconfigure.MerchantProps.wechat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.Operation;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.Policies;
import dev.resilientpay.QueryResult;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.transport.GatewayHttp;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Which beans appear under which conditions, and what each property does to them. */
class ResilientPayAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResilientPayAutoConfiguration.class));

    @Test
    void withoutMerchantsTheRegistryIsEmptyAndNoClientBeanExists() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(PaymentClients.class).hasSingleBean(GatewayHttp.class)
                    .doesNotHaveBean(PaymentClient.class);
            assertThat(context.getBean(PaymentClients.class).names()).isEmpty();
        });
    }

    @Test
    void everyMerchantOfBothProvidersGetsAClientBeanNamedAfterIt() {
        runner.withPropertyValues(alipay("shop")).withPropertyValues(alipay("kiosk"))
                .withPropertyValues(wechat("mini-app"))
                .run(context -> {
                    PaymentClients clients = context.getBean(PaymentClients.class);
                    assertThat(clients.names()).containsExactly("shop", "kiosk", "mini-app");
                    assertThat(context.getBeansOfType(PaymentClient.class)).containsOnlyKeys(
                            "shopPaymentClient", "kioskPaymentClient", "mini-appPaymentClient");
                    assertThat(context.getBean("shopPaymentClient")).isSameAs(clients.get("shop"));
                    assertThat(clients.get("mini-app").providerName()).isEqualTo("wechat");
                    assertThat(clients.providerOf("kiosk")).isEqualTo("alipay");
                    assertThat(clients.get("shop")).isNotSameAs(clients.get("kiosk"));
                });
    }

    @Test
    void clientBeansAreQualifiedWithTheMerchantName() {
        runner.withPropertyValues(alipay("shop")).withPropertyValues(wechat("mini-app"))
                .withUserConfiguration(NeedsQualifiedClients.class)
                .run(context -> {
                    NeedsQualifiedClients user = context.getBean(NeedsQualifiedClients.class);
                    PaymentClients clients = context.getBean(PaymentClients.class);
                    assertThat(user.shop).isSameAs(clients.get("shop"));
                    assertThat(user.miniApp).isSameAs(clients.get("mini-app"));
                });
    }

    @Test
    void unknownMerchantNameIsRefusedNamingTheConfiguredOnes() {
        runner.withPropertyValues(alipay("shop")).run(context -> {
            PaymentClients clients = context.getBean(PaymentClients.class);
            assertThat(clients.find("nope")).isEmpty();
            org.assertj.core.api.Assertions.assertThatIllegalArgumentException().isThrownBy(() -> clients.get("nope"))
                    .withMessage("merchant 'nope' is not configured; configured: [shop]");
        });
    }

    @Test
    void closingTheContextClosesTheClients() {
        PaymentClient[] client = new PaymentClient[1];
        runner.withPropertyValues(alipay("shop")).run(context -> client[0] = context.getBean(PaymentClient.class));
        org.assertj.core.api.Assertions.assertThatIllegalStateException().isThrownBy(() -> client[0].query("order_1"));
    }

    @Test
    void disabledByPropertyCreatesNothing() {
        runner.withPropertyValues(alipay("shop")).withPropertyValues("resilientpay.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PaymentClients.class)
                        .doesNotHaveBean(PaymentClient.class).doesNotHaveBean(GatewayHttp.class));
    }

    @Test
    void withoutTheCoreOnTheClassPathNothingIsConfigured() {
        runner.withClassLoader(new FilteredClassLoader(PaymentClient.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PaymentClients.class));
    }

    @Test
    void wechatMerchantsWorkWithoutTheAlipayAdapter() {
        runner.withClassLoader(new FilteredClassLoader("dev.resilientpay.alipay"))
                .withPropertyValues(wechat("mini-app"))
                .run(context -> assertThat(context.getBean(PaymentClients.class).names()).containsExactly("mini-app"));
    }

    @Test
    void anAlipayMerchantWithoutTheAlipayAdapterFailsNamingTheMerchant() {
        runner.withClassLoader(new FilteredClassLoader("dev.resilientpay.alipay"))
                .withPropertyValues(alipay("shop"))
                .run(context -> assertThat(Failures.configurationFailure(context))
                        .hasMessageContaining("resilientpay.alipay.merchants.shop")
                        .hasMessageContaining("resilient-pay-alipay"));
    }

    @Test
    void theApplicationsTransportReplacesTheDefault() {
        GatewayHttp own = GatewayHttp.create();
        runner.withBean(GatewayHttp.class, () -> own).withPropertyValues(alipay("shop"))
                .run(context -> assertThat(context.getBean(GatewayHttp.class)).isSameAs(own));
    }

    @Test
    void policiesAreLibraryDefaultsThenSharedThenTheMerchantsOwn() {
        runner.withPropertyValues(alipay("shop", "policies.pay-by-code.deadline=20s",
                        "policies.refund.max-attempts=2", "policies.refund.backoff-initial=1s",
                        "policies.refund.backoff-multiplier=3", "policies.refund.backoff-max=9s",
                        "policies.refund.jitter=0.1", "policies.refund.poll-initial-delay=2s",
                        "policies.refund.poll-max-interval=30s", "policies.refund.attempt-timeout=7s"))
                .withPropertyValues(alipay("kiosk"))
                .withPropertyValues("resilientpay.policies.pay-by-code.deadline=40s",
                        "resilientpay.policies.pay-by-code.max-attempts=4")
                .run(context -> {
                    Policies shop = merchant(context, "shop").policies();
                    Policies kiosk = merchant(context, "kiosk").policies();
                    OperationPolicy libraryDefault = Policies.defaults().of(Operation.PAY_BY_CODE);
                    assertThat(kiosk.of(Operation.PAY_BY_CODE)).isEqualTo(libraryDefault.toBuilder()
                            .deadline(Duration.ofSeconds(40)).maxAttempts(4).build());
                    assertThat(shop.of(Operation.PAY_BY_CODE)).isEqualTo(libraryDefault.toBuilder()
                            .deadline(Duration.ofSeconds(20)).maxAttempts(4).build());
                    assertThat(shop.of(Operation.REFUND)).isEqualTo(new OperationPolicy(Duration.ofSeconds(7),
                            Policies.defaults().of(Operation.REFUND).deadline(), 2, Duration.ofSeconds(1), 3.0,
                            Duration.ofSeconds(9), 0.1, Duration.ofSeconds(2), Duration.ofSeconds(30)));
                    assertThat(shop.of(Operation.QUERY)).isEqualTo(Policies.defaults().of(Operation.QUERY));
                });
    }

    @Test
    void breakerIsLibraryDefaultsThenSharedThenTheMerchantsOwn() {
        runner.withPropertyValues(wechat("mini-app", "breaker.open-duration=5s", "breaker.trial-calls=1",
                        "breaker.minimum-failure-span=0s"))
                .withPropertyValues(alipay("shop"))
                .withPropertyValues("resilientpay.breaker.failure-rate-threshold=70",
                        "resilientpay.breaker.sliding-window-size=40", "resilientpay.breaker.minimum-calls=10")
                .run(context -> {
                    assertThat(merchant(context, "shop").breakerPolicy())
                            .isEqualTo(new BreakerPolicy(70, 40, 10, BreakerPolicy.defaults().openDuration(),
                                    BreakerPolicy.defaults().trialCalls(), BreakerPolicy.defaults().minimumFailureSpan()));
                    assertThat(merchant(context, "mini-app").breakerPolicy())
                            .isEqualTo(new BreakerPolicy(70, 40, 10, Duration.ofSeconds(5), 1, Duration.ZERO));
                });
    }

    @Test
    void notifyPathsDefaultUnderTheBasePathAndMayBeSetPerMerchant() {
        runner.withPropertyValues(alipay("shop")).withPropertyValues(wechat("mini-app", "notify-path=/hooks/wx"))
                .withPropertyValues("resilientpay.notifications.base-path=/pay/notify/")
                .run(context -> {
                    assertThat(merchant(context, "shop").notifyPath()).isEqualTo("/pay/notify/alipay/shop");
                    assertThat(merchant(context, "mini-app").notifyPath()).isEqualTo("/hooks/wx");
                });
    }

    @Test
    void applicationListenersAndPerMerchantListenersSeeEveryAttemptWithinTheConfiguredPolicy() {
        List<String> seen = new CopyOnWriteArrayList<>();
        runner.withPropertyValues(alipay("shop", "gateway-url=http://127.0.0.1:1/gateway.do",
                        "policies.query.max-attempts=1", "policies.query.deadline=2s"))
                .withBean(PaymentListener.class, () -> new PaymentListener() {
                    @Override
                    public void onAttempt(AttemptFinished event) {
                        seen.add("shared " + event.operation() + " " + event.classification());
                    }
                })
                .withBean(MerchantListenerFactory.class, () -> (merchant, provider) -> new PaymentListener() {
                    @Override
                    public void onAttempt(AttemptFinished event) {
                        seen.add(merchant + "/" + provider + " " + event.operation());
                    }
                })
                .run(context -> {
                    QueryResult<?> result = context.getBean(PaymentClients.class).get("shop").query("order_1");
                    assertThat(result).isNotNull();
                    assertThat(seen).containsExactlyInAnyOrder("shared QUERY NOT_SENT", "shop/alipay QUERY");
                });
    }

    @Test
    void oneInMemoryLedgerServesEveryMerchantByDefault() {
        runner.withPropertyValues(alipay("shop")).withPropertyValues(wechat("mini-app")).run(context -> {
            PaymentLedger ledger = context.getBean(PaymentLedger.class);
            assertThat(ledger.getClass().getName()).isEqualTo("dev.resilientpay.internal.InMemoryPaymentLedger");
            assertThat(merchant(context, "shop").ledger()).isSameAs(ledger);
            assertThat(merchant(context, "mini-app").ledger()).isSameAs(ledger);
        });
    }

    @Test
    void theApplicationsLedgerServesEveryMerchant() {
        PaymentLedger own = PaymentLedger.inMemory();
        runner.withBean(PaymentLedger.class, () -> own).withPropertyValues(alipay("shop"))
                .withPropertyValues(wechat("mini-app"))
                .run(context -> {
                    assertThat(context).hasSingleBean(PaymentLedger.class);
                    assertThat(merchant(context, "shop").ledger()).isSameAs(own);
                    assertThat(merchant(context, "mini-app").ledger()).isSameAs(own);
                });
    }

    @Test
    void merchantLedgersBeanChoosesEachMerchantsLedger() {
        PaymentLedger shopLedger = PaymentLedger.inMemory();
        PaymentLedger appLedger = PaymentLedger.inMemory();
        runner.withBean(MerchantLedgers.class, () -> (merchant, provider) ->
                        merchant.equals("shop") ? shopLedger : appLedger)
                .withPropertyValues(alipay("shop")).withPropertyValues(wechat("mini-app"))
                .run(context -> {
                    assertThat(merchant(context, "shop").ledger()).isSameAs(shopLedger);
                    assertThat(merchant(context, "mini-app").ledger()).isSameAs(appLedger);
                });
    }

    @Test
    void inMemoryLedgerTypeIgnoresTheJdbcModule() {
        runner.withPropertyValues(alipay("shop")).withPropertyValues("resilientpay.ledger.type=in-memory")
                .run(context -> assertThat(merchant(context, "shop").ledger().getClass().getName())
                        .isEqualTo("dev.resilientpay.internal.InMemoryPaymentLedger"));
    }

    @Test
    void ledgerInstanceIdIsEveryClientsOwnerId() {
        runner.withPropertyValues(alipay("shop")).withPropertyValues(wechat("mini-app"))
                .withPropertyValues("resilientpay.ledger.instance-id=pod-7", "resilientpay.ledger.lease=30s")
                .run(context -> {
                    PaymentClients clients = context.getBean(PaymentClients.class);
                    assertThat(clients.get("shop").instanceId()).isEqualTo("pod-7");
                    assertThat(clients.get("mini-app").instanceId()).isEqualTo("pod-7");
                });
    }

    @Test
    void startupRecoveryIsRegistered() {
        runner.withPropertyValues(alipay("shop"))
                .run(context -> assertThat(context).hasSingleBean(StartupRecovery.class));
    }

    @Test
    void actuatorContributorsAppearWhenActuatorIsPresentAndCanBeSwitchedOff() {
        runner.withPropertyValues(alipay("shop")).run(context -> assertThat(context)
                .hasBean("resilientPayHealthContributor").hasBean("resilientPayInfoContributor"));
        runner.withPropertyValues(alipay("shop")).withPropertyValues("management.health.resilientpay.enabled=false",
                        "management.info.resilientpay.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("resilientPayHealthContributor")
                        .doesNotHaveBean("resilientPayInfoContributor"));
    }

    @Test
    void withoutActuatorThereAreNoContributors() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
                        "org.springframework.boot.health"))
                .withPropertyValues(alipay("shop"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("resilientPayHealthContributor")
                        .doesNotHaveBean("resilientPayInfoContributor"));
    }

    @Test
    void notificationRoutesNeedAServletWebApplication() {
        runner.withPropertyValues(alipay("shop"))
                .run(context -> assertThat(context).doesNotHaveBean("resilientPayNotificationRoutes"));
    }

    @Test
    void servletWebApplicationsGetNotificationRoutesUnlessSwitchedOff() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ResilientPayAutoConfiguration.class))
                .withPropertyValues(alipay("shop"));
        web.run(context -> assertThat(context).hasBean("resilientPayNotificationRoutes"));
        web.withPropertyValues("resilientpay.notifications.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("resilientPayNotificationRoutes"));
    }

    @Test
    void wechatBackupHostIsTheDefaultsOwnNoneWhenEmptyOrTheOneSet() {
        runner.withPropertyValues(wechat("a", "host=https://api.mch.weixin.qq.com"))
                .withPropertyValues(wechat("b", "backup-host="))
                .withPropertyValues(wechat("c", "backup-host=https://api2.example.com"))
                .run(context -> {
                    assertThat(merchant(context, "a").info()).containsEntry("backupHost", "https://api2.mch.weixin.qq.com/");
                    assertThat(merchant(context, "b").info()).containsEntry("backupHost", "none");
                    assertThat(merchant(context, "c").info()).containsEntry("backupHost", "https://api2.example.com/");
                });
    }

    static Merchant merchant(org.springframework.context.ApplicationContext context, String name) {
        return context.getBean(PaymentClients.class).merchants().stream()
                .filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    @Configuration(proxyBeanMethods = false)
    static class NeedsQualifiedClients {
        PaymentClient shop;
        PaymentClient miniApp;

        @Bean
        String user(@Qualifier("shop") PaymentClient shop, @Qualifier("mini-app") PaymentClient miniApp) {
            this.shop = shop;
            this.miniApp = miniApp;
            return "user";
        }
    }
}
