package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.codePay;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.internal.RequestFingerprint;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: several client instances sharing one ledger. Two clients in one JVM over one ledger stand
 * for two service instances over one database; the ledger's clock is the virtual one.
 */
class LedgerOwnershipTest {

    private final VirtualTime time = new VirtualTime();
    private final PaymentLedger shared = PaymentLedger.inMemory(time.clock(), PaymentLedger.DEFAULT_RETENTION);

    private PaymentClient instance(String id, ScriptedProvider provider) {
        return client(provider, time).ledger(shared).instanceId(id).build();
    }

    /** A call that instance {@code owner} started and still runs (its lease is live). */
    private void runningElsewhere(PaymentRequest request, String owner) {
        shared.begin(LedgerEntry.start(Fixtures.payKey(request.orderId()), RequestFingerprint.of(request), request, null,
                owner, time.now()), Duration.ofMinutes(10));
    }

    @Test
    void aCallALiveInstanceHoldsIsNeverTakenOverAndNothingIsSent() {
        runningElsewhere(qrPay("o-1"), "instance-a");
        ScriptedProvider provider = new ScriptedProvider().onPay(Answers.awaitingPayer("o-1"));

        PaymentOutcome outcome = instance("instance-b", provider).pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.InDoubt.class,
                d -> assertThat(d.lastFailure().reason()).isEqualTo(FailureReason.CALL_IN_PROGRESS));
        assertThat(provider.executions(Endpoint.PAY)).isZero();
        assertThat(provider.executions(Endpoint.QUERY)).isZero();
        assertThat(shared.find(Fixtures.payKey("o-1")).orElseThrow().owner()).isEqualTo("instance-a");
    }

    @Test
    void recoverSkipsCallsALiveInstanceHolds() {
        runningElsewhere(qrPay("o-1"), "instance-a");
        ScriptedProvider provider = new ScriptedProvider();

        List<Outcome> recovered = instance("instance-b", provider).recover();

        assertThat(recovered).isEmpty();
        assertThat(provider.executions(Endpoint.QUERY)).isZero();
    }

    @Test
    void aCallWhoseOwnerDiedIsTakenOverByQueryingFirst() {
        runningElsewhere(qrPay("o-1"), "instance-a");
        time.advance(Duration.ofMinutes(11)); // instance-a died: its lease ran out
        ScriptedProvider provider = new ScriptedProvider().onQuery(Answers.paidStatus("o-1", AMOUNT));

        PaymentOutcome outcome = instance("instance-b", provider).pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isZero();
        LedgerEntry entry = shared.find(Fixtures.payKey("o-1")).orElseThrow();
        assertThat(entry.state()).isEqualTo(LedgerState.COMPLETED);
        assertThat(entry.owner()).isNull();
    }

    @Test
    void theSameOrderOnAnotherInstanceAnswersFromTheLedgerOnceItCompleted() {
        ScriptedProvider a = new ScriptedProvider().onPay(Answers.paid("o-1", AMOUNT));
        ScriptedProvider b = new ScriptedProvider();
        assertThat(instance("instance-a", a).pay(codePay("o-1"))).isInstanceOf(PaymentOutcome.Paid.class);

        PaymentOutcome replayed = instance("instance-b", b).pay(codePay("o-1"));

        assertThat(replayed).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(b.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void aDifferentRequestUnderTheSameIdIsAConflictOnEitherInstance() {
        ScriptedProvider a = new ScriptedProvider().onPay(Answers.awaitingPayer("o-1"));
        ScriptedProvider b = new ScriptedProvider();
        instance("instance-a", a).pay(qrPay("o-1"));

        PaymentOutcome conflicting = instance("instance-b", b).pay(qrPay("o-1", Money.cny(1)));

        assertThat(conflicting).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.IDEMPOTENCY_CONFLICT));
        assertThat(b.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void anInstanceWhoseLeaseWasTakenOverStopsAndDoesNotOverwrite() {
        // instance-a sends, then stalls past its lease; instance-b takes the call over and finishes it.
        ScriptedProvider a = new ScriptedProvider();
        PaymentClient clientA = instance("instance-a", a);
        ScriptedProvider b = new ScriptedProvider().onQuery(Answers.paidStatus("o-1", AMOUNT));
        PaymentClient clientB = instance("instance-b", b);
        a.onPay(context -> {
            time.advance(Duration.ofMinutes(2)); // a stall longer than the 60 s lease
            assertThat(clientB.resolve("o-1")).isInstanceOf(PaymentOutcome.Paid.class);
            return Answers.unknown(FailureReason.TIMEOUT);
        });

        PaymentOutcome outcomeA = clientA.pay(qrPay("o-1"));

        assertThat(outcomeA).isInstanceOf(PaymentOutcome.Paid.class); // the ledger's word, not a guess
        assertThat(a.executions(Endpoint.QUERY)).isZero();
        assertThat(shared.find(Fixtures.payKey("o-1")).orElseThrow().outcome()).isInstanceOf(PaymentOutcome.Paid.class);
    }

    @Test
    void theBackgroundRecovererFinishesOrphanedCallsWithoutARestart() throws Exception {
        runningElsewhere(qrPay("o-1"), "instance-a");
        time.advance(Duration.ofMinutes(11));
        ScriptedProvider provider = new ScriptedProvider().onQuery(Answers.paidStatus("o-1", AMOUNT));
        PaymentClient client = instance("instance-b", provider);

        try (AutoCloseable recoverer = client.startRecovery(Duration.ofMillis(20))) {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    shared.find(Fixtures.payKey("o-1")).orElseThrow().state() == LedgerState.COMPLETED);
        }

        assertThat(shared.find(Fixtures.payKey("o-1")).orElseThrow().outcome()).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void completedEntriesArePurgedAfterTheRetention() {
        PaymentLedger ledger = PaymentLedger.inMemory(time.clock(), Duration.ofDays(90));
        ScriptedProvider provider = new ScriptedProvider().onPay(Answers.awaitingPayer("o-1"));
        client(provider, time).ledger(ledger).build().pay(qrPay("o-1"));

        time.advance(Duration.ofDays(91));

        assertThat(ledger.purgeCompleted(time.now().minus(Duration.ofDays(90)), 100)).isEqualTo(1);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).isEmpty();
    }
}
