package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 8, finding 10: waiting orders are scheduled polls, not blocked threads. */
class AwaitPaymentAsyncTest {

    private static final int WAITING_ORDERS = 10_000;

    private static Notification paid(String orderId) {
        return new Notification.PaymentNotification("n-" + orderId, "TRANSACTION.SUCCESS",
                new TradeStatus(orderId, TradeState.PAID, "tx-" + orderId, AMOUNT, VirtualTime.EPOCH, "SUCCESS"));
    }

    @Test
    void tenThousandWaitingOrdersHoldAHandfulOfThreadsAndAllWakeOnTheirNotifications() throws Exception {
        ScriptedProvider provider = new ScriptedProvider()
                .onQuery(context -> Answers.status(context.idempotencyKey(), TradeState.AWAITING_PAYMENT));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        try (PaymentClient client = PaymentClient.builder().provider(provider).build()) {
            int before = threads.getThreadCount();
            threads.resetPeakThreadCount();
            List<CompletableFuture<PaymentOutcome>> waits = new ArrayList<>();
            for (int i = 0; i < WAITING_ORDERS; i++) {
                waits.add(client.awaitPaymentAsync("o-" + i, Duration.ofMinutes(10)));
            }
            // Each order is queried once at once, then waits for its next poll on the scheduler.
            await().atMost(Duration.ofSeconds(60)).until(() -> provider.executions(Endpoint.QUERY) >= WAITING_ORDERS);

            assertThat(threads.getPeakThreadCount() - before).isLessThan(100);
            assertThat(waits).noneMatch(CompletableFuture::isDone);

            for (int i = 0; i < WAITING_ORDERS; i++) {
                client.notifications().verify(Map.of(), provider.signedNotification(paid("o-" + i)));
            }
            CompletableFuture.allOf(waits.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(waits).allSatisfy(w -> assertThat(w.join()).isInstanceOf(PaymentOutcome.Paid.class));
        }
    }

    @Test
    void twoConcurrentWaitersOfOneOrderAreBothWokenByItsNotification() throws Exception {
        ScriptedProvider provider = new ScriptedProvider()
                .onQuery(context -> Answers.status(context.idempotencyKey(), TradeState.AWAITING_PAYMENT));
        try (PaymentClient client = PaymentClient.builder().provider(provider).build()) {
            CompletableFuture<PaymentOutcome> first = client.awaitPaymentAsync("o-1", Duration.ofMinutes(10));
            CompletableFuture<PaymentOutcome> second = client.awaitPaymentAsync("o-1", Duration.ofMinutes(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> provider.executions(Endpoint.QUERY) >= 2);

            client.notifications().verify(Map.of(), provider.signedNotification(paid("o-1")));

            assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(second.get(10, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.Paid.class);
        }
    }
}
