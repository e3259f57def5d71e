package dev.resilientpay.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.spi.BillRow;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The comparison itself, with bills given row by row and a ledger filled by hand. */
@SuppressWarnings("unchecked")
class ReconcilerTest {

    private static final LocalDate DAY = LocalDate.parse("2025-06-10");
    /** 2025-06-10 00:00 in China. */
    private static final Instant DAY_START = Instant.parse("2025-06-09T16:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(DAY_START);
    private final Clock clock = new Clock() {
        @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(java.time.ZoneId zone) { return this; }
        @Override public Instant instant() { return now.get(); }
    };
    private final PaymentLedger ledger = PaymentLedger.inMemory(clock, Duration.ofDays(90));

    private void paid(String orderId, String yuan, Instant startedAt, Instant paidAt) {
        now.set(startedAt);
        PaymentRequest request = PaymentRequest.builder().orderId(orderId).amount(Money.of(yuan, "CNY")).subject("s")
                .method(new PaymentMethod.QrCode()).build();
        LedgerEntry entry = ((PaymentLedger.Begin.Started) ledger.begin(LedgerEntry.start(
                LedgerKey.payment("alipay", "app1", orderId), "f-" + orderId, request, null, "me", startedAt),
                Duration.ofMinutes(1))).entry();
        ledger.complete(entry, LedgerState.COMPLETED,
                new PaymentOutcome.Paid(orderId, "T" + orderId, Money.of(yuan, "CNY"), paidAt), 1);
    }

    private static BillRow payment(String orderId, String yuan, Instant at) {
        return new BillRow(BillRow.Type.PAYMENT, orderId, "T" + orderId, null, null, Money.of(yuan, "CNY"), at, "交易");
    }

    private ReconciliationReport reconcile(List<BillRow> rows, Reconciler.Builder builder) {
        ReconciliationOutcome outcome = builder.bills(new ListBills(rows)).ledger(ledger).build().reconcile(DAY);
        return ((ReconciliationOutcome.Reconciled) outcome).report();
    }

    private ReconciliationReport reconcile(List<BillRow> rows) {
        return reconcile(rows, Reconciler.builder());
    }

    @Test
    void matchingSidesAreClean() {
        Instant t = DAY_START.plus(Duration.ofHours(10));
        paid("O1", "1.00", t, t);
        paid("O2", "2.00", t, t);
        ReconciliationReport report = reconcile(List.of(payment("O2", "2.00", t), payment("O1", "1.00", t)));
        assertThat(report.clean()).isTrue();
        assertThat(report.matched()).isEqualTo(2);
        assertThat(report.ledger().paid()).containsEntry("CNY", 300L);
        assertThat(report.bill().paid()).containsEntry("CNY", 300L);
    }

    @Test
    void aPaymentNearMidnightAbsentFromTheBillIsCarriedOverNotReported() {
        Instant lateEvening = DAY_START.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(55));
        paid("LATE", "1.00", lateEvening, lateEvening);
        ReconciliationReport report = reconcile(List.of());
        assertThat(report.clean()).isTrue();
        assertThat(report.carriedOver()).isEqualTo(1);
    }

