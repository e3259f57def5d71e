package dev.resilientpay;

import dev.resilientpay.internal.AsyncDriver;
import dev.resilientpay.internal.CallPipeline;
import dev.resilientpay.internal.Listeners;
import dev.resilientpay.internal.NotificationDesk;
import dev.resilientpay.internal.PaymentWatcher;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.spi.PaymentProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Takes payments through one provider without losing an order: every call ends in a definite,
 * typed outcome or an explicit {@link PaymentOutcome.InDoubt in-doubt} state that
 * {@link #resolve(String)} finishes later. Retries re-send the same idempotency key, an unknown
 * answer is queried before anything else, payment-code payments that stay pending are cancelled at
 * their deadline, and a circuit breaker fails fast while the provider is down.
 *
 * <pre>{@code
 * try (PaymentClient client = PaymentClient.builder()
 *         .provider(alipayProvider)                 // from resilient-pay-alipay or -wechat
 *         .listener(metrics)                        // optional
 *         .build()) {
 *     PaymentRequest request = PaymentRequest.builder()
 *             .orderId("order-20250101-0001")
 *             .amount(Money.of("88.88", "CNY"))
 *             .subject("Coffee beans 1 kg")
 *             .method(new PaymentMethod.QrCode())
 *             .build();
 *     switch (client.pay(request)) {            // pattern switch: Java 21; use instanceof on 17
 *         case PaymentOutcome.Paid paid -> ship(paid.orderId());
 *         case PaymentOutcome.AwaitingPayer awaiting -> showQrCode(awaiting.action());
 *         case PaymentOutcome.Failed failed -> tell(failed.failure().userMessage(Locale.CHINA));
 *         case PaymentOutcome.InDoubt doubt -> later(doubt.orderId()); // client.resolve(orderId)
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe; create one per provider account and share it. Calls block the calling thread
 * for at most their policy's deadline (a payment-code payment that must be cancelled also for the
 * cancel policy's deadline); {@link #payAsync}, {@link #refundAsync}, {@link #queryAsync} and
 * {@link #resolveAsync} run the same calls on an executor and return at once. Provider and network
 * faults never escape as exceptions; an {@link IllegalArgumentException} naming the field is thrown
 * only for invalid input, before anything is sent.
 */
public final class PaymentClient implements AutoCloseable {

    private final PaymentProvider provider;
    private final Policies policies;
    private final CallPipeline pipeline;
    private final PaymentWatcher watcher;
    private final NotificationDesk notifications;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private final Executor asyncExecutor;
    private final ExecutorService ownedAsyncExecutor;
    /** Times the waits of asynchronous calls; shut down once the last one ends after {@link #close()}. */
    private final ScheduledExecutorService asyncScheduler;
    private final AsyncDriver async;
    private final String instanceId;
    private final ScheduledExecutorService scheduler;
    private final List<ScheduledExecutorService> recoverers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private PaymentClient(Builder b) {
        this.provider = b.provider;
        this.policies = b.policies;
        Listeners listeners = new Listeners(b.listeners);
        Random random = b.random != null ? b.random : new Random();
        this.pipeline = new CallPipeline(b.provider, b.ledger, b.policies, b.breaker, listeners, b.timeSource, random,
                new CallPipeline.Ownership(b.instanceId, b.lease, b.recoveryBatch, b.recoveryConcurrency));
        this.instanceId = b.instanceId;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "resilient-pay-" + b.provider.name() + "-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        this.watcher = new PaymentWatcher(pipeline, b.provider, listeners);
        this.notifications = new NotificationDesk(b.provider, b.ledger, pipeline);
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownedExecutor = null;
        } else {
            // Bounded: polls of waiting orders run here, and a burst must not become a thread per order.
            java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(16, 16,
                    30, TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), watcherThreads(b.provider.name()));
            pool.allowCoreThreadTimeOut(true);
            this.ownedExecutor = pool;
            this.executor = ownedExecutor;
        }
        if (b.asyncExecutor != null) {
            this.asyncExecutor = b.asyncExecutor;
            this.ownedAsyncExecutor = null;
        } else {
            this.ownedAsyncExecutor = AsyncDriver.defaultExecutor("resilient-pay-" + b.provider.name() + "-async-");
            this.asyncExecutor = ownedAsyncExecutor;
        }
        this.asyncScheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "resilient-pay-" + b.provider.name() + "-async-waits");
            thread.setDaemon(true);
            return thread;
        });
        // A virtual (or any non-system) time source decides what waiting means: its sleep is used instead.
        this.async = new AsyncDriver(asyncExecutor, b.timeSource == TimeSource.system() ? asyncScheduler : null,
                b.timeSource);
    }

    /**
     * A new builder; {@link Builder#provider} is required.
     *
     * @return a builder with every default set
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Takes a payment with the default policy of its method ({@link Operation#PAY_BY_CODE} for a
     * payment code, {@link Operation#CREATE_ORDER} otherwise).
     *
     * @param request the payment to take
     * @return the definite outcome, or an explicit in-doubt or awaiting-payer state
     * @throws IllegalArgumentException if {@code request} is null or the provider's rules reject it
     */
    public PaymentOutcome pay(PaymentRequest request) {
        requireNonNull("request", request);
        return pay(request, policies.of(CallPipeline.operationOf(request)));
    }

    /**
     * Takes a payment with {@code policy} instead of the default. The ledger records {@code policy}
     * with the call, so that {@link #resolve}, {@link #recover} and another instance taking the call
     * over finish it with this policy rather than their own defaults.
     *
     * @param request the payment to take
     * @param policy the retry, timeout and polling policy for this call
     * @return the definite outcome, or an explicit in-doubt or awaiting-payer state
     * @throws IllegalArgumentException if an argument is null or the provider's rules reject the request
     */
    public PaymentOutcome pay(PaymentRequest request, OperationPolicy policy) {
        requireNonNull("request", request);
        requireNonNull("policy", policy);
        ensureOpen();
        return pipeline.pay(request, policy);
    }

    /**
     * Queries an order; transient failures are retried within the {@link Operation#QUERY} policy.
     *
     * @param orderId the merchant's order id
     * @return the order's trade status, or why it could not be learned
     */
    public QueryResult<TradeStatus> query(String orderId) {
        requireId("orderId", orderId);
        ensureOpen();
        return pipeline.query(orderId);
    }

    /**
     * Closes an unpaid order so it can no longer be paid.
     *
     * @param orderId the merchant's order id
     * @return the outcome of the close
     */
    public CloseOutcome close(String orderId) {
        requireId("orderId", orderId);
        ensureOpen();
        return pipeline.close(Operation.CLOSE, orderId);
    }

    /**
     * Cancels an order whatever its state: an unpaid one is closed, a paid one refunded in full.
     *
     * @param orderId the merchant's order id
     * @return the outcome of the cancel
     */
    public CloseOutcome cancel(String orderId) {
        requireId("orderId", orderId);
        ensureOpen();
        return pipeline.close(Operation.CANCEL, orderId);
    }

    /**
     * Refunds with the default {@link Operation#REFUND} policy; the refund id makes it happen at most once.
     *
     * @param request the refund to make
     * @return the definite outcome of the refund, or an explicit in-doubt state
     */
    public RefundOutcome refund(RefundRequest request) {
        return refund(request, policies.of(Operation.REFUND));
    }

    /**
     * Refunds with {@code policy} instead of the default. The ledger records {@code policy} with the
     * refund, so that {@link #recover} and another instance taking it over finish it with this policy.
     *
     * @param request the refund to make
     * @param policy the retry and timeout policy for this call
     * @return the definite outcome of the refund, or an explicit in-doubt state
     */
    public RefundOutcome refund(RefundRequest request, OperationPolicy policy) {
        requireNonNull("request", request);
        requireNonNull("policy", policy);
        ensureOpen();
        return pipeline.refund(request, policy);
    }

    /**
     * Queries a refund; transient failures are retried within the {@link Operation#REFUND_QUERY} policy.
     *
     * @param orderId the merchant's order id the refund belongs to
     * @param refundId the merchant's refund id
     * @return the refund's status, or why it could not be learned
     */
    public QueryResult<RefundStatus> queryRefund(String orderId, String refundId) {
        requireId("orderId", orderId);
        requireId("refundId", refundId);
        ensureOpen();
        return pipeline.queryRefund(orderId, refundId);
    }

    /**
     * Waits up to {@code timeout} for the order to be paid: returns at once if a notification or an
     * earlier call already proved it, else polls the provider with backoff (the
     * {@link Operation#CREATE_ORDER} policy's polling). At the timeout: the recorded
     * {@code AwaitingPayer} if the order still awaits its payer, or {@code InDoubt} if its state was
     * never learned.
     *
     * @param orderId the merchant's order id
     * @param timeout how long to wait at most (positive)
     * @return the payment's outcome when proven, else its state at the timeout
     */
    public PaymentOutcome awaitPayment(String orderId, Duration timeout) {
        requireId("orderId", orderId);
        requirePositive("timeout", timeout);
        ensureOpen();
        return watcher.await(orderId, timeout);
    }

    /**
     * {@link #awaitPayment} in the background, so that a lost notification never means a lost
     * payment. No thread is held while it waits: polls are scheduled, run on the client's executor,
     * and a verified notification completes the future at once. Ten thousand waiting orders cost ten
     * thousand scheduled tasks, not ten thousand threads.
     *
     * @param orderId the merchant's order id
     * @param timeout how long to wait at most (positive)
     * @return a future completed with what {@link #awaitPayment} would return
     */
    public CompletableFuture<PaymentOutcome> awaitPaymentAsync(String orderId, Duration timeout) {
        requireId("orderId", orderId);
        requirePositive("timeout", timeout);
        ensureOpen();
        return watcher.awaitAsync(orderId, timeout, executor, scheduler);
    }

    /**
     * Finishes an order the ledger holds as in flight or in doubt (queries first, then re-sends,
     * polls or cancels as the answer requires), or refreshes one awaiting its payer.
     *
     * <p>An unfinished payment is resolved with the policy it was paid with (see
     * {@link #pay(PaymentRequest, OperationPolicy)}): its attempt timeout, sends, backoff and polling.
     * A resolve is a new call starting now, so that policy's deadline is measured from now, not from
     * when the payment began. A payment recorded without a policy (by a version before the ledger kept
     * one) is resolved with this client's current policy of its method.
     *
     * @param orderId the merchant's order id
     * @return the order's outcome after resolution
     */
    public PaymentOutcome resolve(String orderId) {
        requireId("orderId", orderId);
        ensureOpen();
        return pipeline.resolve(orderId);
    }

    // ------------------------------------------------------------------ asynchronous calls

    /**
     * {@link #pay(PaymentRequest)} on the client's asynchronous executor (see
     * {@link Builder#asyncExecutor}): returns at once with a future of the same outcome, with the same
     * guarantees. The request is validated before this method returns, so invalid input throws here
     * and nothing is sent; the future never completes exceptionally for a provider or network fault.
     *
     * <p>Cancelling the future does not stop the payment: once started, a call runs to its definite
     * outcome (or in-doubt state), which the ledger records and a later {@code pay} of the same
     * request replays.
     *
     * @param request the payment to take
     * @return a future of the definite outcome, or an explicit in-doubt or awaiting-payer state
     * @throws IllegalArgumentException if {@code request} is null or the provider's rules reject it
     * @throws IllegalStateException if the client is closed
     */
    public CompletableFuture<PaymentOutcome> payAsync(PaymentRequest request) {
        requireNonNull("request", request);
        return payAsync(request, policies.of(CallPipeline.operationOf(request)));
    }

    /**
     * {@link #pay(PaymentRequest, OperationPolicy)} on the client's asynchronous executor, as
     * {@link #payAsync(PaymentRequest)}.
     *
     * @param request the payment to take
     * @param policy the retry, timeout and polling policy for this call
     * @return a future of the definite outcome, or an explicit in-doubt or awaiting-payer state
     * @throws IllegalArgumentException if an argument is null or the provider's rules reject the request
     * @throws IllegalStateException if the client is closed
     */
    public CompletableFuture<PaymentOutcome> payAsync(PaymentRequest request, OperationPolicy policy) {
        requireNonNull("request", request);
        requireNonNull("policy", policy);
        ensureOpen();
        return pipeline.payAsync(request, policy, async);
    }

    /**
     * {@link #refund(RefundRequest)} on the client's asynchronous executor, as {@link #payAsync}.
     *
     * @param request the refund to make
     * @return a future of the definite outcome of the refund, or an explicit in-doubt state
     * @throws IllegalArgumentException if {@code request} is null or the provider's rules reject it
     * @throws IllegalStateException if the client is closed
     */
    public CompletableFuture<RefundOutcome> refundAsync(RefundRequest request) {
        return refundAsync(request, policies.of(Operation.REFUND));
    }

    /**
     * {@link #refund(RefundRequest, OperationPolicy)} on the client's asynchronous executor, as
     * {@link #payAsync}.
     *
     * @param request the refund to make
     * @param policy the retry and timeout policy for this call
     * @return a future of the definite outcome of the refund, or an explicit in-doubt state
     * @throws IllegalArgumentException if an argument is null or the provider's rules reject the request
     * @throws IllegalStateException if the client is closed
     */
    public CompletableFuture<RefundOutcome> refundAsync(RefundRequest request, OperationPolicy policy) {
        requireNonNull("request", request);
        requireNonNull("policy", policy);
        ensureOpen();
        return pipeline.refundAsync(request, policy, async);
    }

    /**
     * {@link #query(String)} on the client's asynchronous executor.
     *
     * @param orderId the merchant's order id
     * @return a future of the order's trade status, or of why it could not be learned
     * @throws IllegalArgumentException if {@code orderId} is not a valid id
     * @throws IllegalStateException if the client is closed
     */
    public CompletableFuture<QueryResult<TradeStatus>> queryAsync(String orderId) {
        requireId("orderId", orderId);
        ensureOpen();
        return pipeline.queryAsync(orderId, async);
    }

    /**
     * {@link #resolve(String)} on the client's asynchronous executor.
     *
     * @param orderId the merchant's order id
     * @return a future of the order's outcome after resolution
     * @throws IllegalArgumentException if {@code orderId} is not a valid id
     * @throws IllegalStateException if the client is closed
     */
    public CompletableFuture<PaymentOutcome> resolveAsync(String orderId) {
        requireId("orderId", orderId);
        ensureOpen();
        return pipeline.resolveAsync(orderId, async);
    }

    /**
     * Resolves every unresolved ledger entry that no live instance holds — payments and refunds whose
     * process stopped (their lease expired), or left in doubt — and returns their outcomes. A payment
     * code is never sent again: recovery queries, then cancels. Each entry is resolved with the policy
     * its call was begun with, its deadline measured from now (as {@link #resolve}; a payment-code
     * payment whose deadline passed long ago gets two attempt timeouts before its cancel); entries
     * recorded without one use this client's current policies. Call it at start-up with a durable ledger, or
     * let {@link #startRecovery} call it on a schedule.
     *
     * @return the outcome of every entry resolved in this run
     */
    public List<Outcome> recover() {
        ensureOpen();
        return pipeline.recover();
    }

    /**
     * Starts a background recoverer: {@link #recover()} every {@code every} on a daemon thread, so that
     * in-doubt and orphaned calls are finished without a restart. With a shared ledger every instance
     * may run one: claims never hand an entry to two instances. Stopped by closing the returned handle
     * or the client.
     *
     * @param every the interval between runs (the first run starts after one interval)
     * @return a handle whose {@code close()} stops the recoverer
     * @throws IllegalArgumentException if {@code every} is not positive
     */
    public AutoCloseable startRecovery(Duration every) {
        requirePositive("every", every);
        ensureOpen();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "resilient-pay-" + provider.name() + "-recoverer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                pipeline.recover();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(PaymentClient.class).warn("background recovery failed; next run continues", e);
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        recoverers.add(scheduler);
        return () -> {
            scheduler.shutdownNow();
            recoverers.remove(scheduler);
        };
    }

    /**
     * This client's id in a shared ledger: entries it runs are owned by it until their lease ends.
     *
     * @return the instance id
     */
    public String instanceId() {
        return instanceId;
    }

    /**
     * Verifies notifications: the provider's authenticity checks, then the amount against the order,
     * duplicate detection by notification id, and recording what it proves (which wakes
     * {@link #awaitPayment}).
     *
     * @return this client's notification verifier
     */
    public NotificationVerifier notifications() {
        return notifications;
    }

    /** {@return the provider's name ({@code alipay}, {@code wechat})} */
    public String providerName() {
        return provider.name();
    }

    /**
     * Stops the background watchers the client started; calls after this throw
     * {@link IllegalStateException}. Asynchronous calls already started run on to their outcome.
     */
    @Override
    public void close() {
        closed = true;
        recoverers.forEach(ScheduledExecutorService::shutdownNow);
        scheduler.shutdownNow();
        recoverers.clear();
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
        // Asynchronous calls already started run on to their outcome, none is interrupted; the threads
        // they need stop once the last one has ended.
        async.shutDownWhenIdle(() -> {
            asyncScheduler.shutdown();
            if (ownedAsyncExecutor != null) {
                ownedAsyncExecutor.shutdown();
            }
        });
    }

    @Override
    public String toString() {
        return "PaymentClient[provider=" + provider.name() + (closed ? ", closed" : "") + "]";
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("PaymentClient is closed");
        }
    }

    private static void requireNonNull(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
    }

    private static void requireId(String field, String value) {
        PaymentRequest.requireId(field, value);
    }

    private static void requirePositive(String field, Duration value) {
        requireNonNull(field, value);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
    }

    private static ThreadFactory watcherThreads(String provider) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "resilient-pay-" + provider + "-watcher-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Builds a {@link PaymentClient}; every setter rejects null, {@link #build()} checks the rest. */
    public static final class Builder {
        private PaymentProvider provider;
        private PaymentLedger ledger;
        private Policies policies = Policies.defaults();
        private BreakerPolicy breaker = BreakerPolicy.defaults();
        private final List<PaymentListener> listeners = new ArrayList<>();
        private TimeSource timeSource = TimeSource.system();
        private Random random;
        private Executor executor;
        private Executor asyncExecutor;
        private String instanceId = defaultInstanceId();
        private Duration lease = Duration.ofSeconds(60);
        private int recoveryBatch = 50;
        private int recoveryConcurrency = 8;

        private Builder() {}

        private static String defaultInstanceId() {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | RuntimeException e) {
                host = "host";
            }
            if (host.length() > 40) {
                host = host.substring(0, 40);
            }
            return host + "/" + ProcessHandle.current().pid() + "/"
                    + Long.toString(new java.security.SecureRandom().nextLong() & Long.MAX_VALUE, 36);
        }

        /**
         * This instance's id in a shared ledger; default host name, process id and a random part, so
         * that a restarted process never mistakes its predecessor's entries for its own.
         *
         * @param instanceId 1 to 100 characters
         * @return this builder
         */
        public Builder instanceId(String instanceId) {
            if (instanceId == null || instanceId.isBlank() || instanceId.length() > 100) {
                throw new IllegalArgumentException("instanceId must be 1 to 100 characters and not blank");
            }
            this.instanceId = instanceId;
            return this;
        }

        /**
         * How long a ledger entry stays this instance's without a heartbeat; default 60 s. A running
         * call renews it every quarter of it. After a crash, other instances take the call over once
         * it has run out, so shorter means faster recovery and more ledger writes.
         *
         * @param lease at least 1 s
         * @return this builder
         */
        public Builder lease(Duration lease) {
            requireNonNull("lease", lease);
            if (lease.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new IllegalArgumentException("lease must be at least 1s, was " + lease);
            }
            this.lease = lease;
            return this;
        }

        /**
         * How many unresolved entries {@link PaymentClient#recover()} claims at a time and resolves at
         * once; defaults 50 and 8.
         *
         * @param batch       entries claimed per round, 1 to 1000
         * @param concurrency entries resolved at once, 1 to 64
         * @return this builder
         */
        public Builder recovery(int batch, int concurrency) {
            if (batch < 1 || batch > 1000) {
                throw new IllegalArgumentException("recovery batch must be 1 to 1000, was " + batch);
            }
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("recovery concurrency must be 1 to 64, was " + concurrency);
            }
            this.recoveryBatch = batch;
            this.recoveryConcurrency = concurrency;
            return this;
        }

        /**
         * The provider adapter (required).
         *
         * @param provider the adapter that talks to the payment provider
         * @return this builder
         */
        public Builder provider(PaymentProvider provider) {
            requireNonNull("provider", provider);
            this.provider = provider;
            return this;
        }

        /**
         * The idempotency ledger; default {@link PaymentLedger#inMemory()}.
         *
         * @param ledger the ledger that records every call
         * @return this builder
         */
        public Builder ledger(PaymentLedger ledger) {
            requireNonNull("ledger", ledger);
            this.ledger = ledger;
            return this;
        }

        /**
         * Per-operation policies; default {@link Policies#defaults()}.
         *
         * @param policies the policy of each operation
         * @return this builder
         */
        public Builder policies(Policies policies) {
            requireNonNull("policies", policies);
            this.policies = policies;
            return this;
        }

        /**
         * The circuit breaker; default {@link BreakerPolicy#defaults()}.
         *
         * @param breaker the circuit breaker's thresholds
         * @return this builder
         */
        public Builder breaker(BreakerPolicy breaker) {
            requireNonNull("breaker", breaker);
            this.breaker = breaker;
            return this;
        }

        /**
         * Adds a listener; may be called several times.
         *
         * @param listener the listener to add
         * @return this builder
         */
        public Builder listener(PaymentListener listener) {
            requireNonNull("listener", listener);
            listeners.add(listener);
            return this;
        }

        /**
         * The clock and sleeper; default {@link TimeSource#system()}. Tests inject a virtual one.
         *
         * @param timeSource the clock and sleeper to use
         * @return this builder
         */
        public Builder timeSource(TimeSource timeSource) {
            requireNonNull("timeSource", timeSource);
            this.timeSource = timeSource;
            return this;
        }

        /**
         * The randomness of backoff jitter; default a fresh {@link Random}.
         *
         * @param random the source of jitter
         * @return this builder
         */
        public Builder random(Random random) {
            requireNonNull("random", random);
            this.random = random;
            return this;
        }

        /**
         * Jitter from a {@link Random} with {@code seed}, so that waits repeat from run to run.
         *
         * @param seed the seed of the jitter's {@link Random}
         * @return this builder
         */
        public Builder seed(long seed) {
            this.random = new Random(seed);
            return this;
        }

        /**
         * Runs the polls of {@link #awaitPaymentAsync} (and {@link #recover()}'s work is separate);
         * default a pool of at most 16 daemon threads that {@link #close()} stops. Waiting between polls
         * holds no thread. A given executor is not shut down by the client.
         *
         * @param executor where polls run
         * @return this builder
         */
        public Builder executor(Executor executor) {
            requireNonNull("executor", executor);
            this.executor = executor;
            return this;
        }

        /**
         * Where {@link PaymentClient#payAsync}, {@link PaymentClient#refundAsync},
         * {@link PaymentClient#queryAsync} and {@link PaymentClient#resolveAsync} run their steps. A
         * step is one stretch of work between waits (an HTTP exchange and the ledger writes around it);
         * the waits between steps (poll intervals, retry backoff, another call of the same order) hold
         * no thread: the client's scheduler times them and hands the next step back to this executor.
         * So the executor needs room for the steps in progress, not for every waiting call; it should
         * not queue steps behind long-running work, as a call's deadline runs meanwhile. A later step
         * it refuses ({@link java.util.concurrent.RejectedExecutionException}) runs on the scheduler's
         * thread instead, so that no call is stranded, but delays the other calls' waits meanwhile:
         * size the executor so that it does not refuse.
         *
         * <p>Default: on Java 21 and later a virtual thread per step; on Java 17 a cached pool of daemon
         * threads, idle ones ending after 30 s. Virtual threads suit any executor here too
         * ({@code Executors.newVirtualThreadPerTaskExecutor()}). {@link #close()} lets calls already
         * started run to their outcome, then stops the threads the client owns. A given executor is not
         * shut down by the client.
         *
         * <p>With a {@link #timeSource time source} other than {@link TimeSource#system()}, such as a
         * test's virtual time, the waits go through that time source's {@code sleep} on the step's
         * thread instead, so a virtual schedule stays instant.
         *
         * @param executor where asynchronous calls run
         * @return this builder
         */
        public Builder asyncExecutor(Executor executor) {
            requireNonNull("asyncExecutor", executor);
            this.asyncExecutor = executor;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return a new client
         * @throws IllegalArgumentException if {@code provider} is missing or its name is blank
         */
        public PaymentClient build() {
            if (provider == null) {
                throw new IllegalArgumentException("provider is required: call provider(...) with an adapter");
            }
            String name = provider.name();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("provider.name() must not be blank");
            }
            if (ledger == null) {
                ledger = PaymentLedger.inMemory();
            }
            return new PaymentClient(this);
        }
    }
}
