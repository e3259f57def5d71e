package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.codePay;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.spi.Attempt;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private static final BreakerPolicy FOUR_CALLS = new BreakerPolicy(50, 4, 4, Duration.ofSeconds(30), 1);

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider();
    private final Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
    private final PaymentClient client = client(provider, time).breaker(FOUR_CALLS).listener(listener).build();

    @Test
    void breakerOpensAfterRepeatedTransportFailuresAndFailsFastWithNothingSent() {
        provider.onPay(Answers.notSent(FailureReason.NETWORK_ERROR));
        client.pay(qrPay("o-1"));
        client.pay(qrPay("o-2"));
        int sent = provider.executions(Endpoint.PAY);
        Instant before = time.now();

        PaymentOutcome outcome = client.pay(qrPay("o-3"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class, f -> {
            assertThat(f.failure().reason()).isEqualTo(FailureReason.PROVIDER_UNAVAILABLE);
            assertThat(f.failure().attempts()).isZero();
        });
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(sent);
        assertThat(time.now()).isEqualTo(before);
        assertThat(listener.breaker).extracting(PaymentListener.BreakerStateChanged::to).contains("OPEN");
    }

    @Test
    void breakerClosesAgainAfterTheOpenDurationWhenTheTrialSucceeds() {
        provider.onPay(Answers.notSent(FailureReason.PROVIDER_UNAVAILABLE));
        client.pay(qrPay("o-1"));
        client.pay(qrPay("o-2"));
        assertThat(client.pay(qrPay("o-3"))).isInstanceOf(PaymentOutcome.Failed.class);

        time.advance(Duration.ofSeconds(31));
        provider.reset(Endpoint.PAY).onPay(Answers.awaitingPayer("o-4"));
        PaymentOutcome outcome = client.pay(qrPay("o-4"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        assertThat(listener.breaker).extracting(e -> e.from() + "->" + e.to())
                .containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    }

    @Test
    void aDegradedProviderFailingThirtyPercentOfAttemptsDoesNotOpenTheDefaultBreaker() {
        ScriptedProvider degraded = new ScriptedProvider().onPay(thirtyPercentTransportFaults());
        Fixtures.RecordingListener events = new Fixtures.RecordingListener();
        PaymentClient defaults = client(degraded, time).breaker(BreakerPolicy.defaults()).listener(events).build();

        for (int i = 0; i < 300; i++) {
            defaults.pay(qrPay("d-" + i));
        }

        assertThat(events.breaker).isEmpty();
    }

    @Test
    void theSameThirtyPercentFaultsOpenABreakerWithAShortWindow() {
        ScriptedProvider degraded = new ScriptedProvider().onPay(thirtyPercentTransportFaults());
        Fixtures.RecordingListener events = new Fixtures.RecordingListener();
        PaymentClient shortWindow = client(degraded, time)
                .breaker(new BreakerPolicy(50, 20, 10, Duration.ofSeconds(30), 3)).listener(events).build();

        for (int i = 0; i < 300; i++) {
            shortWindow.pay(qrPay("s-" + i));
        }

        assertThat(events.breaker).extracting(PaymentListener.BreakerStateChanged::to).contains("OPEN");
    }

    /** A seeded sequence in which 30 % of attempts fail in transport and the rest succeed. */
    @SuppressWarnings("unchecked")
    private static Attempt<PaymentOutcome>[] thirtyPercentTransportFaults() {
        Random random = new Random(7);
        Attempt<PaymentOutcome>[] answers = new Attempt[2_000];
        for (int i = 0; i < answers.length; i++) {
            answers[i] = random.nextDouble() < 0.3
                    ? Answers.notSent(FailureReason.NETWORK_ERROR) : Answers.awaitingPayer("o");
        }
        return answers;
    }

    @Test
    void businessFailuresNeverOpenTheBreaker() {
        provider.onPay(Answers.rejected(FailureReason.INSUFFICIENT_FUNDS));
        for (int i = 0; i < 10; i++) {
            client.pay(codePay("o-" + i));
        }

        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(10);
        assertThat(listener.breaker).isEmpty();
    }

    @Test
    void aCallWithAnUnknownAttemptKeepsQueryingWhileTheBreakerIsOpen() {
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT))
                .onQuery(Answers.notSent(FailureReason.NETWORK_ERROR), Answers.notSent(FailureReason.NETWORK_ERROR),
                        Answers.notSent(FailureReason.NETWORK_ERROR), Answers.paidStatus("o-1", AMOUNT));
        PaymentClient shortBreak = client(provider, time).listener(listener)
                .breaker(new BreakerPolicy(50, 4, 4, Duration.ofSeconds(5), 1)).build();
        Instant start = time.now();

        PaymentOutcome outcome = shortBreak.pay(qrPay("o-1"));

        // the breaker opened after four transport faults; the call waited it out within its deadline
        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(listener.breaker).extracting(PaymentListener.BreakerStateChanged::to).contains("OPEN");
        assertThat(listener.attempts).anySatisfy(a -> assertThat(a.reason()).isEqualTo(FailureReason.PROVIDER_UNAVAILABLE));
        assertThat(time.since(start)).isLessThanOrEqualTo(Policies.defaults().of(Operation.CREATE_ORDER).deadline());
    }
}
