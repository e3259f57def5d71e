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
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AwaitPaymentTest {

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider().onPay(Answers.awaitingPayer("o-1"));
    private final PaymentLedger ledger = PaymentLedger.inMemory();
    private final PaymentClient client = client(provider, time).ledger(ledger).build();

    @Test
    void returnsAtOnceWhenANotificationAlreadyProvedThePayment() {
        client.pay(qrPay("o-1"));
        client.notifications().verify(Map.of(), provider.signedNotification(new Notification.PaymentNotification(
                "n-1", "TRANSACTION.SUCCESS", new TradeStatus("o-1", TradeState.PAID, "tx-1", AMOUNT, null, "SUCCESS"))));

        PaymentOutcome outcome = client.awaitPayment("o-1", Duration.ofMinutes(1));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.QUERY)).isZero();
    }

    @Test
    void pollsUntilThePayerHasPaid() {
        client.pay(qrPay("o-1"));
        provider.onQuery(Answers.status("o-1", TradeState.AWAITING_PAYMENT),
                Answers.status("o-1", TradeState.NOT_FOUND), Answers.paidStatus("o-1", AMOUNT));

        PaymentOutcome outcome = client.awaitPayment("o-1", Duration.ofMinutes(1));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.QUERY)).isEqualTo(3);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(e -> e.outcome()).isEqualTo(outcome);
    }

    @Test
    void pollsUntilTheOrderIsClosed() {
        client.pay(qrPay("o-1"));
        provider.onQuery(Answers.status("o-1", TradeState.AWAITING_PAYMENT), Answers.status("o-1", TradeState.CLOSED));

        PaymentOutcome outcome = client.awaitPayment("o-1", Duration.ofMinutes(1));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.ORDER_CLOSED));
    }

    @Test
    void atTheTimeoutTheOrderIsStillAwaitingItsPayer() {
        PaymentOutcome created = client.pay(qrPay("o-1"));
        provider.onQuery(Answers.status("o-1", TradeState.AWAITING_PAYMENT));
        Instant start = time.now();

        PaymentOutcome outcome = client.awaitPayment("o-1", Duration.ofSeconds(20));

        assertThat(outcome).isEqualTo(created);
        assertThat(time.since(start)).isLessThanOrEqualTo(Duration.ofSeconds(20));
        assertThat(provider.executions(Endpoint.QUERY)).isGreaterThan(2);
    }

    @Test
    void aStateNeverLearnedIsInDoubtAtTheTimeout() {
        provider.onQuery(Answers.unknown(FailureReason.NETWORK_ERROR));

        PaymentOutcome outcome = client.awaitPayment("o-9", Duration.ofSeconds(10));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.InDoubt.class,
                d -> assertThat(d.lastFailure().reason()).isEqualTo(FailureReason.NETWORK_ERROR));
    }

    @Test
    void theBackgroundWatcherFindsAPaymentWhoseNotificationWasLost() throws Exception {
        client.pay(qrPay("o-1"));
        provider.onQuery(Answers.status("o-1", TradeState.AWAITING_PAYMENT), Answers.paidStatus("o-1", AMOUNT));

        PaymentOutcome outcome = client.awaitPaymentAsync("o-1", Duration.ofMinutes(1)).get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        client.close();
    }
}
