package dev.resilientpay.alipay.e2e;

import static dev.resilientpay.alipay.e2e.AlipayEndToEnd.barcode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.Operation;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.TradeState;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorExtension;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.AlipaySimulatorTrade;
import dev.resilientpay.testkit.Fault;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Payment-code (barcode) payments through PaymentClient + AlipayProvider against the simulated gateway. */
class BarcodePaymentEndToEndTest extends EndToEndTestBase {

    @RegisterExtension
    static final AlipaySimulatorExtension ALIPAY = new AlipaySimulatorExtension();

    @Test
    void payerWhoPaysAtOnceIsPaidWithOneRequest() {
        String code = e2e.simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce());

        PaymentOutcome outcome = e2e.client.pay(barcode("e2e_paid_now", code, "88.88"));

        AlipaySimulatorTrade trade = e2e.simulator.order("e2e_paid_now").orElseThrow();
        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Paid.class, paid -> {
            assertThat(paid.transactionId()).isEqualTo(trade.tradeNo());
            assertThat(paid.amount()).isEqualTo(Money.of("88.88", "CNY"));
        });
        assertThat(trade.charges()).isEqualTo(1);
        assertThat(e2e.receivedByMethod("e2e_paid_now")).containsExactly(Map.entry("alipay.trade.pay", 1L));
    }

    @Test
    void payAnswered10003IsPolledUntilThePayerConfirms() {
        String code = e2e.simulator.newPaymentCode(AlipaySimulatorPayer.confirmsAfter(2));

        PaymentOutcome outcome = e2e.client.pay(barcode("e2e_polled", code, "12.00"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(e2e.simulator.requestCount("e2e_polled", "alipay.trade.pay")).isEqualTo(1);
        assertThat(e2e.simulator.requestCount("e2e_polled", "alipay.trade.query")).isEqualTo(3);
        assertThat(e2e.simulator.requestCount("e2e_polled", "alipay.trade.cancel")).isZero();
        assertThat(e2e.listener.polls).extracting(p -> p.state())
                .containsExactly(TradeState.AWAITING_PAYMENT, TradeState.AWAITING_PAYMENT, TradeState.PAID);
        assertThat(e2e.simulator.order("e2e_polled").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void payerWhoNeverConfirmsIsCancelledAtTheDeadlineAndNotCharged() {
        String code = e2e.simulator.newPaymentCode(AlipaySimulatorPayer.neverConfirms());

        PaymentOutcome outcome = e2e.client.pay(barcode("e2e_never", code, "12.00"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                failed -> assertThat(failed.failure().reason()).isEqualTo(FailureReason.PAYER_DID_NOT_CONFIRM));
        AlipaySimulatorTrade trade = e2e.simulator.order("e2e_never").orElseThrow();
        assertThat(trade.status()).isEqualTo("TRADE_CLOSED");
        assertThat(trade.charges()).isZero();
        assertThat(e2e.simulator.requestCount("e2e_never", "alipay.trade.cancel")).isEqualTo(1);
        assertThat(e2e.simulator.requestCount("e2e_never", "alipay.trade.query")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void insufficientFundsIsATypedFailureWithoutRetryQueryOrCancel() {
        String code = e2e.simulator.newPaymentCode(AlipaySimulatorPayer.insufficientFunds());

        PaymentOutcome outcome = e2e.client.pay(barcode("e2e_poor", code, "12.00"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class, failed -> {
            assertThat(failed.failure().reason()).isEqualTo(FailureReason.INSUFFICIENT_FUNDS);
            assertThat(failed.failure().providerSubCode()).isEqualTo("ACQ.BUYER_BALANCE_NOT_ENOUGH");
            assertThat(failed.failure().attempts()).isEqualTo(1);
        });
        assertThat(e2e.receivedByMethod("e2e_poor")).containsExactly(Map.entry("alipay.trade.pay", 1L));
        assertThat(e2e.listener.retries).isEmpty();
        assertThat(e2e.simulator.order("e2e_poor")).isEmpty();
    }

    @Test
    void expiredPaymentCodeIsATypedFailureWithoutRetry() {
        String code = e2e.simulator.newPaymentCode(AlipaySimulatorPayer.invalidPaymentCode());

        PaymentOutcome outcome = e2e.client.pay(barcode("e2e_expired", code, "12.00"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                failed -> assertThat(failed.failure().reason()).isEqualTo(FailureReason.PAYMENT_CODE_INVALID));
        assertThat(e2e.listener.attempts("e2e_expired", Operation.PAY_BY_CODE)).isEqualTo(1);
        assertThat(e2e.simulator.requests("e2e_expired")).hasSize(1);
    }

    @Test
    void cancelAnsweredSystemErrorIsRetriedUntilTheOrderIsClosedUncharged() {
        String code = e2e.simulator.newPaymentCode(AlipaySimulatorPayer.neverConfirms());
        e2e.simulator.faults().next(2, Fault.systemError(), "alipay.trade.cancel"::equals);

        PaymentOutcome outcome = e2e.client.pay(barcode("e2e_cancel_retry", code, "12.00"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                failed -> assertThat(failed.failure().reason()).isEqualTo(FailureReason.PAYER_DID_NOT_CONFIRM));
        assertThat(e2e.simulator.requests("e2e_cancel_retry")).filteredOn(r -> r.method().equals("alipay.trade.cancel"))
                .extracting(r -> r.subCode()).containsExactly("ACQ.SYSTEM_ERROR", "ACQ.SYSTEM_ERROR", "");
        AlipaySimulatorTrade trade = e2e.simulator.order("e2e_cancel_retry").orElseThrow();
        assertThat(trade.status()).isEqualTo("TRADE_CLOSED");
        assertThat(trade.charges()).isZero();
    }

    @Test
    void payAnsweredServiceUnavailable20000IsQueriedAndPaidOnce() {
        try (AlipaySimulator gateway = AlipaySimulator.builder().systemErrorAs20000(true).start()) {
            AlipayEndToEnd own = AlipayEndToEnd.virtualTime(gateway);
            try {
                gateway.faults().next(1, Fault.systemErrorAfterProcessing(), "alipay.trade.pay"::equals);

                PaymentOutcome outcome = own.client.pay(barcode("e2e_20000",
                        gateway.newPaymentCode(AlipaySimulatorPayer.paysAtOnce()), "12.00"));

                assertThat(gateway.requests("e2e_20000").get(0).code()).isEqualTo("20000");
                assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
                assertThat(gateway.requestCount("e2e_20000", "alipay.trade.pay")).isEqualTo(1);
                assertThat(gateway.order("e2e_20000").orElseThrow().charges()).isEqualTo(1);
            } finally {
                own.close();
            }
        }
    }

    @Test
    void orderSentAgainWithAnotherAmountByARestartedServiceIsAnIdempotencyConflict() {
        String code = e2e.simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce());
        e2e.client.pay(barcode("e2e_conflict", code, "12.00"));
        AlipayEndToEnd restarted = AlipayEndToEnd.virtualTime(e2e.simulator);
        try {
            PaymentOutcome outcome = restarted.client.pay(barcode("e2e_conflict", code, "13.00"));

            assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                    failed -> assertThat(failed.failure().reason()).isEqualTo(FailureReason.IDEMPOTENCY_CONFLICT));
            assertThat(e2e.simulator.order("e2e_conflict").orElseThrow().charges()).isEqualTo(1);
            assertThat(e2e.simulator.order("e2e_conflict").orElseThrow().totalAmount()).isEqualByComparingTo("12.00");
        } finally {
            restarted.close();
        }
    }
}
