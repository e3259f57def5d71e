package dev.resilientpay.examples;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.reconciliation.Discrepancy;
import dev.resilientpay.reconciliation.ReconciliationOutcome;
import dev.resilientpay.reconciliation.ReconciliationReport;
import dev.resilientpay.reconciliation.Reconciler;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reconciles yesterday's Alipay bill against the ledger, the daily job every payment team needs:
 *
 * <pre>{@code
 * ReconciliationOutcome outcome = Reconciler.builder()
 *         .bills(provider.bills()).ledger(ledger).client(client).build()
 *         .reconcile(LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1));
 * }</pre>
 *
 * To show it end to end without an Alipay account, it first lives through "yesterday" against the
 * embedded simulator (a clock set to yesterday 10:00 China time): three payments, a refund, and a
 * refund someone made in the merchant portal. Then the clock moves to this morning and yesterday is
 * reconciled; the report is printed as JSON and CSV.
 *
 * <pre>mvn -q -pl examples -am -DskipTests package exec:java -Dexec.mainClass=dev.resilientpay.examples.ReconcileYesterday</pre>
 */
public final class ReconcileYesterday {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private ReconcileYesterday() {}

    /**
     * Runs the example.
     *
     * @param args unused
     * @throws IOException if the report cannot be printed
     */
    public static void main(String[] args) throws IOException {
        run(System.out);
    }

    /** Lives through yesterday, reconciles it and prints the report; returns the outcome for tests. */
    static ReconciliationOutcome run(PrintStream out) throws IOException {
        LocalDate yesterday = LocalDate.now(CHINA).minusDays(1);
        AtomicReference<Instant> now = new AtomicReference<>(yesterday.atTime(10, 0).atZone(CHINA).toInstant());
        Clock clock = new Clock() {
            @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
            @Override public Clock withZone(ZoneId zone) { return this; }
            @Override public Instant instant() { return now.get(); }
        };
        try (AlipaySimulator simulator = AlipaySimulator.builder().clock(clock).start()) {
            AlipayProvider provider = AlipayProvider.create(AlipayConfig.builder()
                    .appId(simulator.appId())
                    .merchantPrivateKey(simulator.appPrivateKeyPem())
                    .alipayPublicKey(simulator.alipayPublicKeyPem())
                    .gatewayUrl(simulator.gatewayUrl())
                    .clock(clock)
                    .build());
            PaymentLedger ledger = PaymentLedger.inMemory(clock, PaymentLedger.DEFAULT_RETENTION);
            try (PaymentClient client = PaymentClient.builder().provider(provider).ledger(ledger).build()) {
                // yesterday
                for (int i = 1; i <= 3; i++) {
                    client.pay(PaymentRequest.builder().orderId("ORDER_" + i).amount(Money.of(i + "0.00", "CNY"))
                            .subject("Coffee beans").method(new PaymentMethod.PaymentCode(
                                    simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce()))).build());
                    now.set(now.get().plus(Duration.ofHours(1)));
                }
                client.refund(RefundRequest.builder().orderId("ORDER_2").refundId("REFUND_1")
                        .amount(Money.of("5.00", "CNY")).orderAmount(Money.of("20.00", "CNY")).build());
                simulator.portalRefund("ORDER_3", new BigDecimal("30.00")); // behind the service's back

                // this morning: the job
                now.set(LocalDate.now(CHINA).atTime(10, 0).atZone(CHINA).toInstant());
                ReconciliationOutcome outcome = Reconciler.builder()
                        .bills(provider.bills())
                        .ledger(ledger)
                        .client(client)
                        .build()
                        .reconcile(yesterday);
                print(outcome, out);
                return outcome;
            }
        }
    }

    private static void print(ReconciliationOutcome outcome, PrintStream out) throws IOException {
        if (outcome instanceof ReconciliationOutcome.Reconciled reconciled) {
            ReconciliationReport report = reconciled.report();
            out.println(report);
            for (Discrepancy d : report.discrepancies()) {
                out.println("  " + d.kind() + " " + d.orderId() + (d.refundId() == null ? "" : "/" + d.refundId())
                        + ": bill " + d.bill().amount() + ", ledger " + d.ledger().state() + " -> " + d.resolution());
            }
            out.println("JSON:");
            report.writeJson(out);
            out.println();
            out.println("CSV:");
            OutputStreamWriter csv = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            report.writeCsv(csv);
        } else {
            out.println("no reconciliation: " + outcome);
        }
    }
}
