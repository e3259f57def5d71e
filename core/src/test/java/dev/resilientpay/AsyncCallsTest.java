package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.codePay;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 10: {@code payAsync}, {@code refundAsync}, {@code queryAsync} and {@code resolveAsync}. */
class AsyncCallsTest {

    /** A pay answer that blocks until released, so a test can see the call in progress. */
    private static final class Gate {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<Thread> threads = new CopyOnWriteArrayList<>();

        ScriptedProvider.Answer<PaymentOutcome> paid(String orderId) {
            return context -> {
                threads.add(Thread.currentThread());
                entered.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Answers.paid(orderId, AMOUNT);
            };
        }
    }

    @Test
    void payAsyncReturnsWhileTheCallRunsAndCompletesWithItsOutcome() throws Exception {
        Gate gate = new Gate();
        ScriptedProvider provider = new ScriptedProvider().onPay(gate.paid("o-1"));
        try (PaymentClient client = PaymentClient.builder().provider(provider).build()) {
            CompletableFuture<PaymentOutcome> future = client.payAsync(codePay("o-1"));

            assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(future).isNotDone();
            gate.release.countDown();

            assertThat(future.get(10, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.Paid.class);
            // The same ledger as the blocking API: a repeated pay replays, nothing is sent again.
            assertThat(client.pay(codePay("o-1"))).isEqualTo(future.join());
            assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        }
    }

    @Test
    void invalidInputThrowsOnTheCallersThreadAndNothingIsSent() {
        ScriptedProvider provider = new ScriptedProvider().validateWith(request -> {
            throw new IllegalArgumentException("subject must not contain '&'");
        });
        try (PaymentClient client = PaymentClient.builder().provider(provider).build()) {
            assertThatThrownBy(() -> client.payAsync(qrPay("o-1")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("subject");
            assertThatThrownBy(() -> client.payAsync(null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request");
            assertThatThrownBy(() -> client.payAsync(qrPay("o-1"), null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy");
            assertThatThrownBy(() -> client.queryAsync("bad id with spaces"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderId");
            assertThatThrownBy(() -> client.resolveAsync(""))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderId");
            assertThatThrownBy(() -> client.refundAsync(null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request");
        }
        assertThat(provider.executions(Endpoint.PAY)).isZero();
        assertThat(provider.executions(Endpoint.QUERY)).isZero();
    }

    @Test
    void aClosedClientRefusesNewAsynchronousCalls() {
        ScriptedProvider provider = new ScriptedProvider();
        PaymentClient client = PaymentClient.builder().provider(provider).build();
        client.close();
        assertThatThrownBy(() -> client.payAsync(qrPay("o-1"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> client.queryAsync("o-1")).isInstanceOf(IllegalStateException.class);
        assertThat(provider.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void cancellingTheFutureDoesNotStopThePaymentWhichTheLedgerRecords() throws Exception {
        Gate gate = new Gate();
        ScriptedProvider provider = new ScriptedProvider().onPay(gate.paid("o-1"));
        try (PaymentClient client = PaymentClient.builder().provider(provider).build()) {
            CompletableFuture<PaymentOutcome> future = client.payAsync(codePay("o-1"));
            assertThat(gate.entered.await(10, TimeUnit.SECONDS)).isTrue();

            future.cancel(true);
            gate.release.countDown();

            // The same request joins the running call or replays its record: paid, sent once.
            assertThat(client.pay(codePay("o-1"))).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
            assertThat(gate.threads.get(0).isInterrupted()).isFalse();
        }
    }

    @Test
    void callsRunOnTheGivenExecutor() throws Exception {
        Gate gate = new Gate();
        gate.release.countDown();
        ScriptedProvider provider = new ScriptedProvider().onPay(gate.paid("o-1"));
        ExecutorService mine = Executors.newSingleThreadExecutor(task -> new Thread(task, "shop-payments"));
        try (PaymentClient client = PaymentClient.builder().provider(provider).asyncExecutor(mine).build()) {
            assertThat(client.payAsync(codePay("o-1")).get(10, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(gate.threads).extracting(Thread::getName).containsExactly("shop-payments");
        } finally {
            mine.shutdown();
        }
        assertThat(mine.isShutdown()).isTrue();
    }

    @Test
    void byDefaultEachCallHasAVirtualThreadFromJava21AndADaemonThreadBefore() throws Exception {
        Gate gate = new Gate();
        gate.release.countDown();
        ScriptedProvider provider = new ScriptedProvider().onPay(gate.paid("o-1"));
        try (PaymentClient client = PaymentClient.builder().provider(provider).build()) {
            client.payAsync(codePay("o-1")).get(10, TimeUnit.SECONDS);
        }
        Thread thread = gate.threads.get(0);
        assertThat(thread.getName()).startsWith("resilient-pay-scripted-async-");
        boolean java21 = Runtime.version().feature() >= 21;
        boolean virtual = java21 && (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
        assertThat(virtual).isEqualTo(java21);
        assertThat(thread.isDaemon()).isTrue();
    }

    @Test
    void aRefusingExecutorFailsTheFutureAndNothingIsSent() {
        ScriptedProvider provider = new ScriptedProvider();
        try (PaymentClient client = PaymentClient.builder().provider(provider)
                .asyncExecutor(task -> { throw new RejectedExecutionException("full"); }).build()) {
            CompletableFuture<PaymentOutcome> future = client.payAsync(qrPay("o-1"));
            assertThat(future).isCompletedExceptionally();
            assertThatThrownBy(future::get).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RejectedExecutionException.class);
        }
        assertThat(provider.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void theAsynchronousCallsGiveWhatTheBlockingOnesGive() throws Exception {
        VirtualTime time = new VirtualTime();
        ScriptedProvider provider = new ScriptedProvider()
                // pay: the answer is lost, the query proves it paid
                .onPay(Answers.unknown(FailureReason.TIMEOUT))
                .onQuery(Answers.paidStatus("o-1", AMOUNT), Answers.paidStatus("o-1", AMOUNT),
                        Answers.paidStatus("o-1", AMOUNT))
                .onRefund(Answers.refund("o-1", "r-1", RefundState.SUCCEEDED, Money.cny(1000)));
        try (PaymentClient client = Fixtures.client(provider, time).build()) {
            PaymentOutcome paid = client.payAsync(codePay("o-1")).get(10, TimeUnit.SECONDS);
            assertThat(paid).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(client.resolveAsync("o-1").get(10, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.Paid.class);

            QueryResult<TradeStatus> queried = client.queryAsync("o-1").get(10, TimeUnit.SECONDS);
            assertThat(queried).isInstanceOfSatisfying(QueryResult.Known.class,
                    known -> assertThat(((TradeStatus) known.status()).state()).isEqualTo(TradeState.PAID));

            RefundOutcome refunded = client.refundAsync(Fixtures.refund("o-1", "r-1")).get(10, TimeUnit.SECONDS);
            assertThat(refunded).isInstanceOf(RefundOutcome.Refunded.class);
            assertThat(client.refund(Fixtures.refund("o-1", "r-1"))).isEqualTo(refunded);
            assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
            assertThat(provider.executions(Endpoint.REFUND)).isEqualTo(1);
        }
    }
}
