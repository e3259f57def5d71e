package dev.resilientpay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.reconciliation.Discrepancy;
import dev.resilientpay.reconciliation.ReconciliationOutcome;
import dev.resilientpay.reconciliation.ReconciliationReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReconcileYesterdayTest {

    @Test
    void findsTheRefundMadeInThePortalAndNothingElse() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ReconciliationOutcome outcome = ReconcileYesterday.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(outcome).isInstanceOf(ReconciliationOutcome.Reconciled.class);
        ReconciliationReport report = ((ReconciliationOutcome.Reconciled) outcome).report();
        assertThat(report.matched()).isEqualTo(4); // three payments and one refund
        assertThat(report.discrepancies()).singleElement().satisfies(d -> {
            assertThat(d).isInstanceOf(Discrepancy.RefundNotRecorded.class);
            assertThat(d.orderId()).isEqualTo("ORDER_3");
            assertThat(d.resolution()).isEqualTo(Discrepancy.Resolution.CONFIRMED_NOT_RECORDED);
        });
        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("\"kind\":\"REFUND_NOT_RECORDED\"").contains("REFUND_NOT_RECORDED,ORDER_3,");
    }
}
