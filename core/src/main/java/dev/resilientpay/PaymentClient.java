package dev.resilientpay;

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
 * cancel policy's deadline). Provider and network faults never escape as exceptions; an
 * {@link IllegalArgumentException} naming the field is thrown only for invalid input, before
 * anything is sent.
 */
public final class PaymentClient implements AutoCloseable {

    private final PaymentProvider provider;
    private final Policies policies;
    private final CallPipeline pipeline;
    private final PaymentWatcher watcher;
    private final NotificationDesk notifications;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    private volatile boolean closed;

    private PaymentClient(Builder b) {
        this.provider = b.provider;
        this.policies = b.policies;
        Listeners listeners = new Listeners(b.listeners);
        Random random = b.random != null ? b.random : new Random();
        this.pipeline = new CallPipeline(b.provider, b.ledger, b.policies, b.breaker, listeners, b.timeSource, random);
        this.watcher = new PaymentWatcher(pipeline, b.provider, listeners);
        this.notifications = new NotificationDesk(b.provider, b.ledger, pipeline, NotificationDesk.REMEMBERED_IDS);
        if (b.executor != null) {
            this.executor = b.executor;
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = Executors.newCachedThreadPool(watcherThreads(b.provider.name()));
            this.executor = ownedExecutor;
        }
    }

    /** {@return a new builder; {@link Builder#provider} is required} */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Takes a payment with the default policy of its method ({@link Operation#PAY_BY_CODE} for a
     * payment code, {@link Operation#CREATE_ORDER} otherwise).
     *
     * @param request the payment; its order id is the idempotency key
     * @return the outcome: paid, awaiting the payer, failed, or in doubt
     * @throws IllegalArgumentException if {@code request} is null or the provider's rules reject it
     */
    public PaymentOutcome pay(PaymentRequest request) {
        requireNonNull("request", request);
        return pay(request, policies.of(CallPipeline.operationOf(request)));
    }

    /**
     * Takes a payment with {@code policy} instead of the default.
     *
     * @param request the payment; its order id is the idempotency key
     * @param policy the policy for this call instead of the client's
     * @return the outcome: paid, awaiting the payer, failed, or in doubt
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
     * @param orderId the merchant order id
     * @return the order's status, or why it could not be learned
     */
    public QueryResult<TradeStatus> query(String orderId) {
        requireId("orderId", orderId);
        ensureOpen();
        return pipeline.query(orderId);
    }

    /**
     * Closes an unpaid order so it can no longer be paid.
     *
     * @param orderId the merchant order id
     * @return the outcome: closed, refunded, failed, or in doubt
     */
    public CloseOutcome close(String orderId) {
        requireId("orderId", orderId);
        ensureOpen();
        return pipeline.close(Operation.CLOSE, orderId);
    }

    /**
     * Cancels an order whatever its state: an unpaid one is closed, a paid one refunded in full.
     *
     * @param orderId the merchant order id
     * @return the outcome: closed, refunded, failed, or in doubt
     */
    public CloseOutcome cancel(String orderId) {
        requireId("orderId", orderId);
        ensureOpen();
        return pipeline.close(Operation.CANCEL, orderId);
    }

    /**
     * Refunds with the default {@link Operation#REFUND} policy; the refund id makes it happen at most once.
     *
     * @param request the refund; its refund id is the idempotency key
     * @return the refund's outcome
     */
    public RefundOutcome refund(RefundRequest request) {
        return refund(request, policies.of(Operation.REFUND));
    }

    /**
     * Refunds with {@code policy} instead of the default.
     *
     * @param request the refund; its refund id is the idempotency key
     * @param policy the policy for this call instead of the client's
     * @return the refund's outcome
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
     * @param orderId the merchant order id
     * @param refundId the merchant refund id
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
     * @param orderId the merchant order id
     * @param timeout how long to wait at most
     * @return the outcome: paid, awaiting the payer, failed, or in doubt
     */
    public PaymentOutcome awaitPayment(String orderId, Duration timeout) {
        requireId("orderId", orderId);
        requirePositive("timeout", timeout);
        ensureOpen();
        return watcher.await(orderId, timeout);
    }

    /**
     * {@link #awaitPayment} on the client's executor: a background watcher, so that a lost
     * notification never means a lost payment.
     *
     * @param orderId the merchant order id
     * @param timeout how long to wait at most
     * @return the outcome, completed when known
     */
    public CompletableFuture<PaymentOutcome> awaitPaymentAsync(String orderId, Duration timeout) {
        requireId("orderId", orderId);
        requirePositive("timeout", timeout);
        ensureOpen();
        return CompletableFuture.supplyAsync(() -> watcher.await(orderId, timeout), executor);
    }

    /**
     * Finishes an order the ledger holds as in flight or in doubt (queries first, then re-sends,
     * polls or cancels as the answer requires), or refreshes one awaiting its payer.
     *
     * @param orderId the merchant order id
     * @return the outcome: paid, awaiting the payer, failed, or in doubt
     */
    public PaymentOutcome resolve(String orderId) {
        requireId("orderId", orderId);
        ensureOpen();
        return pipeline.resolve(orderId);
    }

    /**
     * Resolves every unresolved ledger entry — payments and refunds in flight when a process stopped,
     * or left in doubt — and returns their outcomes. Call it at start-up with a durable ledger.
     *
     * @return the outcome of every entry resolved
     */
    public List<Outcome> recover() {
        ensureOpen();
        return pipeline.recover();
    }

    /**
     * Verifies notifications: the provider's authenticity checks, then the amount against the order,
     * duplicate detection by notification id, and recording what it proves (which wakes
     * {@link #awaitPayment}).
     *
     * @return the verifier for this client's notifications
     */
    public NotificationVerifier notifications() {
        return notifications;
    }

    /** {@return the provider's name ({@code alipay}, {@code wechat})} */
    public String providerName() {
        return provider.name();
    }

    /** Stops the background watchers the client started; calls after this throw {@link IllegalStateException}. */
    @Override
    public void close() {
        closed = true;
        if (ownedExecutor != null) {
            ownedExecutor.shutdownNow();
        }
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

        private Builder() {}

        /**
         * The provider adapter (required).
         *
         * @param provider the provider adapter (required)
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
         * @param ledger the idempotency ledger; default {@link PaymentLedger#inMemory()}
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
         * @param policies per-operation policies; default {@link Policies#defaults()}
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
         * @param breaker the circuit breaker; default {@link BreakerPolicy#defaults()}
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
         * @param listener a listener
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
         * @param timeSource the clock and sleeper; default {@link TimeSource#system()}. Tests inject a virtual one
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
         * @param random the randomness of backoff jitter; default a fresh {@link Random}
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
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.random = new Random(seed);
            return this;
        }

        /**
         * Runs {@link #awaitPaymentAsync} watchers; default a cached pool of daemon threads that
         * {@link #close()} stops. A given executor is not shut down by the client.
         *
         * @param executor runs {@link #awaitPaymentAsync} watchers; default a cached pool of daemon threads that {@link #close()} stops
         * @return this builder
         */
        public Builder executor(Executor executor) {
            requireNonNull("executor", executor);
            this.executor = executor;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the client; close it to stop its background watchers
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
