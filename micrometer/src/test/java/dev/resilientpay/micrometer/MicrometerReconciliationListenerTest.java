package dev.resilientpay.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.Money;
import dev.resilientpay.reconciliation.Discrepancy;
import dev.resilientpay.reconciliation.Discrepancy.Resolution;
import dev.resilientpay.reconciliation.Discrepancy.Side;
import dev.resilientpay.reconciliation.ReconciliationOutcome;
import dev.resilientpay.reconciliation.Reconciler;
import dev.resilientpay.spi.BillAnswer;
import dev.resilientpay.spi.BillRow;
import dev.resilientpay.spi.BillRows;
import dev.resilientpay.spi.BillSource;
import dev.resilientpay.spi.PaymentLedger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reconciliation's discrepancies counted in Micrometer. */
class MicrometerReconciliationListenerTest {

    private static final Instant NOON = Instant.parse("2025-03-01T04:00:00Z"); // 12:00 China time

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final MicrometerReconciliationListener listener = MicrometerReconciliationListener.create(meters);

    @Test
    void discrepancyIsCountedByProviderMerchantAndLowerCaseKind() {
        Side paid = new Side("PAYMENT", Money.of("10.00", "CNY"), "T1", NOON);
        listener.discrepancy("alipay", "app1", new Discrepancy.PaidNotRecorded("O1", paid, Side.ABSENT,
                Resolution.CONFIRMED_NOT_RECORDED));
        listener.discrepancy("alipay", "app1", new Discrepancy.PaidNotRecorded("O2", paid, Side.ABSENT,
                Resolution.REPORTED));
        listener.discrepancy("wechat", "mch2", new Discrepancy.MissingFromBill("O3", Side.ABSENT, paid,
                Resolution.REPORTED));

        assertThat(meters.get("resilientpay.reconciliation.discrepancies")
                .tags("provider", "alipay", "merchant", "app1", "kind", "paid_not_recorded").counter().count())
                .isEqualTo(2.0);
        assertThat(meters.get("resilientpay.reconciliation.discrepancies")
                .tags("provider", "wechat", "merchant", "mch2", "kind", "missing_from_bill").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void reconcilerReportsItsDiscrepanciesToTheCounters(@TempDir Path spill) {
        Clock clock = Clock.fixed(NOON.plus(Duration.ofDays(1)), ZoneOffset.UTC);
        PaymentLedger emptyLedger = PaymentLedger.inMemory(clock, Duration.ofDays(90));
        BillRow unknownToLedger = new BillRow(BillRow.Type.PAYMENT, "O1", "T1", null, null,
                Money.of("10.00", "CNY"), NOON, "交易");

        ReconciliationOutcome outcome = Reconciler.builder()
                .bills(new OneRowBill(unknownToLedger))
                .ledger(emptyLedger)
                .listener(listener)
                .spillDirectory(spill)
                .build()
                .reconcile(LocalDate.of(2025, 3, 1));

        assertThat(outcome).isInstanceOf(ReconciliationOutcome.Reconciled.class);
        assertThat(meters.get("resilientpay.reconciliation.discrepancies")
                .tags("provider", "alipay", "merchant", "app1", "kind", "paid_not_recorded").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void nullRegistryIsRefused() {
        assertThatThrownBy(() -> MicrometerReconciliationListener.create(null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MicrometerReconciliationListener.of(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metrics");
    }

    /** A bill of one row. */
    private record OneRowBill(BillRow row) implements BillSource {
        @Override public String provider() { return "alipay"; }
        @Override public String merchant() { return "app1"; }
        @Override public boolean refundIdsUniquePerMerchant() { return false; }
        @Override public ZoneId zone() { return ZoneId.of("Asia/Shanghai"); }

        @Override
        public BillAnswer tradeBill(LocalDate day) {
            Iterator<BillRow> it = List.of(row).iterator();
            return new BillAnswer.Ready(new BillRows() {
                @Override public boolean hasNext() { return it.hasNext(); }
                @Override public BillRow next() { return it.next(); }
                @Override public void close() {}
            });
        }
    }
}
