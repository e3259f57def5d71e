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

class RecoverTest {

    private final VirtualTime time = new VirtualTime();
    private final PaymentLedger ledger = PaymentLedger.inMemory(time.clock(), PaymentLedger.DEFAULT_RETENTION);

    /** What a process that died in the middle of its calls leaves behind: entries whose lease ran out. */
    private void crashDuring(PaymentRequest payment) {
        ledger.begin(LedgerEntry.start(Fixtures.payKey(payment.orderId()), RequestFingerprint.of(payment), payment, null,
                "dead-instance", time.now()), Duration.ofSeconds(30));
        time.advance(Duration.ofSeconds(31));
    }

    private void crashDuring(RefundRequest refund) {
        ledger.begin(LedgerEntry.start(Fixtures.refundKey(refund.orderId(), refund.refundId()),
                RequestFingerprint.of(refund), null, refund, "dead-instance", time.now()), Duration.ofSeconds(30));
        time.advance(Duration.ofSeconds(31));
    }

    @Test
    void recoverResolvesEveryInFlightEntryAfterACrash() {
        crashDuring(codePay("paid-before-crash"));
        crashDuring(qrPay("never-arrived"));
        crashDuring(Fixtures.refund("o-7", "r-7"));
        ScriptedProvider provider = new ScriptedProvider()
                .onQuery(context -> context.idempotencyKey().equals("paid-before-crash")
                        ? Answers.paidStatus("paid-before-crash", AMOUNT)
                        : Answers.status(context.idempotencyKey(), TradeState.NOT_FOUND))
                .onPay(Answers.awaitingPayer("never-arrived"))
                .onQueryRefund(Answers.refund("o-7", "r-7", RefundState.SUCCEEDED, Money.cny(1000)));
        PaymentClient fresh = client(provider, time).ledger(ledger).build();

        List<Outcome> outcomes = fresh.recover();

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes).filteredOn(o -> o.orderId().equals("paid-before-crash"))
                .singleElement().isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(outcomes).filteredOn(o -> o.orderId().equals("never-arrived"))
                .singleElement().isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        assertThat(outcomes).filteredOn(o -> o.orderId().equals("o-7"))
                .singleElement().isInstanceOf(RefundOutcome.Refunded.class);
        assertThat(ledger.unresolved(1000)).isEmpty();
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(provider.executions(Endpoint.REFUND)).isZero();
    }

    @Test
    void aRefundTheProviderNeverReceivedIsSentAgainWithTheSameRefundId() {
        crashDuring(Fixtures.refund("o-7", "r-7"));
        ScriptedProvider provider = new ScriptedProvider()
                .onQueryRefund(Answers.refund("o-7", "r-7", RefundState.NOT_FOUND, null))
                .onRefund(Answers.refund("o-7", "r-7", RefundState.SUCCEEDED, Money.cny(1000)));

        List<Outcome> outcomes = client(provider, time).ledger(ledger).build().recover();

        assertThat(outcomes).singleElement().isInstanceOf(RefundOutcome.Refunded.class);
        assertThat(provider.contexts(Endpoint.REFUND)).singleElement()
                .satisfies(c -> assertThat(c.idempotencyKey()).isEqualTo("r-7"));
    }

    @Test
    void anInDoubtPaymentIsFinishedByANewClientOnTheSameLedger() {
        ScriptedProvider first = new ScriptedProvider().onPay(Answers.unknown(FailureReason.TIMEOUT))
                .onQuery(Answers.unknown(FailureReason.NETWORK_ERROR));
        assertThat(client(first, time).ledger(ledger).build().pay(qrPay("o-1"))).isInstanceOf(PaymentOutcome.InDoubt.class);
        ScriptedProvider second = new ScriptedProvider().onQuery(Answers.paidStatus("o-1", AMOUNT));

        List<Outcome> outcomes = client(second, time).ledger(ledger).build().recover();

        assertThat(outcomes).singleElement().isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(second.executions(Endpoint.PAY)).isZero();
        assertThat(ledger.unresolved(1000)).isEmpty();
    }

    @Test
    void resolveOfAnOrderTheLedgerDoesNotKnowAsksTheProvider() {
        ScriptedProvider provider = new ScriptedProvider().onQuery(Answers.paidStatus("elsewhere", AMOUNT));

        PaymentOutcome outcome = client(provider, time).ledger(ledger).build().resolve("elsewhere");

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void resolveRefreshesAnOrderAwaitingItsPayer() {
        ScriptedProvider provider = new ScriptedProvider().onPay(Answers.awaitingPayer("o-1"))
                .onQuery(Answers.paidStatus("o-1", AMOUNT));
        PaymentClient client = client(provider, time).ledger(ledger).build();
        client.pay(qrPay("o-1"));

        assertThat(client.resolve("o-1")).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(e -> e.outcome()).isInstanceOf(PaymentOutcome.Paid.class);
    }
}
