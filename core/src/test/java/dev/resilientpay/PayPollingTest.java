package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.codePay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayPollingTest {

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider();
    private final PaymentLedger ledger = PaymentLedger.inMemory();
    private final Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
    private final PaymentClient client = client(provider, time).ledger(ledger).listener(listener).build();

    @Test
    void pendingPollsUntilPaid() {
        provider.onPay(Answers.pending())
                .onQuery(Answers.status("o-1", TradeState.PROCESSING), Answers.paidStatus("o-1", AMOUNT));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.QUERY)).isEqualTo(2);
        assertThat(listener.polls).extracting(PaymentListener.PollFinished::state)
                .containsExactly(TradeState.PROCESSING, TradeState.PAID);
        // polls start after the policy's initial delay (3 s ± 50 % jitter)
        assertThat(time.sleeps().get(0)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(4500));
    }

    @Test
    void pendingPollsUntilClosed() {
        provider.onPay(Answers.pending())
                .onQuery(Answers.status("o-1", TradeState.PROCESSING), Answers.status("o-1", TradeState.CLOSED));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.ORDER_CLOSED));
        assertThat(provider.executions(Endpoint.CANCEL)).isZero();
    }

    @Test
    void pendingUntilTheDeadlineIsCancelledAndFails() {
        provider.onPay(Answers.pending())
                .onQuery(Answers.status("o-1", TradeState.PROCESSING))
                .onCancel(Answers.closed("o-1", false));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class, f -> {
            assertThat(f.failure().reason()).isEqualTo(FailureReason.PAYER_DID_NOT_CONFIRM);
            assertThat(f.failure().attempts()).isEqualTo(1);
        });
        assertThat(provider.executions(Endpoint.CANCEL)).isEqualTo(1);
        assertThat(provider.executions(Endpoint.QUERY)).isGreaterThan(5);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(e -> e.state()).isEqualTo(LedgerState.COMPLETED);
    }

    @Test
    void pollWaitsStayWithinThePollMaxInterval() {
        provider.onPay(Answers.pending())
                .onQuery(Answers.status("o-1", TradeState.PROCESSING))
                .onCancel(Answers.closed("o-1", false));

        client.pay(codePay("o-1"));

        List<Duration> pollWaits = time.sleeps();
        assertThat(pollWaits).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(7500)));
    }

    @Test
    void retryFlagAnswersToTheCancelAreRetriedAtLeastTheBackoffApart() {
        provider.onPay(Answers.pending())
                .onQuery(Answers.status("o-1", TradeState.PROCESSING))
                .onCancel(Answers.notSent(FailureReason.PROVIDER_UNAVAILABLE), Answers.closed("o-1", true));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().providerMessage()).contains("refunded"));
        assertThat(provider.executions(Endpoint.CANCEL)).isEqualTo(2);
        assertThat(time.sleeps().get(time.sleeps().size() - 1)).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void cancelFailingTooEndsInDoubtAndResolveFinishesIt() {
        provider.onPay(Answers.pending())
                .onQuery(Answers.status("o-1", TradeState.PROCESSING))
                .onCancel(Answers.unknown(FailureReason.NETWORK_ERROR));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.InDoubt.class);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(e -> e.state()).isEqualTo(LedgerState.IN_DOUBT);
        assertThat(provider.executions(Endpoint.CANCEL)).isEqualTo(5);

        provider.reset(Endpoint.QUERY).onQuery(Answers.status("o-1", TradeState.CLOSED));
        PaymentOutcome resolved = client.resolve("o-1");

        assertThat(resolved).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.ORDER_CLOSED));
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(e -> e.state()).isEqualTo(LedgerState.COMPLETED);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(client.pay(codePay("o-1"))).isEqualTo(resolved);
    }

    @Test
    void listenersHearEveryAttemptPollAndTheOutcome() {
        provider.onPay(Answers.pending()).onQuery(Answers.paidStatus("o-1", AMOUNT));

        client.pay(codePay("o-1"));

        assertThat(listener.attempts).extracting(PaymentListener.AttemptFinished::operation)
                .containsExactly(Operation.PAY_BY_CODE, Operation.QUERY);
        assertThat(listener.attempts).extracting(PaymentListener.AttemptFinished::classification)
                .containsExactly(Classification.PENDING, Classification.DEFINITE);
        assertThat(listener.polls).hasSize(1);
        assertThat(listener.outcomes).singleElement().satisfies(e -> {
            assertThat(e.operation()).isEqualTo(Operation.PAY_BY_CODE);
            assertThat(e.outcome()).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(e.provider()).isEqualTo("scripted");
        });
    }
}