    @Test
    void withoutToleranceTheSamePaymentIsMissingFromTheBill() {
        Instant lateEvening = DAY_START.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(55));
        paid("LATE", "1.00", lateEvening, lateEvening);
        ReconciliationReport report = reconcile(List.of(), Reconciler.builder().cutoffTolerance(Duration.ZERO));
        assertThat(report.discrepancies()).extracting(Discrepancy::kind).containsExactly("MISSING_FROM_BILL");
    }

    @Test
    void aPaymentOfAnotherDayIsNotExpectedInTheBill() {
        Instant dayBefore = DAY_START.minus(Duration.ofHours(5));
        paid("EARLIER", "1.00", dayBefore, dayBefore);
        assertThat(reconcile(List.of()).clean()).isTrue();
    }

    @Test
    void anOrderCreatedLongBeforeItWasPaidIsFoundOutsideTheScannedWindow() {
        Instant weekBefore = DAY_START.minus(Duration.ofDays(7));
        Instant paidAt = DAY_START.plus(Duration.ofHours(9));
        paid("OLD", "5.00", weekBefore, paidAt);
        ReconciliationReport report = reconcile(List.of(payment("OLD", "5.00", paidAt)));
        assertThat(report.clean()).isTrue();
        assertThat(report.matched()).isEqualTo(1);
    }

    @Test
    void aBillLargerThanOneChunkIsSortedOnDiskAndMatchedInKeyOrder(@TempDir Path spill) throws Exception {
        Instant t = DAY_START.plus(Duration.ofHours(12));
        List<BillRow> rows = new ArrayList<>();
        for (int i = 4999; i >= 0; i--) { // the bill lists them in the reverse of key order
            String id = String.format("N%05d", i);
            if (i % 1000 != 7) {
                paid(id, "1.00", t, t);
            }
            rows.add(payment(id, "1.00", t));
        }
        ReconciliationReport report = reconcile(rows, Reconciler.builder().rowsInMemory(1000).spillDirectory(spill));
        assertThat(report.matched()).isEqualTo(4995);
        assertThat(report.discrepancies()).extracting(Discrepancy::orderId)
                .containsExactly("N00007", "N01007", "N02007", "N03007", "N04007");
        try (Stream<Path> left = Files.list(spill)) {
            assertThat(left).as("run files deleted").isEmpty();
        }
    }

    @Test
    void listenersHearEveryDiscrepancyAndTheReport() {
        Instant t = DAY_START.plus(Duration.ofHours(10));
        List<Discrepancy> heard = new ArrayList<>();
        List<ReconciliationReport> reports = new ArrayList<>();
        ReconciliationReport report = reconcile(List.of(payment("X", "1.00", t)), Reconciler.builder()
                .listener(new ReconciliationListener() {
                    @Override
                    public void discrepancy(String provider, String merchant, Discrepancy discrepancy) {
                        heard.add(discrepancy);
                    }

                    @Override
                    public void reconciled(ReconciliationReport r) {
                        reports.add(r);
                    }
                }));
        assertThat(heard).containsExactlyElementsOf(report.discrepancies());
        assertThat(reports).containsExactly(report);
    }

    @Test
    void theReportIsWrittenAsJsonAndCsv() throws Exception {
        Instant t = DAY_START.plus(Duration.ofHours(10));
        paid("O1", "1.00", t, t);
        ReconciliationReport report = reconcile(List.of(payment("O1", "1.50", t), payment("=cmd", "2.00", t)));

        ByteArrayOutputStream json = new ByteArrayOutputStream();
        report.writeJson(json);
        JsonNode tree = new ObjectMapper().readTree(json.toByteArray());
        assertThat(tree.path("day").asText()).isEqualTo("2025-06-10");
        assertThat(tree.path("bill").path("paid").path("CNY").asText()).isEqualTo("3.50");
        assertThat(tree.path("ledger").path("paid").path("CNY").asText()).isEqualTo("1.00");
        assertThat(tree.path("discrepancies")).hasSize(2);
        JsonNode amount = tree.path("discrepancies").get(1);
        assertThat(amount.path("kind").asText()).isEqualTo("AMOUNT_DIFFERS");
        assertThat(amount.path("bill").path("amount").asText()).isEqualTo("1.50");
        assertThat(amount.path("ledger").path("amount").asText()).isEqualTo("1.00");

        StringWriter csv = new StringWriter();
        report.writeCsv(csv);
        String[] lines = csv.toString().split("\r\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("provider,merchant,day,kind,order_id");
        assertThat(lines[1]).contains(",'=cmd,"); // no spreadsheet formula
        assertThat(lines[2]).contains("AMOUNT_DIFFERS,O1,,PAYMENT,1.50,CNY");
    }

    @Test
    void aLedgerScanningOutOfKeyOrderStopsTheComparisonInsteadOfInventingDiscrepancies() {
        Instant t = DAY_START.plus(Duration.ofHours(10));
        paid("O1", "1.00", t, t);
        paid("O2", "2.00", t, t);
        PaymentLedger reversed = (PaymentLedger) java.lang.reflect.Proxy.newProxyInstance(
                PaymentLedger.class.getClassLoader(), new Class<?>[] {PaymentLedger.class}, (proxy, method, args) -> {
                    Object result = method.invoke(ledger, args);
                    if (method.getName().equals("scan")) {
                        List<LedgerEntry> page = new ArrayList<>((List<LedgerEntry>) result);
                        java.util.Collections.reverse(page); // as a store sorting by a locale collation might
                        return page;
                    }
                    return result;
                });
        ReconciliationOutcome outcome = Reconciler.builder().bills(new ListBills(List.of())).ledger(reversed).build()
                .reconcile(DAY);
        assertThat(outcome).isInstanceOfSatisfying(ReconciliationOutcome.LedgerUnavailable.class,
                u -> assertThat(u.detail()).contains("binary collation"));
    }

    @Test
    void theBuilderNamesWhatIsMissingOrOutOfRange() {
        assertThatThrownBy(() -> Reconciler.builder().ledger(ledger).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bills");
        assertThatThrownBy(() -> Reconciler.builder().rowsInMemory(10))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rowsInMemory");
        assertThatThrownBy(() -> Reconciler.builder().cutoffTolerance(Duration.ofHours(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cutoffTolerance");
    }
}
