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
import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.reconciliation.Discrepancy;
import dev.resilientpay.reconciliation.Discrepancy.Resolution;
import dev.resilientpay.reconciliation.ReconciliationOutcome;
import dev.resilientpay.reconciliation.ReconciliationReport;
import dev.resilientpay.reconciliation.Reconciler;
import dev.resilientpay.spi.BillProblem;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.VirtualTime;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.BillFault;
import dev.resilientpay.testkit.Fault;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A day of Alipay payments and refunds under faults through {@link PaymentClient} against the
 * simulator, then the ledger damaged on purpose; reconciliation must find exactly the damage.
 */
class AlipayReconciliationTest {

    /** 10:00 in China on the bill's day. */
    private static final Instant MORNING = Instant.parse("2025-06-10T02:00:00Z");
    private static final LocalDate DAY = LocalDate.parse("2025-06-10");

    private final VirtualTime time = new VirtualTime(MORNING);
    private AlipaySimulator simulator;
    private AlipayProvider provider;
    private PaymentLedger ledger;
    private PaymentClient client;

    @BeforeEach
    void start() {
        simulator = AlipaySimulator.builder().clock(time.clock()).start();
        provider = AlipayProvider.create(AlipayConfig.builder()
                .appId(simulator.appId())
                .merchantPrivateKey(simulator.appPrivateKeyPem())
                .alipayPublicKey(simulator.alipayPublicKeyPem())
                .gatewayUrl(simulator.gatewayUrl())
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
        simulator.portalRefund("A5", new BigDecimal("1.50")); // made in the merchant portal: the client never knew
        time.advance(Duration.ofDays(1)); // the next morning: yesterday's bill is ready

        // The ledger is restored from a backup that lost rows, and edited by hand; a refund is made in the portal.
        PaymentLedger damaged = new LedgerSurgery(ledger, "alipay", simulator.appId())
                .remove("pay:A4")
                .remove(LedgerKey.refund("alipay", simulator.appId(), "A2", "R2", false).id())
                .amount("A6", Money.of("66.00", "CNY"))
                .ghostPayment("GHOST1", Money.of("9.99", "CNY"), Instant.parse("2025-06-10T07:00:00Z"))
                .ghostPayment("LATE1", Money.of("5.00", "CNY"), Instant.parse("2025-06-10T15:55:00Z")) // 23:55 China
                .copy(time.clock());
        client.close();
        client = client(damaged);

        ReconciliationReport report = reconciled(Reconciler.builder().bills(provider.bills()).ledger(damaged)
                .client(client).build());

        assertThat(report.discrepancies()).extracting(Discrepancy::kind, Discrepancy::orderId, Discrepancy::resolution)
                .containsExactly(
                        tuple("PAID_NOT_RECORDED", "A4", Resolution.CONFIRMED_NOT_RECORDED),
                        tuple("AMOUNT_DIFFERS", "A6", Resolution.REPORTED),
                        tuple("MISSING_FROM_BILL", "GHOST1", Resolution.REPORTED),
                        tuple("PAID_NOT_RECORDED", "Q1", Resolution.FIXED),
                        tuple("REFUND_NOT_RECORDED", "A2", Resolution.CONFIRMED_NOT_RECORDED),
                        tuple("REFUND_NOT_RECORDED", "A5", Resolution.CONFIRMED_NOT_RECORDED));
        Discrepancy.AmountDiffers amount = report.discrepancies(Discrepancy.AmountDiffers.class).get(0);
        assertThat(amount.bill().amount()).isEqualTo(Money.of("6.00", "CNY"));
        assertThat(amount.ledger().amount()).isEqualTo(Money.of("66.00", "CNY"));
        assertThat(report.carriedOver()).isEqualTo(1); // LATE1, paid at 23:55: expected in the next day's bill
        assertThat(report.bill().payments()).isEqualTo(8);
        assertThat(report.bill().refunds()).isEqualTo(4);
        assertThat(report.bill().paid()).containsEntry("CNY", 4000L); // 1 + 2 + ... + 7 + 12 yuan
        assertThat(report.bill().refunded()).containsEntry("CNY", 570L); // 0.50 + 0.70 + 3.00 + 1.50 (portal)
        assertThat(damaged.find(LedgerKey.payment("alipay", simulator.appId(), "Q1")).orElseThrow().outcome())
                .isInstanceOf(PaymentOutcome.Paid.class);
    }

    @Test
    void billFaultsAreTypedAndNothingIsCompared() {
        aDayOfBusiness();
        time.advance(Duration.ofDays(1));
        simulator.billFaults().next(BillFault.NOT_READY, BillFault.DIGEST_MISMATCH, BillFault.TRUNCATED,
                BillFault.URL_EXPIRED);
        Reconciler reconciler = Reconciler.builder().bills(provider.bills()).ledger(ledger).client(client).build();

        assertThat(reconciler.reconcile(DAY)).isInstanceOf(ReconciliationOutcome.BillNotReady.class);
        assertThat(unusable(reconciler.reconcile(DAY)).problem()).isIn(BillProblem.TRUNCATED, BillProblem.MALFORMED);
        assertThat(unusable(reconciler.reconcile(DAY)).problem()).isEqualTo(BillProblem.TRUNCATED);
        assertThat(unusable(reconciler.reconcile(DAY)).problem()).isEqualTo(BillProblem.URL_EXPIRED);
        ReconciliationReport clean = reconciled(reconciler);
        assertThat(clean.discrepancies()).extracting(Discrepancy::orderId).containsExactly("Q1"); // awaiting in the ledger
    }

    @Test
    void aMonthlyBillHoldsTheMonthsRowsOnceTheMonthIsOver() {
        aDayOfBusiness();
        java.time.YearMonth june = java.time.YearMonth.of(2025, 6);
        assertThat(provider.bills().monthlyTradeBill(june)).isInstanceOf(dev.resilientpay.spi.BillAnswer.NotReady.class);
        time.advance(Duration.ofDays(25)); // 5 July
        dev.resilientpay.spi.BillAnswer answer = provider.bills().monthlyTradeBill(june);
        assertThat(answer).isInstanceOf(dev.resilientpay.spi.BillAnswer.Ready.class);
        List<dev.resilientpay.spi.BillRow> rows = new java.util.ArrayList<>();
        try (dev.resilientpay.spi.BillRows read = ((dev.resilientpay.spi.BillAnswer.Ready) answer).rows()) {
            read.forEachRemaining(rows::add);
        }
        assertThat(rows).filteredOn(r -> r.type() == dev.resilientpay.spi.BillRow.Type.PAYMENT)
                .extracting(dev.resilientpay.spi.BillRow::orderId)
                .containsExactlyInAnyOrder("A1", "A2", "A3", "A4", "A5", "A6", "A7", "Q1");
        assertThat(rows).filteredOn(r -> r.type() == dev.resilientpay.spi.BillRow.Type.REFUND)
                .extracting(dev.resilientpay.spi.BillRow::refundId).containsExactlyInAnyOrder("R1", "R2", "R1");
    }

    @Test
    void aBillOfTodayIsNotReady() {
        Reconciler reconciler = Reconciler.builder().bills(provider.bills()).ledger(ledger).build();
        assertThat(reconciler.reconcile(DAY)).isInstanceOf(ReconciliationOutcome.BillNotReady.class);
    }

    private static ReconciliationOutcome.BillUnusable unusable(ReconciliationOutcome outcome) {
        assertThat(outcome).isInstanceOf(ReconciliationOutcome.BillUnusable.class);
        return (ReconciliationOutcome.BillUnusable) outcome;
    }

    private ReconciliationReport reconciled(Reconciler reconciler) {
        ReconciliationOutcome outcome = reconciler.reconcile(DAY);
        assertThat(outcome).isInstanceOf(ReconciliationOutcome.Reconciled.class);
        return ((ReconciliationOutcome.Reconciled) outcome).report();
    }

    /** Seven payment-code payments (two under faults), one QR order paid without the client hearing of it, refunds. */
    private void aDayOfBusiness() {
        simulator.faults().next(1, new Fault.ResponseLost(), op -> op.equals("alipay.trade.pay"));
        for (int i = 1; i <= 7; i++) {
            if (i == 5) {
                simulator.faults().next(1, new Fault.SystemError(true), op -> op.equals("alipay.trade.pay"));
            }
            String code = simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce());
            PaymentOutcome paid = client.pay(PaymentRequest.builder().orderId("A" + i).amount(Money.of(i + ".00", "CNY"))
                    .subject("Coffee").method(new PaymentMethod.PaymentCode(code)).build());
            assertThat(paid).as("A" + i).isInstanceOf(PaymentOutcome.Paid.class);
            time.advance(Duration.ofMinutes(30));
        }
        PaymentOutcome awaiting = client.pay(PaymentRequest.builder().orderId("Q1").amount(Money.of("12.00", "CNY"))
                .subject("Tea").method(new PaymentMethod.QrCode()).build());
        assertThat(awaiting).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        simulator.payerScans("Q1");
        simulator.payerPays("Q1"); // no notification reaches the service: the ledger still says awaiting
        simulator.faults().next(1, new Fault.SystemError(true), op -> op.equals("alipay.trade.refund"));
        for (String[] refund : List.of(new String[] {"A2", "R1", "0.50", "2.00"}, new String[] {"A2", "R2", "0.70", "2.00"},
                new String[] {"A3", "R1", "3.00", "3.00"})) {
            RefundOutcome outcome = client.refund(RefundRequest.builder().orderId(refund[0]).refundId(refund[1])
                    .amount(Money.of(refund[2], "CNY")).orderAmount(Money.of(refund[3], "CNY")).build());
            assertThat(outcome).as(refund[0] + "/" + refund[1]).isInstanceOf(RefundOutcome.Refunded.class);
        }
    }
}
