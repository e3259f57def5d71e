package dev.resilientpay.alipay.e2e;

import static dev.resilientpay.alipay.e2e.AlipayEndToEnd.barcode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.testkit.AlipaySimulatorExtension;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.AlipaySimulatorTrade;
import dev.resilientpay.testkit.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Refunds through the pipeline: a transient failure is retried with the same out_request_no, refunded once. */
class RefundEndToEndTest extends EndToEndTestBase {

    private static final String REFUND = "alipay.trade.refund";

    @RegisterExtension
    static final AlipaySimulatorExtension ALIPAY = new AlipaySimulatorExtension();

    private void paid(String orderId) {
        PaymentOutcome outcome = e2e.client.pay(barcode(orderId,
                e2e.simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce()), "50.00"));
        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
    }

    private static RefundRequest refund(String orderId, String refundId, String yuan) {
        return RefundRequest.builder().orderId(orderId).refundId(refundId)
                .amount(Money.of(yuan, "CNY")).orderAmount(Money.of("50.00", "CNY")).build();
    }

    @Test
    void refundFailingTransientlyIsRetriedWithTheSameOutRequestNoAndRefundedOnce() {
        paid("e2e_refund_retry");
        e2e.simulator.faults().next(1, Fault.http503Empty(), REFUND::equals);

        RefundOutcome outcome = e2e.client.refund(refund("e2e_refund_retry", "rf_1", "20.00"));

        assertThat(outcome).isInstanceOf(RefundOutcome.Refunded.class);
        assertThat(e2e.simulator.requests("e2e_refund_retry")).filteredOn(r -> r.method().equals(REFUND))
                .hasSizeGreaterThanOrEqualTo(2).allSatisfy(r -> assertThat(r.outRequestNo()).isEqualTo("rf_1"));
        AlipaySimulatorTrade trade = e2e.simulator.order("e2e_refund_retry").orElseThrow();
        assertThat(trade.refunds()).singleElement().satisfies(r -> assertThat(r.outRequestNo()).isEqualTo("rf_1"));
        assertThat(trade.refundedAmount()).isEqualByComparingTo("20.00");
    }

    @Test
    void refundWhoseAnswerIsLostAfterProcessingIsRefundedOnce() {
        paid("e2e_refund_lost");
        e2e.simulator.faults().next(1, Fault.responseLost(), REFUND::equals);

        RefundOutcome outcome = e2e.client.refund(refund("e2e_refund_lost", "rf_2", "20.00"));

        assertThat(outcome).isInstanceOf(RefundOutcome.Refunded.class);
        assertThat(e2e.simulator.requests("e2e_refund_lost")).filteredOn(r -> r.method().equals(REFUND)
                || r.method().equals("alipay.trade.fastpay.refund.query")).allSatisfy(r -> assertThat(r.outRequestNo()).isEqualTo("rf_2"));
        AlipaySimulatorTrade trade = e2e.simulator.order("e2e_refund_lost").orElseThrow();
        assertThat(trade.refundedAmount()).isEqualByComparingTo("20.00");
        assertThat(trade.refunds()).hasSize(1);
    }

    @Test
    void refundAnsweredSystemErrorIsRetriedWithTheSameOutRequestNoAndRefundedOnce() {
        paid("e2e_refund_syserr");
        e2e.simulator.faults().next(1, Fault.systemErrorAfterProcessing(), REFUND::equals);

        RefundOutcome outcome = e2e.client.refund(refund("e2e_refund_syserr", "rf_3", "50.00"));

        assertThat(outcome).isInstanceOf(RefundOutcome.Refunded.class);
        AlipaySimulatorTrade trade = e2e.simulator.order("e2e_refund_syserr").orElseThrow();
        assertThat(trade.refundedAmount()).isEqualByComparingTo("50.00");
        assertThat(trade.refunds()).singleElement().satisfies(r -> assertThat(r.outRequestNo()).isEqualTo("rf_3"));
    }

    @Test
    void refundBeyondWhatRemainsIsATypedFailureWithoutRetry() {
        paid("e2e_refund_much");
        assertThat(e2e.client.refund(refund("e2e_refund_much", "rf_a", "30.00"))).isInstanceOf(RefundOutcome.Refunded.class);

        RefundOutcome outcome = e2e.client.refund(refund("e2e_refund_much", "rf_c", "20.01"));

        assertThat(outcome).isInstanceOfSatisfying(RefundOutcome.Failed.class,
                failed -> assertThat(failed.failure().reason()).isEqualTo(FailureReason.REFUND_AMOUNT_EXCEEDED));
        assertThat(e2e.simulator.requests("e2e_refund_much")).filteredOn(r -> "rf_c".equals(r.outRequestNo()))
                .hasSize(1);
        assertThat(e2e.simulator.order("e2e_refund_much").orElseThrow().refundedAmount()).isEqualByComparingTo("30.00");
    }
}
