package dev.resilientpay;

import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.refund;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import org.junit.jupiter.api.Test;

class RefundTest {

    private static final Money REFUND = Money.cny(1000);

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider();
    private final PaymentLedger ledger = PaymentLedger.inMemory();
    private final PaymentClient client = client(provider, time).ledger(ledger).build();

    @Test
    void aSucceededRefundIsRefunded() {
        provider.onRefund(Answers.refund("o-1", "r-1", RefundState.SUCCEEDED, REFUND));

        RefundOutcome outcome = client.refund(refund("o-1", "r-1"));

        assertThat(outcome).isInstanceOfSatisfying(RefundOutcome.Refunded.class,
                r -> assertThat(r.refundId()).isEqualTo("r-1"));
        assertThat(provider.executions(Endpoint.QUERY_REFUND)).isZero();
        assertThat(ledger.find(Fixtures.refundKey("o-1", "r-1"))).get().extracting(e -> e.state()).isEqualTo(LedgerState.COMPLETED);
    }

    @Test
    void anAcceptedRefundIsPolledUntilItSucceeds() {
        provider.onRefund(Answers.refund("o-1", "r-1", RefundState.PROCESSING, REFUND))
                .onQueryRefund(Answers.refund("o-1", "r-1", RefundState.PROCESSING, REFUND),
                        Answers.refund("o-1", "r-1", RefundState.SUCCEEDED, REFUND));

        RefundOutcome outcome = client.refund(refund("o-1", "r-1"));

        assertThat(outcome).isInstanceOf(RefundOutcome.Refunded.class);
        assertThat(provider.executions(Endpoint.QUERY_REFUND)).isEqualTo(2);
        assertThat(provider.executions(Endpoint.REFUND)).isEqualTo(1);
    }

    @Test
    void aRefundStillProcessingAtTheDeadlineIsProcessingAndStaysUnresolved() {
        provider.onRefund(Answers.refund("o-1", "r-1", RefundState.PROCESSING, REFUND))
                .onQueryRefund(Answers.refund("o-1", "r-1", RefundState.PROCESSING, REFUND));

        RefundOutcome outcome = client.refund(refund("o-1", "r-1"));

        assertThat(outcome).isInstanceOf(RefundOutcome.Processing.class);
        assertThat(ledger.unresolved(1000)).extracting(e -> e.key()).containsExactly(Fixtures.refundKey("o-1", "r-1"));
    }

    @Test
    void unknownThenNotFoundResendsTheSameRefundId() {
        provider.onRefund(Answers.unknown(FailureReason.TIMEOUT),
                        Answers.refund("o-1", "r-1", RefundState.SUCCEEDED, REFUND))
                .onQueryRefund(Answers.refund("o-1", "r-1", RefundState.NOT_FOUND, null));

        RefundOutcome outcome = client.refund(refund("o-1", "r-1"));

        assertThat(outcome).isInstanceOf(RefundOutcome.Refunded.class);
        assertThat(provider.contexts(Endpoint.REFUND)).extracting(AttemptContext::idempotencyKey)
                .containsExactly("r-1", "r-1");
    }

    @Test
    void anAbnormalRefundFails() {
        provider.onRefund(Answers.unknown(FailureReason.TIMEOUT))
                .onQueryRefund(Answers.refund("o-1", "r-1", RefundState.ABNORMAL, REFUND));

        RefundOutcome outcome = client.refund(refund("o-1", "r-1"));

        assertThat(outcome).isInstanceOfSatisfying(RefundOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.REFUND_ABNORMAL));
        assertThat(provider.executions(Endpoint.REFUND)).isEqualTo(1);
    }

    @Test
    void aClosedRefundFails() {
        provider.onRefund(Answers.refund("o-1", "r-1", RefundState.PROCESSING, REFUND))
                .onQueryRefund(Answers.refund("o-1", "r-1", RefundState.CLOSED, REFUND));

        RefundOutcome outcome = client.refund(refund("o-1", "r-1"));

        assertThat(outcome).isInstanceOf(RefundOutcome.Failed.class);
    }

    @Test
    void aRefundWhoseFateIsNeverLearnedIsInDoubt() {
        provider.onRefund(Answers.unknown(FailureReason.TIMEOUT))
                .onQueryRefund(Answers.unknown(FailureReason.NETWORK_ERROR));

        RefundOutcome outcome = client.refund(refund("o-1", "r-1"));

        assertThat(outcome).isInstanceOf(RefundOutcome.InDoubt.class);
        assertThat(provider.executions(Endpoint.REFUND)).isEqualTo(1);
        assertThat(ledger.find(Fixtures.refundKey("o-1", "r-1"))).get().extracting(e -> e.state()).isEqualTo(LedgerState.IN_DOUBT);
    }

    @Test
    void aRejectedRefundIsNotRetried() {
        provider.onRefund(Answers.rejected(FailureReason.REFUND_AMOUNT_EXCEEDED));

        RefundOutcome outcome = client.refund(refund("o-1", "r-1"));

        assertThat(outcome).isInstanceOfSatisfying(RefundOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.REFUND_AMOUNT_EXCEEDED));
        assertThat(provider.executions(Endpoint.REFUND)).isEqualTo(1);
    }

    @Test
    void theSameRefundIdWithAnotherAmountIsAConflict() {
        provider.onRefund(Answers.refund("o-1", "r-1", RefundState.SUCCEEDED, REFUND));
        client.refund(refund("o-1", "r-1"));
        RefundRequest bigger = RefundRequest.builder().orderId("o-1").refundId("r-1").amount(Money.cny(2000))
                .orderAmount(Fixtures.AMOUNT).build();

        RefundOutcome outcome = client.refund(bigger);

        assertThat(outcome).isInstanceOfSatisfying(RefundOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.IDEMPOTENCY_CONFLICT));
        assertThat(provider.executions(Endpoint.REFUND)).isEqualTo(1);
    }
}
