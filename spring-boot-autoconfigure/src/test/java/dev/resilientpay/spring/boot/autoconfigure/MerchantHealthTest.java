package dev.resilientpay.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.Policies;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.PaymentLedger;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a merchant's health says, whichever Boot line shows it. */
class MerchantHealthTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration WARNING = Duration.ofDays(30);

    @Test
    void closedBreakerAndEmptyLedgerIsUp() {
        MerchantHealth.Report report = MerchantHealth.of(merchant(PaymentLedger.inMemory(), Map.of()), WARNING, CLOCK);

        assertThat(report.up()).isTrue();
        assertThat(report.details()).containsEntry("breaker", "CLOSED").containsEntry("inDoubt", 0L)
                .containsEntry("inFlight", 0L).containsEntry("provider", "alipay");
    }

    @Test
    void openBreakerIsDown() {
        Merchant merchant = merchant(PaymentLedger.inMemory(), Map.of());
        merchant.breaker().onBreakerStateChange(new PaymentListener.BreakerStateChanged("alipay", "CLOSED", "OPEN"));

        MerchantHealth.Report report = MerchantHealth.of(merchant, WARNING, CLOCK);

        assertThat(report.up()).isFalse();
        assertThat(report.details()).containsEntry("breaker", "OPEN");
    }

    @Test
    void halfOpenBreakerIsStillUp() {
        Merchant merchant = merchant(PaymentLedger.inMemory(), Map.of());
        merchant.breaker().onBreakerStateChange(new PaymentListener.BreakerStateChanged("alipay", "OPEN", "HALF_OPEN"));

        assertThat(MerchantHealth.of(merchant, WARNING, CLOCK).up()).isTrue();
    }

    @Test
    void certificatesShowDaysLeftAndExpiringInsideTheWarningPeriod() {
        Merchant merchant = merchant(PaymentLedger.inMemory(), Map.of(
                "appCertificate", NOW.plus(Duration.ofDays(200)),
                "alipayPublicCertificate", NOW.plus(Duration.ofDays(10))));

        MerchantHealth.Report report = MerchantHealth.of(merchant, WARNING, CLOCK);

        assertThat(report.up()).isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> certificates = (Map<String, Map<String, Object>>) report.details().get("certificates");
        assertThat(certificates.get("appCertificate")).containsEntry("daysLeft", 200L).containsEntry("state", "valid");
        assertThat(certificates.get("alipayPublicCertificate")).containsEntry("daysLeft", 10L)
                .containsEntry("state", "expiring");
    }

    @Test
    void expiredCertificateIsDown() {
        Merchant merchant = merchant(PaymentLedger.inMemory(), Map.of("merchantCertificate", NOW.minusSeconds(1)));

        MerchantHealth.Report report = MerchantHealth.of(merchant, WARNING, CLOCK);

        assertThat(report.up()).isFalse();
        assertThat(report.details().get("certificates").toString()).contains("state=expired");
    }

    @Test
    void unreadableLedgerIsDown() {
        PaymentLedger broken = (PaymentLedger) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PaymentLedger.class}, (proxy, method, args) -> {
                    throw new IllegalStateException("connection refused");
                });

        MerchantHealth.Report report = MerchantHealth.of(merchant(broken, Map.of()), WARNING, CLOCK);

        assertThat(report.up()).isFalse();
        assertThat(report.details()).containsEntry("ledger", "unreadable: IllegalStateException");
    }

    @Test
    void backlogCountsOnlyThisMerchantsEntries() {
        PaymentLedger ledger = StartupRecoveryTestSupport.ledgerWithInDoubt("alipay", "2021000000000001", "order_a");
        StartupRecoveryTestSupport.addInDoubt(ledger, "alipay", "2021000000000099", "order_b");

        MerchantHealth.Report report = MerchantHealth.of(merchant(ledger, Map.of()), WARNING, CLOCK);

        assertThat(report.details()).containsEntry("inDoubt", 1L);
        List<LedgerEntry> all = ledger.unresolved(10);
        assertThat(all).hasSize(2);
    }

    private static Merchant merchant(PaymentLedger ledger, Map<String, Instant> certificates) {
        return new Merchant("shop", "alipay", "2021000000000001", null, ledger, new BreakerStateTracker(),
                "/notify", certificates, Map.of(), Policies.defaults(), BreakerPolicy.defaults(), null);
    }
}
