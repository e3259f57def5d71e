package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.codePay;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PayRetryTest {

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider();
    private final Fixtures.RecordingListener listener = new Fixtures.RecordingListener();
    private final PaymentLedger ledger = PaymentLedger.inMemory();
    private final PaymentClient client = client(provider, time).ledger(ledger).listener(listener).build();

    @Test
    void notSentIsRetriedWithTheSameIdempotencyKey() {
        provider.onPay(Answers.notSent(FailureReason.NETWORK_ERROR), Answers.notSent(FailureReason.NETWORK_ERROR),
                Answers.paid("o-1", AMOUNT));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.contexts(Endpoint.PAY)).extracting(AttemptContext::idempotencyKey)
                .containsExactly("o-1", "o-1", "o-1");
        assertThat(provider.contexts(Endpoint.PAY)).extracting(AttemptContext::attempt).containsExactly(1, 2, 3);
        assertThat(listener.retries).hasSize(2);
        assertThat(provider.executions(Endpoint.QUERY)).isZero();
    }

    @Test
    void aDefiniteFailureIsNotRetried() {
        provider.onPay(Answers.rejected(FailureReason.INSUFFICIENT_FUNDS));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class, failed -> {
            assertThat(failed.failure().reason()).isEqualTo(FailureReason.INSUFFICIENT_FUNDS);
            assertThat(failed.failure().providerCode()).isEqualTo("SCRIPTED_CODE");
            assertThat(failed.failure().attempts()).isEqualTo(1);
        });
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(provider.executions(Endpoint.QUERY)).isZero();
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void retryAfterIsHonoured() {
        provider.onPay(Answers.notSent(FailureReason.RATE_LIMITED, Duration.ofSeconds(7)), Answers.awaitingPayer("o-1"));

        PaymentOutcome outcome = client.pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
        assertThat(listener.retries).singleElement()
                .satisfies(r -> assertThat(r.delay()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void retriesStopAtTheLimitAndTheUnsentOrderIsReleased() {
        provider.onPay(Answers.notSent(FailureReason.NETWORK_ERROR));

        PaymentOutcome outcome = client.pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class, failed -> {
            assertThat(failed.failure().reason()).isEqualTo(FailureReason.NETWORK_ERROR);
            assertThat(failed.failure().attempts()).isEqualTo(3);
        });
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(3);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).isEmpty();
    }

    @Test
    void anOrderThatWasNeverSentCanBePaidAfresh() {
        provider.onPay(Answers.notSent(FailureReason.NETWORK_ERROR), Answers.notSent(FailureReason.NETWORK_ERROR),
                Answers.notSent(FailureReason.NETWORK_ERROR), Answers.awaitingPayer("o-1"));

        assertThat(client.pay(qrPay("o-1"))).isInstanceOf(PaymentOutcome.Failed.class);
        assertThat(client.pay(qrPay("o-1"))).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(4);
    }

    @Test
    void totalTimeNeverExceedsTheDeadline() {
        provider.add(Endpoint.PAY, ScriptedProvider.taking(time, Duration.ofSeconds(25), Answers.awaitingPayer("o-1")));
        provider.add(Endpoint.QUERY, ScriptedProvider.taking(time, Duration.ofSeconds(4),
                Answers.unknown(FailureReason.NETWORK_ERROR)));
        Instant start = time.now();

        PaymentOutcome outcome = client.pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.InDoubt.class);
        Duration deadline = Policies.defaults().of(Operation.CREATE_ORDER).deadline();
        assertThat(time.since(start)).isLessThanOrEqualTo(deadline);
        assertThat(provider.executions(Endpoint.QUERY)).isGreaterThan(1);
    }

    @Test
    void attemptTimeoutIsTheSmallerOfThePolicysAndTheRemainingDeadline() {
        OperationPolicy policy = Policies.defaults().of(Operation.CREATE_ORDER).toBuilder()
                .attemptTimeout(Duration.ofSeconds(10)).deadline(Duration.ofSeconds(12)).build();
        provider.add(Endpoint.PAY, ScriptedProvider.taking(time, Duration.ofSeconds(9),
                Answers.notSent(FailureReason.NETWORK_ERROR)));
        Instant start = time.now();

        client.pay(qrPay("o-1"), policy);

        assertThat(provider.contexts(Endpoint.PAY)).first()
                .satisfies(c -> assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(10)));
        assertThat(provider.contexts(Endpoint.PAY)).allSatisfy(c -> {
            assertThat(c.deadline()).isEqualTo(start.plusSeconds(12));
            assertThat(c.timeout()).isLessThanOrEqualTo(Duration.ofSeconds(10));
        });
        assertThat(provider.contexts(Endpoint.PAY).get(1).timeout()).isLessThan(Duration.ofSeconds(3));
        assertThat(time.since(start)).isLessThanOrEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void backoffWaitsGrowAndAreTheSameForTheSameSeed() {
        provider.onPay(Answers.notSent(FailureReason.NETWORK_ERROR));
        VirtualTime otherTime = new VirtualTime();
        ScriptedProvider other = new ScriptedProvider().onPay(Answers.notSent(FailureReason.NETWORK_ERROR));
        OperationPolicy fiveSends = Policies.defaults().of(Operation.CREATE_ORDER).toBuilder().maxAttempts(5).build();

        client.pay(qrPay("o-1"), fiveSends);
        client(other, otherTime).build().pay(qrPay("o-1"), fiveSends);

        assertThat(time.sleeps()).hasSize(4).isEqualTo(otherTime.sleeps());
        assertThat(time.sleeps().get(3)).isGreaterThan(time.sleeps().get(0));
        assertThat(time.sleeps()).allSatisfy(d -> assertThat(d).isBetween(Duration.ofMillis(100), Duration.ofMillis(2400)));
    }
}
