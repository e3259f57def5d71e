package dev.resilientpay;

import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.codePay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, "Outcomes at high fault rates": the paths the benchmark run against independent fake
 * gateways found (see {@code docs/benchmarks.md}, section "Outcomes at high fault rates (issue 8)").
 */
class HighFaultRateFiguresRegressionTest {

    /** Opens after four failed attempts out of four, for 30 s; one trial call. */
    private static final BreakerPolicy FOUR_CALLS = new BreakerPolicy(50, 4, 4, Duration.ofSeconds(30), 1);

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider();
    private final Fixtures.RecordingListener listener = new Fixtures.RecordingListener();

    @Test
    void theDeadlineCancelOfAPaymentCodeIsSentEvenWhenTheBreakerOpenedDuringTheCall() {
        // The send's answer is lost and every query times out: the breaker opens during the call (an
        // outage, or a cold JVM starved of CPU). Seen in the cold start on WeChat: 64 of 100 InDoubt.
        PaymentClient client = client(provider, time).breaker(FOUR_CALLS).listener(listener).build();
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT))
                .onQuery(Answers.unknown(FailureReason.TIMEOUT))
                .onCancel(Answers.closed("c-1", false));

        PaymentOutcome outcome = client.pay(codePay("c-1"));

        assertThat(listener.breaker).extracting(PaymentListener.BreakerStateChanged::to).contains("OPEN");
        // The cancel is what keeps a payer who confirms later from being charged after the till gave up.
        assertThat(provider.executions(Endpoint.CANCEL)).isPositive();
        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.PAYER_DID_NOT_CONFIRM));
    }

    @Test
    void aLastQueryThatTimesOutIsTriedAgainBeforeTheCancelRefundsAPaidPayer() {
        // Seen at 10 % and 30 % faults with a CPU-starved client: the gateway charged the payer and answered
        // every query "paid", but each answer arrived after the 2 s attempt timeout; the one last query at
        // the deadline edge timed out too, and the cancel refunded the payer.
        PaymentClient client = client(provider, time).listener(listener).build();
        Duration deadline = Policies.defaults().of(Operation.PAY_BY_CODE).deadline();
        java.time.Instant edge = time.now().plus(deadline);
        java.util.concurrent.atomic.AtomicInteger atTheEdge = new java.util.concurrent.atomic.AtomicInteger();
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT))
                .onQuery(context -> time.now().isBefore(edge) || atTheEdge.getAndIncrement() == 0
                        ? Answers.unknown(FailureReason.TIMEOUT)
                        : Answers.paidStatus("c-2", Fixtures.AMOUNT))
                .onCancel(Answers.closed("c-2", true));

        PaymentOutcome outcome = client.pay(codePay("c-2"));

        assertThat(provider.executions(Endpoint.CANCEL)).isZero();
        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
    }
}
