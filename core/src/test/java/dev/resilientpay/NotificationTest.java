package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotificationTest {

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider();
    private final PaymentLedger ledger = PaymentLedger.inMemory();
    private final PaymentClient client = client(provider, time).ledger(ledger).build();

    private static Notification paid(String id, String orderId, Money amount) {
        return new Notification.PaymentNotification(id, "TRANSACTION.SUCCESS",
                new TradeStatus(orderId, TradeState.PAID, "tx-" + orderId, amount, VirtualTime.EPOCH, "SUCCESS"));
    }

    @Test
    void aRejectedNotificationPassesThrough() {
        NotificationResult result = client.notifications().verify(Map.of(), "forged".getBytes(StandardCharsets.UTF_8));

        assertThat(result).isInstanceOfSatisfying(NotificationResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(NotificationRejection.SIGNATURE_INVALID));
    }

    @Test
    void aRedeliveredNotificationIsMarkedDuplicateOnceTheLedgerHasRecordedIt() {
        provider.onPay(Answers.awaitingPayer("o-1"));
        client.pay(qrPay("o-1"));
        byte[] body = provider.signedNotification(paid("n-1", "o-1", AMOUNT));

        NotificationResult first = client.notifications().verify(Map.of(), body);
        NotificationResult second = client.notifications().verify(Map.of(), body);

        assertThat(first).isInstanceOfSatisfying(NotificationResult.Accepted.class, a -> {
            assertThat(a.duplicate()).isFalse();
            assertThat(a.reply().body()).isEqualTo("success");
        });
        assertThat(second).isInstanceOfSatisfying(NotificationResult.Accepted.class,
                a -> assertThat(a.duplicate()).isTrue());
    }

    @Test
    void aNotificationWithAnotherAmountThanTheOrderIsRejected() {
        provider.onPay(Answers.awaitingPayer("o-1"));
        client.pay(qrPay("o-1"));

        NotificationResult result = client.notifications().verify(Map.of(),
                provider.signedNotification(paid("n-1", "o-1", Money.cny(1))));

        assertThat(result).isInstanceOfSatisfying(NotificationResult.Rejected.class, r -> {
            assertThat(r.reason()).isEqualTo(NotificationRejection.AMOUNT_MISMATCH);
            assertThat(r.reply().status()).isGreaterThanOrEqualTo(400);
        });
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(e -> e.outcome())
                .isInstanceOf(PaymentOutcome.AwaitingPayer.class);
    }

    @Test
    void aPaidNotificationTurnsTheAwaitingOrderIntoPaid() {
        provider.onPay(Answers.awaitingPayer("o-1"));
        client.pay(qrPay("o-1"));

        client.notifications().verify(Map.of(), provider.signedNotification(paid("n-1", "o-1", AMOUNT)));

        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().satisfies(e -> {
            assertThat(e.state()).isEqualTo(LedgerState.COMPLETED);
            assertThat(e.outcome()).isInstanceOf(PaymentOutcome.Paid.class);
        });
        assertThat(client.pay(qrPay("o-1"))).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
    }

    @Test
    void awaitPaymentSeesANotificationDeliveredWhileItWaits() {
        provider.onPay(Answers.awaitingPayer("o-1"));
        client.pay(qrPay("o-1"));
        provider.onQuery(Answers.status("o-1", TradeState.AWAITING_PAYMENT));
        provider.onQuery(context -> {
            client.notifications().verify(Map.of(), provider.signedNotification(paid("n-1", "o-1", AMOUNT)));
            return Answers.status("o-1", TradeState.AWAITING_PAYMENT);
        });

        PaymentOutcome outcome = client.awaitPayment("o-1", Duration.ofMinutes(5));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.QUERY)).isEqualTo(2);
    }

    @Test
    void aRefundNotificationFinishesAProcessingRefund() {
        Money refunded = Money.cny(1000);
        provider.onRefund(Answers.refund("o-1", "r-1", RefundState.PROCESSING, refunded))
                .onQueryRefund(Answers.refund("o-1", "r-1", RefundState.PROCESSING, refunded));
        assertThat(client.refund(Fixtures.refund("o-1", "r-1"))).isInstanceOf(RefundOutcome.Processing.class);

        client.notifications().verify(Map.of(), provider.signedNotification(new Notification.RefundNotification(
                "n-2", "REFUND.SUCCESS", new RefundStatus("o-1", "r-1", "rf-1", refunded, RefundState.SUCCEEDED,
                        VirtualTime.EPOCH, "SUCCESS"))));

        assertThat(ledger.find(Fixtures.refundKey("o-1", "r-1"))).get().satisfies(e -> {
            assertThat(e.state()).isEqualTo(LedgerState.COMPLETED);
            assertThat(e.outcome()).isInstanceOf(RefundOutcome.Refunded.class);
        });
    }

    @Test
    void aThrowingVerifierBecomesARejection() {
        ScriptedProvider broken = new ScriptedProvider();
        PaymentClient brokenClient = PaymentClient.builder().provider(new ThrowingNotifications(broken)).timeSource(time).build();

        NotificationResult result = brokenClient.notifications().verify(Map.of(), new byte[0]);

        assertThat(result).isInstanceOfSatisfying(NotificationResult.Rejected.class,
                r -> assertThat(r.reason()).isEqualTo(NotificationRejection.MALFORMED));
    }

    /** A provider whose notification verifier has a bug. */
    private static final class ThrowingNotifications extends ForwardingProvider {
        ThrowingNotifications(ScriptedProvider delegate) {
            super(delegate);
        }

        @Override
        public NotificationVerifier notifications() {
            return (headers, body) -> {
                throw new IllegalStateException("bug");
            };
        }
    }
}
