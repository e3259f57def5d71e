package dev.resilientpay;

import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.internal.RequestFingerprint;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: a call is finished with the policy it was begun with. {@code resolve}, {@code recover}
 * and a takeover read it from the ledger instead of using the finishing client's defaults, which here
 * are {@link Policies#defaults()} (CREATE_ORDER: 10 s attempts, 30 s deadline, 3 sends; REFUND: 10 s
 * attempts, 60 s deadline, 3 sends). Every custom policy below differs from them in attempt timeout,
 * deadline and sends, so an attempt's {@link AttemptContext} shows which policy ran it.
 */
class StoredPolicyTest {

    /** The policy the payments are paid with. */
    private static final OperationPolicy PAY = Policies.defaults().of(Operation.CREATE_ORDER).toBuilder()
            .attemptTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(7)).maxAttempts(2)
            .backoff(Duration.ofMillis(100), 2.0, Duration.ofMillis(400)).jitter(0)
            .polling(Duration.ofMillis(700), Duration.ofMillis(700)).build();

    /** The policy the refunds are made with. */
    private static final OperationPolicy REFUND = Policies.defaults().of(Operation.REFUND).toBuilder()
            .attemptTimeout(Duration.ofSeconds(3)).deadline(Duration.ofSeconds(9)).maxAttempts(2)
            .backoff(Duration.ofMillis(100), 2.0, Duration.ofMillis(400)).jitter(0)
            .polling(Duration.ofMillis(500), Duration.ofSeconds(1)).build();

    private final VirtualTime time = new VirtualTime();
    private final PaymentLedger ledger = PaymentLedger.inMemory(time.clock(), PaymentLedger.DEFAULT_RETENTION);

    /** A payment with {@link #PAY} that ends in doubt: the send timed out and no query was answered. */
    private void payInDoubt(String orderId) {
        ScriptedProvider first = new ScriptedProvider().onPay(Answers.unknown(FailureReason.TIMEOUT))
                .onQuery(Answers.unknown(FailureReason.NETWORK_ERROR));
        PaymentClient client = client(first, time).ledger(ledger).build();

        assertThat(client.pay(qrPay(orderId), PAY)).isInstanceOf(PaymentOutcome.InDoubt.class);
        assertThat(ledger.find(Fixtures.payKey(orderId)).orElseThrow().policy()).isEqualTo(PAY);
    }

    @Test
    void resolveFinishesAnInDoubtPaymentWithThePolicyItWasPaidWithItsDeadlineMeasuredFromNow() {
        payInDoubt("o-1");
        time.advance(Duration.ofMinutes(5));
        ScriptedProvider second = new ScriptedProvider().onQuery(Answers.unknown(FailureReason.NETWORK_ERROR));
        PaymentClient other = client(second, time).ledger(ledger).build(); // another instance, default policies
        Instant start = time.now();

        PaymentOutcome outcome = other.resolve("o-1");

        assertThat(outcome).isInstanceOf(PaymentOutcome.InDoubt.class);
        List<AttemptContext> queries = second.contexts(Endpoint.QUERY);
        assertThat(queries).isNotEmpty().allSatisfy(c -> {
            assertThat(c.timeout()).isLessThanOrEqualTo(PAY.attemptTimeout());
            assertThat(c.deadline()).isEqualTo(start.plus(PAY.deadline()));
        });
        assertThat(queries.get(0).timeout()).isEqualTo(PAY.attemptTimeout());
        assertThat(time.since(start)).isLessThanOrEqualTo(PAY.deadline());
        assertThat(second.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void recoverFinishesAnOrphanedPaymentWithThePolicyItWasBegunWith() {
        PaymentRequest request = qrPay("o-2");
        ledger.begin(LedgerEntry.start(Fixtures.payKey("o-2"), RequestFingerprint.of(request), request, null,
                "dead-instance", time.now()).withPolicy(PAY), Duration.ofSeconds(30));
        time.advance(Duration.ofSeconds(31)); // the instance died; its lease ran out
        // The provider never has the order and every re-send times out: the policy's sends decide when to stop.
        ScriptedProvider provider = new ScriptedProvider().onQuery(Answers.status("o-2", TradeState.NOT_FOUND))
                .onPay(Answers.unknown(FailureReason.TIMEOUT));
        Instant start = time.now();

        List<Outcome> outcomes = client(provider, time).ledger(ledger).build().recover();

        assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.orderId()).isEqualTo("o-2"));
        assertThat(provider.contexts(Endpoint.PAY)).hasSize(PAY.maxAttempts()).allSatisfy(c -> {
            assertThat(c.timeout()).isEqualTo(PAY.attemptTimeout());
            assertThat(c.deadline()).isEqualTo(start.plus(PAY.deadline()));
        });
    }

    @Test
    void recoverFinishesAnInDoubtRefundWithThePolicyItWasMadeWith() {
        ScriptedProvider first = new ScriptedProvider().onRefund(Answers.unknown(FailureReason.TIMEOUT))
                .onQueryRefund(Answers.unknown(FailureReason.NETWORK_ERROR));
        RefundOutcome made = client(first, time).ledger(ledger).build().refund(Fixtures.refund("o-3", "r-3"), REFUND);
        assertThat(made).isInstanceOf(RefundOutcome.InDoubt.class);
        assertThat(ledger.find(Fixtures.refundKey("o-3", "r-3")).orElseThrow().policy()).isEqualTo(REFUND);
        assertThat(first.contexts(Endpoint.REFUND)).allSatisfy(c -> assertThat(c.timeout()).isEqualTo(REFUND.attemptTimeout()));
        // The provider has no such refund and every re-send times out.
        ScriptedProvider second = new ScriptedProvider()
                .onQueryRefund(Answers.refund("o-3", "r-3", RefundState.NOT_FOUND, null))
                .onRefund(Answers.unknown(FailureReason.TIMEOUT));
        Instant start = time.now();

        List<Outcome> outcomes = client(second, time).ledger(ledger).build().recover();

        assertThat(outcomes).singleElement().isInstanceOf(RefundOutcome.InDoubt.class);
        assertThat(second.contexts(Endpoint.REFUND)).hasSize(REFUND.maxAttempts()).allSatisfy(c -> {
            assertThat(c.idempotencyKey()).isEqualTo("r-3");
            assertThat(c.timeout()).isEqualTo(REFUND.attemptTimeout());
            assertThat(c.deadline()).isEqualTo(start.plus(REFUND.deadline()));
        });
    }

    @Test
    void aCallersOwnPayTakingTheEntryOverRunsItAsPaidButReturnsWithinItsOwnDeadline() {
        payInDoubt("o-4");
        ScriptedProvider second = new ScriptedProvider().onQuery(Answers.unknown(FailureReason.NETWORK_ERROR));
        PaymentClient other = client(second, time).ledger(ledger).build();
        OperationPolicy callers = Policies.defaults().of(Operation.CREATE_ORDER);
        Instant start = time.now();

        PaymentOutcome outcome = other.pay(qrPay("o-4")); // the same request again, with the default policy

        assertThat(outcome).isInstanceOf(PaymentOutcome.InDoubt.class);
        assertThat(second.executions(Endpoint.PAY)).isZero(); // in doubt: asked, never re-sent blindly
        assertThat(second.contexts(Endpoint.QUERY)).isNotEmpty().allSatisfy(c -> {
            assertThat(c.timeout()).isLessThanOrEqualTo(PAY.attemptTimeout());
            assertThat(c.deadline()).isEqualTo(start.plus(callers.deadline()));
        });
    }

    @Test
    void anEntryRecordedWithoutAPolicyIsResolvedWithTheClientsCurrentOne() {
        PaymentRequest request = qrPay("o-5");
        ledger.begin(LedgerEntry.start(Fixtures.payKey("o-5"), RequestFingerprint.of(request), request, null,
                "old-version", time.now()), Duration.ofSeconds(30)); // as written before entries kept a policy
        time.advance(Duration.ofSeconds(31));
        OperationPolicy current = Policies.defaults().of(Operation.CREATE_ORDER);
        ScriptedProvider provider = new ScriptedProvider().onQuery(Answers.unknown(FailureReason.NETWORK_ERROR));
        Instant start = time.now();

        PaymentOutcome outcome = client(provider, time).ledger(ledger).build().resolve("o-5");

        assertThat(outcome).isInstanceOf(PaymentOutcome.InDoubt.class);
        assertThat(ledger.find(Fixtures.payKey("o-5")).orElseThrow().policy()).isNull();
        assertThat(provider.contexts(Endpoint.QUERY).get(0).timeout()).isEqualTo(current.attemptTimeout());
        assertThat(provider.contexts(Endpoint.QUERY)).allSatisfy(c ->
                assertThat(c.deadline()).isEqualTo(start.plus(current.deadline())));
    }
}
