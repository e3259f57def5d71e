package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import org.junit.jupiter.api.Test;

class IdempotentOperationsTest {

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider();
    private final PaymentLedger ledger = PaymentLedger.inMemory();
    private final PaymentClient client = client(provider, time).ledger(ledger).build();

    @Test
    void queryRetriesNotSentAndUnknownAnswers() {
        provider.onQuery(Answers.notSent(FailureReason.NETWORK_ERROR), Answers.unknown(FailureReason.TIMEOUT),
                Answers.paidStatus("o-1", AMOUNT));

        QueryResult<TradeStatus> result = client.query("o-1");

        assertThat(result).isInstanceOfSatisfying(QueryResult.Known.class,
                k -> assertThat(((TradeStatus) k.status()).state()).isEqualTo(TradeState.PAID));
        assertThat(provider.executions(Endpoint.QUERY)).isEqualTo(3);
    }

    @Test
    void queryThatRunsOutOfAttemptsIsUnknown() {
        provider.onQuery(Answers.unknown(FailureReason.TIMEOUT));

        QueryResult<TradeStatus> result = client.query("o-1");

        assertThat(result).isInstanceOfSatisfying(QueryResult.Unknown.class,
                u -> assertThat(u.failure().reason()).isEqualTo(FailureReason.TIMEOUT));
        assertThat(provider.executions(Endpoint.QUERY)).isEqualTo(3);
    }

    @Test
    void aQueryThatFindsThePaymentRecordsIt() {
        provider.onPay(Answers.awaitingPayer("o-1")).onQuery(Answers.paidStatus("o-1", AMOUNT));
        client.pay(qrPay("o-1"));

        client.query("o-1");

        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(e -> e.outcome()).isInstanceOf(PaymentOutcome.Paid.class);
    }

    @Test
    void closeRetriesUntilTheOrderIsClosed() {
        provider.onClose(Answers.unknown(FailureReason.TIMEOUT), Answers.closed("o-1", false));

        CloseOutcome outcome = client.close("o-1");

        assertThat(outcome).isEqualTo(new CloseOutcome.Closed("o-1", false));
        assertThat(provider.executions(Endpoint.CLOSE)).isEqualTo(2);
    }

    @Test
    void closeWithoutAnAnswerIsInDoubt() {
        provider.onClose(Answers.unknown(FailureReason.TIMEOUT));

        assertThat(client.close("o-1")).isInstanceOf(CloseOutcome.InDoubt.class);
    }

    @Test
    void closeThatNeverReachedTheProviderFails() {
        provider.onClose(Answers.notSent(FailureReason.NETWORK_ERROR));

        assertThat(client.close("o-1")).isInstanceOfSatisfying(CloseOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.NETWORK_ERROR));
    }

    @Test
    void aRejectedCancelFailsWithoutRetrying() {
        provider.onCancel(Answers.rejected(FailureReason.ORDER_ALREADY_PAID));

        CloseOutcome outcome = client.cancel("o-1");

        assertThat(outcome).isInstanceOfSatisfying(CloseOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.ORDER_ALREADY_PAID));
        assertThat(provider.executions(Endpoint.CANCEL)).isEqualTo(1);
    }

    @Test
    void closingAnAwaitingOrderRecordsItAsNotCharged() {
        provider.onPay(Answers.awaitingPayer("o-1")).onClose(Answers.closed("o-1", false));
        client.pay(qrPay("o-1"));

        client.close("o-1");

        assertThat(client.pay(qrPay("o-1"))).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.ORDER_CLOSED));
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
    }

    @Test
    void queryRefundRetriesTransientFailures() {
        provider.onQueryRefund(Answers.notSent(FailureReason.RATE_LIMITED),
                Answers.refund("o-1", "r-1", RefundState.SUCCEEDED, Money.cny(100)));

        QueryResult<RefundStatus> result = client.queryRefund("o-1", "r-1");

        assertThat(result).isInstanceOf(QueryResult.Known.class);
        assertThat(provider.contexts(Endpoint.QUERY_REFUND)).allSatisfy(c -> assertThat(c.idempotencyKey()).isEqualTo("r-1"));
    }
}
