package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.codePay;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import org.junit.jupiter.api.Test;

class PayUnknownTest {

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider();
    private final PaymentLedger ledger = PaymentLedger.inMemory();
    private final PaymentClient client = client(provider, time).ledger(ledger).build();

    @Test
    void unknownIsQueriedAndAPaidAnswerEndsPaidWithoutResending() {
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT)).onQuery(Answers.paidStatus("o-1", AMOUNT));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Paid.class,
                paid -> assertThat(paid.transactionId()).isEqualTo("tx-o-1"));
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(provider.executions(Endpoint.QUERY)).isEqualTo(1);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().satisfies(e -> {
            assertThat(e.state()).isEqualTo(LedgerState.COMPLETED);
            assertThat(e.outcome()).isEqualTo(outcome);
        });
    }

    @Test
    void unknownThenNotFoundResendsAnOrderWithTheSameKey() {
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT), Answers.awaitingPayer("o-1"))
                .onQuery(Answers.status("o-1", TradeState.NOT_FOUND));

        PaymentOutcome outcome = client.pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        assertThat(provider.contexts(Endpoint.PAY)).extracting(AttemptContext::idempotencyKey)
                .containsExactly("o-1", "o-1");
    }

    /** Issue 8, finding 1: a consumed payment code must never be re-sent; the lagging query catches up. */
    @Test
    void unknownThenNotFoundNeverResendsAPaymentCodeAndPollsUntilTheProviderCatchesUp() {
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT))
                .onQuery(Answers.status("o-1", TradeState.NOT_FOUND), Answers.status("o-1", TradeState.NOT_FOUND),
                        Answers.paidStatus("o-1", AMOUNT));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
    }

    @Test
    void unknownThenPendingPollsUntilPaid() {
        provider.onPay(Answers.unknown(FailureReason.NETWORK_ERROR))
                .onQuery(Answers.status("o-1", TradeState.PROCESSING), Answers.status("o-1", TradeState.PROCESSING),
                        Answers.paidStatus("o-1", AMOUNT));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(provider.executions(Endpoint.QUERY)).isEqualTo(3);
        assertThat(provider.executions(Endpoint.CANCEL)).isZero();
    }

    @Test
    void alreadyPaidAnswerEndsPaidOnceAQueryConfirms() {
        provider.onPay(Answers.unknown(FailureReason.ORDER_ALREADY_PAID))
                .onQuery(Answers.status("o-1", TradeState.AWAITING_PAYMENT), Answers.paidStatus("o-1", AMOUNT));

        PaymentOutcome outcome = client.pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
    }

    @Test
    void alreadyPaidAnswerIsNeverTurnedIntoAFailure() {
        provider.onPay(Answers.unknown(FailureReason.ORDER_ALREADY_PAID))
                .onQuery(Answers.unknown(FailureReason.NETWORK_ERROR));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.InDoubt.class);
        assertThat(provider.executions(Endpoint.CANCEL)).isZero();
    }

    @Test
    void createOrderFoundAwaitingIsResentToObtainThePayerAction() {
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT), Answers.awaitingPayer("o-1"))
                .onQuery(Answers.status("o-1", TradeState.AWAITING_PAYMENT));

        PaymentOutcome outcome = client.pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.AwaitingPayer.class,
                a -> assertThat(a.action()).isEqualTo(new PayerAction.ScanQrCode("https://qr.example/o-1")));
        assertThat(provider.contexts(Endpoint.PAY)).extracting(AttemptContext::idempotencyKey)
                .containsExactly("o-1", "o-1");
    }

    @Test
    void closedOrderFoundByTheQueryFailsAsNotCharged() {
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT)).onQuery(Answers.status("o-1", TradeState.CLOSED));

        PaymentOutcome outcome = client.pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.ORDER_CLOSED));
    }

    @Test
    void unansweredQueriesLeaveTheOrderInDoubtAtTheDeadline() {
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT)).onQuery(Answers.notSent(FailureReason.NETWORK_ERROR));

        PaymentOutcome outcome = client.pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.InDoubt.class,
                d -> assertThat(d.lastFailure().reason()).isEqualTo(FailureReason.NETWORK_ERROR));
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(e -> e.state()).isEqualTo(LedgerState.IN_DOUBT);
    }
}
