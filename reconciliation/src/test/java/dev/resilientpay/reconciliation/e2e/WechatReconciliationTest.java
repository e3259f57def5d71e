package dev.resilientpay.reconciliation.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.reconciliation.Discrepancy;
import dev.resilientpay.reconciliation.Discrepancy.Resolution;
import dev.resilientpay.reconciliation.ReconciliationOutcome;
import dev.resilientpay.reconciliation.ReconciliationReport;
import dev.resilientpay.reconciliation.Reconciler;
import dev.resilientpay.spi.BillProblem;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.VirtualTime;
import dev.resilientpay.testkit.BillFault;
import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import dev.resilientpay.wechat.WechatPayConfig;
import dev.resilientpay.wechat.WechatPayProvider;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A day of WeChat Pay payments and refunds under faults through {@link PaymentClient} against the
 * simulator, then the ledger damaged on purpose; reconciliation must find exactly the damage.
 */
class WechatReconciliationTest {

    private static final Instant MORNING = Instant.parse("2025-06-10T02:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2025-06-10");

    private final VirtualTime time = new VirtualTime(MORNING);
    private WechatPaySimulator simulator;
    private WechatPayProvider provider;
    private PaymentLedger ledger;
    private PaymentClient client;

    @BeforeEach
    void start() {
        simulator = WechatPaySimulator.builder().clock(time.clock()).start();
        provider = WechatPayProvider.create(WechatPayConfig.builder()
                .mchId(simulator.mchId())
                .appId(simulator.appId())
                .merchantPrivateKey(simulator.merchantPrivateKeyPem())
                .merchantSerialNumber(simulator.merchantSerialNumber())
                .apiV3Key(simulator.apiV3Key())
                .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKeyPem())
                .host(simulator.baseUrl())
                .notifyUrl("https://shop.example.com/notify/wechat")
                .clock(time.clock())
                .build());
        ledger = PaymentLedger.inMemory(time.clock(), PaymentLedger.DEFAULT_RETENTION);
        client = client(ledger);
    }

    private PaymentClient client(PaymentLedger on) {
        return PaymentClient.builder().provider(provider).ledger(on).policies(TestPolicies.quick())
                .timeSource(time).seed(7L).build();
    }

    @AfterEach
    void stop() {
        client.close();
        simulator.close();
    }

    @Test
    void findsExactlyTheDamageAndFixesWhatIsBehindTheProvider() {
        aDayOfBusiness();
        String portal = simulator.portalRefund("WX0005", 150).outRefundNo();
        time.advance(Duration.ofDays(1));

        PaymentLedger damaged = new LedgerSurgery(ledger, "wechat", simulator.mchId())
                .remove("pay:WX0004")
                .remove(LedgerKey.refund("wechat", simulator.mchId(), "WX0002", "WR2", true).id())
                .amount("WX0006", Money.of("66.00", "CNY"))
                .ghostPayment("GHOST0001", Money.of("9.99", "CNY"), Instant.parse("2025-06-10T07:00:00Z"))
                .ghostPayment("LATE0001", Money.of("5.00", "CNY"), Instant.parse("2025-06-10T15:55:00Z"))
                .copy(time.clock());
        client.close();
        client = client(damaged);

        ReconciliationOutcome outcome = Reconciler.builder().bills(provider.bills()).ledger(damaged).client(client)
                .build().reconcile(DAY);

        assertThat(outcome).isInstanceOf(ReconciliationOutcome.Reconciled.class);
        ReconciliationReport report = ((ReconciliationOutcome.Reconciled) outcome).report();
        // key order: pay:… then refund:<out_refund_no> (WeChat refund ids are unique per merchant)
        assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::orderId, Discrepancy::refundId,
                        Discrepancy::resolution)
                .containsExactly(
                        tuple("MISSING_FROM_BILL", "GHOST0001", null, Resolution.REPORTED),
                        tuple("PAID_NOT_RECORDED", "QR0001", null, Resolution.FIXED),
                        tuple("PAID_NOT_RECORDED", "WX0004", null, Resolution.CONFIRMED_NOT_RECORDED),
                        tuple("AMOUNT_DIFFERS", "WX0006", null, Resolution.REPORTED),
                        tuple("REFUND_NOT_RECORDED", "WX0005", portal, Resolution.CONFIRMED_NOT_RECORDED),
                        tuple("REFUND_NOT_RECORDED", "WX0002", "WR2", Resolution.CONFIRMED_NOT_RECORDED));
        assertThat(report.carriedOver()).isEqualTo(1);
        assertThat(report.bill().payments()).isEqualTo(8);
        assertThat(report.bill().refunds()).isEqualTo(4);
        assertThat(report.bill().paid()).containsEntry("CNY", 4000L);
        assertThat(report.bill().refunded()).containsEntry("CNY", 570L);
    }

    @Test
    void billFaultsAreTypedAndNothingIsCompared() {
        aDayOfBusiness();
        time.advance(Duration.ofDays(1));
        simulator.billFaults().next(BillFault.NOT_READY, BillFault.DIGEST_MISMATCH, BillFault.TRUNCATED,
                BillFault.URL_EXPIRED);
        Reconciler reconciler = Reconciler.builder().bills(provider.bills()).ledger(ledger).client(client).build();

        assertThat(reconciler.reconcile(DAY)).isInstanceOf(ReconciliationOutcome.BillNotReady.class);
        assertThat(unusable(reconciler.reconcile(DAY)).problem()).isEqualTo(BillProblem.DIGEST_MISMATCH);
        assertThat(unusable(reconciler.reconcile(DAY)).problem()).isIn(BillProblem.TRUNCATED, BillProblem.DIGEST_MISMATCH);
        assertThat(unusable(reconciler.reconcile(DAY)).problem()).isEqualTo(BillProblem.URL_EXPIRED);
        ReconciliationOutcome last = reconciler.reconcile(DAY);
        assertThat(last).isInstanceOf(ReconciliationOutcome.Reconciled.class);
        assertThat(((ReconciliationOutcome.Reconciled) last).report().discrepancies()).extracting(Discrepancy::orderId)
                .containsExactly("QR0001");
    }

    @Test
    void uncompressedBillsReconcileToo() {
        aDayOfBusiness();
        time.advance(Duration.ofDays(1));
        ReconciliationOutcome outcome = Reconciler.builder().bills(provider.bills().gzip(false)).ledger(ledger)
                .build().reconcile(DAY);
        assertThat(outcome).isInstanceOf(ReconciliationOutcome.Reconciled.class);
        ReconciliationReport report = ((ReconciliationOutcome.Reconciled) outcome).report();
        assertThat(report.matched()).isEqualTo(10); // 7 codepay + 3 refunds; Q1 is behind, reported without a client
        assertThat(report.discrepancies()).extracting(Discrepancy::orderId, Discrepancy::resolution)
                .containsExactly(tuple("QR0001", Resolution.REPORTED));
    }

    private static ReconciliationOutcome.BillUnusable unusable(ReconciliationOutcome outcome) {
        assertThat(outcome).isInstanceOf(ReconciliationOutcome.BillUnusable.class);
        return (ReconciliationOutcome.BillUnusable) outcome;
    }

    private void aDayOfBusiness() {
        simulator.faults().next(1, new Fault.ResponseLost(), op -> op.equals("codepay"));
        for (int i = 1; i <= 7; i++) {
            if (i == 5) {
                simulator.faults().next(1, new Fault.SystemError(true), op -> op.equals("codepay"));
            }
            String code = "13" + String.format("%016d", 1_000_000_000_000_000L + i);
            simulator.scriptPaymentCode(code, WechatPaySimulatorPayer.paysAtOnce());
            PaymentOutcome paid = client.pay(PaymentRequest.builder().orderId("WX000" + i).amount(Money.of(i + ".00", "CNY"))
                    .subject("Coffee").method(new PaymentMethod.PaymentCode(code)).build());
            assertThat(paid).as("WX000" + i).isInstanceOf(PaymentOutcome.Paid.class);
            time.advance(Duration.ofMinutes(30));
        }
        PaymentOutcome awaiting = client.pay(PaymentRequest.builder().orderId("QR0001").amount(Money.of("12.00", "CNY"))
                .subject("Tea").method(new PaymentMethod.QrCode()).build());
        assertThat(awaiting).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        simulator.payerPays("QR0001"); // no notification reaches the service
        simulator.faults().next(1, new Fault.ResponseLost(), op -> op.equals("refund"));
        for (String[] refund : List.of(new String[] {"WX0002", "WR1", "0.50", "2.00"},
                new String[] {"WX0002", "WR2", "0.70", "2.00"}, new String[] {"WX0003", "WR3", "3.00", "3.00"})) {
            RefundOutcome outcome = client.refund(RefundRequest.builder().orderId(refund[0]).refundId(refund[1])
                    .amount(Money.of(refund[2], "CNY")).orderAmount(Money.of(refund[3], "CNY")).build());
            assertThat(outcome).as(refund[0] + "/" + refund[1]).isInstanceOf(RefundOutcome.Refunded.class);
        }
    }
}
