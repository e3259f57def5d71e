package dev.resilientpay.spring.boot.autoconfigure;

import static dev.resilientpay.spring.boot.autoconfigure.MerchantProps.alipay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.reconciliation.Discrepancy;
import dev.resilientpay.reconciliation.ReconciliationOutcome;
import dev.resilientpay.reconciliation.ReconciliationReport;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.BillFault;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

/** The opt-in daily reconciliation job: its conditions, its properties, and one run against the simulator. */
class ReconciliationJobTest {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResilientPayAutoConfiguration.class))
            .withPropertyValues(alipay("shop", "gateway-url=http://127.0.0.1:1/gateway.do"));

    /** The simulator's clock: yesterday noon in China while paying, then now. */
    private final AtomicReference<Instant> simulatorNow = new AtomicReference<>(
            LocalDate.now(CHINA).minusDays(1).atTime(12, 0).atZone(CHINA).toInstant());
    private final AlipaySimulator simulator = AlipaySimulator.builder().clock(new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return simulatorNow.get(); }
    }).start();

    @AfterEach
    void stopSimulator() {
        simulator.close();
    }

    @Test
    void jobIsOffUnlessEnabled() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ReconciliationJob.class));
    }

    @Test
    void enabledJobIsScheduledOnStart() {
        runner.withPropertyValues("resilientpay.reconciliation.enabled=true").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ReconciliationJob.class);
            assertThat(context.getBean(ReconciliationJob.class).isRunning()).isTrue();
        });
    }

    @Test
    void withoutTheReconciliationModuleThereIsNoJob() {
        runner.withPropertyValues("resilientpay.reconciliation.enabled=true")
                .withClassLoader(new FilteredClassLoader("dev.resilientpay.reconciliation"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ReconciliationJob.class));
    }

    @Test
    void withAMeterRegistryDiscrepanciesAreCounted() {
        runner.withPropertyValues("resilientpay.reconciliation.enabled=true")
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasBean("resilientPayReconciliationMetrics"));
        runner.withPropertyValues("resilientpay.reconciliation.enabled=true")
                .withClassLoader(new FilteredClassLoader("dev.resilientpay.micrometer"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("resilientPayReconciliationMetrics"));
    }

    @Test
    void badCronIsNamedAtStartUp() {
        runner.withPropertyValues("resilientpay.reconciliation.enabled=true", "resilientpay.reconciliation.cron=10:30")
                .run(context -> {
                    ResilientPayConfigurationException failure = Failures.configurationFailure(context);
                    assertThat(failure.property()).isEqualTo("resilientpay.reconciliation.cron");
                    assertThat(failure.reason()).contains("cron expression");
                });
    }

    @Test
    void attemptsOutOfRangeAreNamedAtStartUp() {
        runner.withPropertyValues("resilientpay.reconciliation.enabled=true", "resilientpay.reconciliation.attempts=0")
                .run(context -> assertThat(Failures.configurationFailure(context).property())
                        .isEqualTo("resilientpay.reconciliation.attempts"));
    }

    @Test
    void yesterdayIsReconciledReportedCountedAndWritten(@TempDir Path reports) {
        simulatorRunner().withPropertyValues("resilientpay.reconciliation.enabled=true",
                        "resilientpay.reconciliation.report-directory=" + reports)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean(Events.class)
                .run(context -> {
                    livesThroughYesterday(context.getBean(PaymentClients.class));

                    Map<String, ReconciliationOutcome> outcomes = context.getBean(ReconciliationJob.class)
                            .reconcileYesterday();

                    ReconciliationReport report = ((ReconciliationOutcome.Reconciled) outcomes.get("shop")).report();
                    LocalDate yesterday = LocalDate.now(CHINA).minusDays(1);
                    assertThat(report.day()).isEqualTo(yesterday);
                    assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::orderId)
                            .containsExactly(org.assertj.core.groups.Tuple.tuple("REFUND_NOT_RECORDED", "ORDER_2"));
                    assertThat(context.getBean(Events.class).received).singleElement().satisfies(event -> {
                        assertThat(event.merchant()).isEqualTo("shop");
                        assertThat(event.report()).contains(report);
                    });
                    assertThat(context.getBean(MeterRegistry.class).get("resilientpay.reconciliation.discrepancies")
                            .tags("merchant", "shop", "kind", "refund_not_recorded").counter().count())
                            .isEqualTo(1.0);
                    assertThat(Files.readString(reports.resolve("shop-" + yesterday + ".json"))).contains("ORDER_2");
                    assertThat(Files.readString(reports.resolve("shop-" + yesterday + ".csv"))).contains("ORDER_2");
                    try (var files = Files.list(reports)) {
                        assertThat(files).hasSize(2); // no partial file left behind
                    }
                });
    }

    @Test
    void billNotReadyIsTriedAgainLaterAndReportedOnceReady() {
        simulatorRunner().withPropertyValues("resilientpay.reconciliation.enabled=true").run(context -> {
            livesThroughYesterday(context.getBean(PaymentClients.class));
            simulator.billFaults().next(BillFault.NOT_READY);
            List<Runnable> later = new ArrayList<>();
            List<Duration> delays = new ArrayList<>();
            List<ReconciliationEvent> events = new ArrayList<>();
            ReconciliationJob job = job(context.getBean(PaymentClients.class), 3, events, (task, delay) -> {
                later.add(task);
                delays.add(delay);
            });

            assertThat(job.reconcileYesterday().get("shop")).isInstanceOf(ReconciliationOutcome.BillNotReady.class);
            assertThat(events).isEmpty();
            assertThat(delays).containsExactly(Duration.ofMinutes(30));

            later.remove(0).run();

            assertThat(later).isEmpty();
            assertThat(events).singleElement().satisfies(e -> assertThat(e.report()).isPresent());
        });
    }

    @Test
    void attemptsAreBoundedAndTheLastAnswerIsPublished() {
        simulatorRunner().withPropertyValues("resilientpay.reconciliation.enabled=true").run(context -> {
            simulator.billFaults().next(BillFault.NOT_READY, BillFault.NOT_READY, BillFault.NOT_READY);
            simulatorNow.set(Instant.now());
            List<Runnable> later = new ArrayList<>();
            List<ReconciliationEvent> events = new ArrayList<>();
            ReconciliationJob job = job(context.getBean(PaymentClients.class), 2, events, (task, delay) -> later.add(task));

            job.reconcileYesterday();
            later.remove(0).run();

            assertThat(later).isEmpty();
            assertThat(events).singleElement()
                    .satisfies(e -> assertThat(e.outcome()).isInstanceOf(ReconciliationOutcome.BillNotReady.class));
        });
    }

    private ApplicationContextRunner simulatorRunner() {
        String p = "resilientpay.alipay.merchants.shop.";
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ResilientPayAutoConfiguration.class))
                .withPropertyValues(p + "app-id=" + simulator.appId(),
                        p + "merchant-private-key=" + simulator.appPrivateKeyPem(),
                        p + "alipay-public-key=" + simulator.alipayPublicKeyPem(),
                        p + "gateway-url=" + simulator.gatewayUrl(),
                        p + "policies.refund.poll-initial-delay=100ms");
    }

    private static ReconciliationJob job(PaymentClients clients, int attempts, List<ReconciliationEvent> events,
                                         ReconciliationJob.Later later) {
        ResilientPayProperties.Reconciliation properties = new ResilientPayProperties.Reconciliation();
        properties.setAttempts(attempts);
        return new ReconciliationJob(clients, properties, List.of(),
                event -> events.add((ReconciliationEvent) event), Clock.systemUTC(), later);
    }

    /** Two payments yesterday, one refunded in the merchant portal; then the simulator's clock moves to now. */
    private void livesThroughYesterday(PaymentClients clients) {
        for (int i = 1; i <= 2; i++) {
            PaymentOutcome outcome = clients.get("shop").pay(PaymentRequest.builder().orderId("ORDER_" + i)
                    .amount(Money.of(i + "0.00", "CNY")).subject("Coffee beans")
                    .method(new PaymentMethod.PaymentCode(simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce())))
                    .build());
            assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        }
        simulator.portalRefund("ORDER_2", new BigDecimal("5.00"));
        simulatorNow.set(Instant.now());
    }

    /** Collects the job's events. */
    static final class Events implements ApplicationListener<ReconciliationEvent> {
        final List<ReconciliationEvent> received = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ReconciliationEvent event) {
            received.add(event);
        }
    }
}
