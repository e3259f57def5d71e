package dev.resilientpay.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testkit.AlipaySimulator;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A call the previous run left in doubt is resolved once the application is ready, without a restart of anything else. */
class StartupRecoveryTest {

    static final AlipaySimulator ALIPAY = AlipaySimulator.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResilientPayAutoConfiguration.class))
            .withPropertyValues("resilientpay.alipay.merchants.shop.app-id=" + ALIPAY.appId(),
                    "resilientpay.alipay.merchants.shop.merchant-private-key=" + ALIPAY.appPrivateKeyPem(),
                    "resilientpay.alipay.merchants.shop.alipay-public-key=" + ALIPAY.alipayPublicKeyPem(),
                    "resilientpay.alipay.merchants.shop.gateway-url=" + ALIPAY.gatewayUrl());

    @AfterAll
    static void stop() {
        ALIPAY.close();
    }

    @Test
    void inDoubtPaymentOfThePreviousRunIsResolvedWhenTheApplicationIsReady() {
        PaymentLedger ledger = ledgerWithAnInDoubtQrPayment("boot_recover_1");
        runner.withBean(PaymentLedger.class, () -> ledger).run(context -> {
            assertThat(ledger.unresolved(10)).hasSize(1);

            context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
                    context.getSourceApplicationContext(), Duration.ZERO));

            await().atMost(Duration.ofSeconds(20)).until(() -> ledger.unresolved(10).isEmpty());
            assertThat(ALIPAY.requests("boot_recover_1")).isNotEmpty();
        });
    }

    @Test
    void startUpRecoveryCanBeSwitchedOff() {
        PaymentLedger ledger = ledgerWithAnInDoubtQrPayment("boot_recover_2");
        runner.withBean(PaymentLedger.class, () -> ledger)
                .withPropertyValues("resilientpay.ledger.recover-on-startup=false")
                .run(context -> {
                    context.getBean(StartupRecovery.class).onApplicationEvent(new ApplicationReadyEvent(
                            new SpringApplication(), new String[0], context.getSourceApplicationContext(),
                            Duration.ZERO));
                    // nothing was started: the listener returns having sent nothing and left the entry alone
                    assertThat(ALIPAY.requests("boot_recover_2")).isEmpty();
                    assertThat(ledger.unresolved(10)).singleElement()
                            .satisfies(e -> assertThat(e.state()).isEqualTo(LedgerState.IN_DOUBT));
                });
    }

    @Test
    void backgroundRecoveryRunsEveryIntervalWithoutARestart() {
        PaymentLedger ledger = ledgerWithAnInDoubtQrPayment("boot_recover_3");
        runner.withBean(PaymentLedger.class, () -> ledger)
                .withPropertyValues("resilientpay.ledger.recover-on-startup=false", "resilientpay.recovery.interval=200ms",
                        "resilientpay.ledger.lease=1s")
                .run(context -> {
                    context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
                            context.getSourceApplicationContext(), Duration.ZERO));

                    await().atMost(Duration.ofSeconds(20)).until(() -> ledger.unresolved(10).isEmpty());
                    assertThat(ALIPAY.requests("boot_recover_3")).isNotEmpty();
                });
    }

    private static PaymentLedger ledgerWithAnInDoubtQrPayment(String orderId) {
        return StartupRecoveryTestSupport.ledgerWithInDoubt("alipay", ALIPAY.appId(), orderId);
    }
}
