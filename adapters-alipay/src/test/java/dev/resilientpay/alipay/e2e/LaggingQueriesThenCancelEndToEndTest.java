package dev.resilientpay.alipay.e2e;

import static dev.resilientpay.alipay.e2e.AlipayEndToEnd.barcode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.FailureReason;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.testkit.AlipaySimulatorExtension;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.AlipaySimulatorTrade;
import dev.resilientpay.testkit.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8, "Outcomes at high fault rates": a pay processed (the trade created, the payer asked to confirm
 * on the phone) whose answer was lost, then queries that lag ({@code ACQ.TRADE_NOT_EXIST}, as Alipay
 * documents right after a timeout) until the deadline cancel. The cancel closes a trade that existed,
 * yet the pipeline reports {@code NOT_SENT}, "never reached the payment service", because the last query
 * said "not found". Measured in the benchmark against simulators that lag after a broken answer.
 */
class LaggingQueriesThenCancelEndToEndTest extends EndToEndTestBase {

    @RegisterExtension
    static final AlipaySimulatorExtension ALIPAY = new AlipaySimulatorExtension();

    @Test
    void aTradeThatExistedIsNeverReportedAsNotSentAfterLaggingQueries() {
        String code = e2e.simulator.newPaymentCode(AlipaySimulatorPayer.neverConfirms());
        e2e.simulator.faults().next(1, Fault.responseLost(), "alipay.trade.pay"::equals);
        e2e.simulator.lagQueries("e2e_lag_cancel", 10_000);

        PaymentOutcome outcome = e2e.client.pay(barcode("e2e_lag_cancel", code, "12.00"));

        AlipaySimulatorTrade trade = e2e.simulator.order("e2e_lag_cancel").orElseThrow();
        assertThat(trade.status()).isEqualTo("TRADE_CLOSED");
        assertThat(trade.charges()).isZero();
        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.PAYER_DID_NOT_CONFIRM));
    }
}
