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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.MDC;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import static org.awaitility.Awaitility.await;

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

    // ---------------------------------------------------------------- waiting holds no thread

    /** An executor that counts the tasks running on it right now, and the threads it ran them on. */
    private static final class CountingExecutor implements Executor {
        final ExecutorService pool = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "counted");
            thread.setDaemon(true);
            return thread;
        });
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger tasks = new AtomicInteger();
        final Set<Thread> threads = ConcurrentHashMap.newKeySet();

        @Override
        public void execute(Runnable task) {
            pool.execute(() -> {
                running.incrementAndGet();
                tasks.incrementAndGet();
                threads.add(Thread.currentThread());
                try {
                    task.run();
                } finally {
                    running.decrementAndGet();
                }
            });
        }
    }

    /** A payment-code policy that polls every 50–200 ms (real time) within 30 s. */
    private static OperationPolicy quickPolls() {
        return Policies.defaults().of(Operation.PAY_BY_CODE).toBuilder().deadline(Duration.ofSeconds(30))
                .polling(Duration.ofMillis(50), Duration.ofMillis(200)).build();
    }

    /** Pays are accepted and processing; queries answer "awaiting the payer" until {@code paid} is set. */
    private static ScriptedProvider payerConfirmsWhen(AtomicBoolean paid) {
        return new ScriptedProvider()
                .onPay(context -> Answers.pending())
                .onQuery(context -> {
                    String orderId = MDC.get("payment.orderId");
                    return paid.get() ? Answers.paidStatus(orderId, AMOUNT)
                            : Answers.status(orderId, TradeState.AWAITING_PAYMENT);
                });
    }

    @Test
    void paymentsWaitingBetweenPollsHoldNoThreadAndAllEndPaidWithOneSendEach() throws Exception {
        AtomicBoolean paid = new AtomicBoolean();
        ScriptedProvider provider = payerConfirmsWhen(paid);
        CountingExecutor executor = new CountingExecutor();
        int payments = 40;
        try (PaymentClient client = PaymentClient.builder().provider(provider).asyncExecutor(executor).build()) {
            List<CompletableFuture<PaymentOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < payments; i++) {
                futures.add(client.payAsync(codePay("o-" + i), quickPolls()));
            }
            // Every payment sent once and polling; a second caller of one order joins it.
            await().atMost(Duration.ofSeconds(20)).until(() -> provider.executions(Endpoint.QUERY) >= 2 * payments);
            CompletableFuture<PaymentOutcome> again = client.payAsync(codePay("o-0"), quickPolls());

            // Between their polls, none of them runs on any thread: the old one-task-per-call design
            // held all 41 tasks here for the whole wait.
            await().atMost(Duration.ofSeconds(20)).until(() -> executor.running.get() == 0);
            assertThat(futures).noneMatch(CompletableFuture::isDone);
            assertThat(again).isNotDone();
            int tasksBefore = executor.tasks.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> executor.tasks.get() > tasksBefore); // and go on polling

            paid.set(true);
            for (CompletableFuture<PaymentOutcome> future : futures) {
                assertThat(future.get(20, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.Paid.class);
            }
            assertThat(again.get(20, TimeUnit.SECONDS)).isEqualTo(futures.get(0).join());
            assertThat(provider.executions(Endpoint.PAY)).isEqualTo(payments);
            assertThat(provider.executions(Endpoint.CANCEL)).isZero();
        } finally {
            executor.pool.shutdownNow();
        }
    }

    /** Records the call events with the thread each was told on, and hands a token across each wait. */
    private static final class ThreadRecordingListener implements PaymentListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final Map<Object, Boolean> tokens = new ConcurrentHashMap<>();
        final AtomicInteger unmatched = new AtomicInteger();

        @Override
        public void onCallStarted(CallStarted event) {
            events.add("started " + event.orderId());
        }

        @Override
        public Object onCallSuspended(CallSuspended event) {
            Object token = new Object();
            tokens.put(token, Boolean.TRUE);
            events.add("suspended " + event.orderId());
            return token;
        }

        @Override
        public void onCallResumed(CallResumed event, Object carried) {
            if (carried == null || tokens.remove(carried) == null) {
                unmatched.incrementAndGet();
            }
            events.add("resumed " + event.orderId());
        }

        @Override
        public void onOutcome(CallFinished event) {
            events.add("outcome " + event.orderId());
        }

        @Override
        public void onCallEnded(CallEnded event) {
            events.add("ended " + event.orderId());
        }
    }

    @Test
    void aCallThatWaitsLeavesItsThreadCleanAndTakesItsLogContextAndListenersAlong() throws Exception {
        AtomicInteger queries = new AtomicInteger();
        List<String> orderIdsInQueries = new CopyOnWriteArrayList<>();
        List<String> requestIdsInQueries = new CopyOnWriteArrayList<>();
        ScriptedProvider provider = new ScriptedProvider()
                .onPay(context -> Answers.pending())
                .onQuery(context -> {
                    orderIdsInQueries.add(String.valueOf(MDC.get("payment.orderId")));
                    requestIdsInQueries.add(String.valueOf(MDC.get("request.id")));
                    return queries.incrementAndGet() < 3 ? Answers.status("o-1", TradeState.AWAITING_PAYMENT)
                            : Answers.paidStatus("o-1", AMOUNT);
                });
        ThreadRecordingListener listener = new ThreadRecordingListener();
        ExecutorService single = Executors.newSingleThreadExecutor(task -> new Thread(task, "one"));
        try (PaymentClient client = PaymentClient.builder().provider(provider).asyncExecutor(single)
                .listener(listener).build()) {
            single.submit(() -> { }).get(10, TimeUnit.SECONDS); // its thread exists before (an MDC may be inherited)
            MDC.put("request.id", "req-7"); // the caller's own log context
            CompletableFuture<PaymentOutcome> future = client.payAsync(codePay("o-1"), quickPolls());
            assertThat(MDC.get("request.id")).isEqualTo("req-7");
            MDC.remove("request.id");
            assertThat(future.get(20, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.Paid.class);

            // Each step, on whichever thread it resumed, logged under the call's order id and with the
            // MDC its caller had when it called.
            assertThat(orderIdsInQueries).hasSize(3).containsOnly("o-1");
            assertThat(requestIdsInQueries).hasSize(3).containsOnly("req-7");
            // One call: started, left its thread and came back once per poll wait, ended.
            List<String> expected = new ArrayList<>(List.of("started o-1"));
            for (int i = 0; i < 3; i++) {
                expected.add("suspended o-1");
                expected.add("resumed o-1");
            }
            expected.add("outcome o-1");
            expected.add("ended o-1");
            assertThat(listener.events).containsExactlyElementsOf(expected);
            assertThat(listener.unmatched).hasValue(0);
            assertThat(listener.tokens).isEmpty();
            // The thread is left without the call's log context.
            assertThat(single.submit(() -> MDC.getCopyOfContextMap()).get(10, TimeUnit.SECONDS))
                    .satisfiesAnyOf(mdc -> assertThat(mdc).isNull(), mdc -> assertThat(mdc).isEmpty());
        } finally {
            single.shutdown();
        }
    }

    @Test
    void closingTheClientLetsWaitingCallsRunToTheirOutcome() throws Exception {
        AtomicBoolean paid = new AtomicBoolean();
        ScriptedProvider provider = payerConfirmsWhen(paid);
        PaymentClient client = PaymentClient.builder().provider(provider).build();
        CompletableFuture<PaymentOutcome> future = client.payAsync(codePay("o-1"), quickPolls());
        await().atMost(Duration.ofSeconds(20)).until(() -> provider.executions(Endpoint.QUERY) >= 1);

        client.close();
        assertThatThrownBy(() -> client.payAsync(codePay("o-2"))).isInstanceOf(IllegalStateException.class);
        int queriesAtClose = provider.executions(Endpoint.QUERY);
        await().atMost(Duration.ofSeconds(20)).until(() -> provider.executions(Endpoint.QUERY) > queriesAtClose);
        paid.set(true);

        assertThat(future.get(20, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
    }

    @Test
    void anExecutorThatRefusesALaterStepDoesNotStrandTheCall() throws Exception {
        AtomicBoolean paid = new AtomicBoolean();
        ScriptedProvider provider = payerConfirmsWhen(paid);
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Executor firstStepOnly = task -> {
            if (accepted.getAndIncrement() > 0) {
                throw new RejectedExecutionException("saturated");
            }
            pool.execute(task);
        };
        try (PaymentClient client = PaymentClient.builder().provider(provider).asyncExecutor(firstStepOnly).build()) {
            CompletableFuture<PaymentOutcome> future = client.payAsync(codePay("o-1"), quickPolls());
            await().atMost(Duration.ofSeconds(20)).until(() -> provider.executions(Endpoint.QUERY) >= 2);
            paid.set(true);

            // The later steps ran where the wait ended (the client's scheduler), not nowhere.
            assertThat(future.get(20, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(accepted.get()).isGreaterThan(2);
            assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aCancelledFutureOfAClosedClientStillEndsThePaymentAndTheLedgerRecordsIt() throws Exception {
        AtomicBoolean paid = new AtomicBoolean();
        ScriptedProvider provider = payerConfirmsWhen(paid);
        dev.resilientpay.spi.PaymentLedger ledger = dev.resilientpay.spi.PaymentLedger.inMemory();
        PaymentClient client = PaymentClient.builder().provider(provider).ledger(ledger).build();
        CompletableFuture<PaymentOutcome> future = client.payAsync(codePay("o-1"), quickPolls());
        await().atMost(Duration.ofSeconds(20)).until(() -> provider.executions(Endpoint.QUERY) >= 1);

        future.cancel(true);
        client.close();
        int queriesAtClose = provider.executions(Endpoint.QUERY);
        await().atMost(Duration.ofSeconds(20)).until(() -> provider.executions(Endpoint.QUERY) > queriesAtClose);
        paid.set(true);

        await().atMost(Duration.ofSeconds(20)).until(() -> ledger.find(Fixtures.payKey("o-1"))
                .filter(entry -> entry.outcome() instanceof PaymentOutcome.Paid).isPresent());
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(provider.executions(Endpoint.CANCEL)).isZero();
    }
}
