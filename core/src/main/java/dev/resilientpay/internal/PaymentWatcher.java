package dev.resilientpay.internal;

import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Operation;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.TimeSource;
import dev.resilientpay.TradeStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for an order's payment: a notification wakes it, and it polls the provider with backoff in
 * case the notification never comes — a lost notification never means a lost payment.
 */
@SuppressWarnings("try") // CallScope is held for its MDC side effect, not referenced
public final class PaymentWatcher {

    private static final Logger log = LoggerFactory.getLogger(PaymentWatcher.class);

    private final CallPipeline pipeline;
    private final dev.resilientpay.spi.PaymentProvider provider;
    private final Listeners listeners;

    /** A watcher over the pipeline's provider, ledger and clock. */
    public PaymentWatcher(CallPipeline pipeline, dev.resilientpay.spi.PaymentProvider provider, Listeners listeners) {
        this.pipeline = pipeline;
        this.provider = provider;
        this.listeners = listeners;
    }

    /**
     * The order's outcome once it is paid or closed, or at {@code timeout} the recorded
     * {@code AwaitingPayer} (still awaiting) or {@code InDoubt} if its state was never learned.
     */
    public PaymentOutcome await(String orderId, Duration timeout) {
        StatusRecorder recorder = pipeline.recorder();
        Optional<PaymentOutcome> recorded = recorder.recorded(orderId);
        if (recorded.filter(PaymentWatcher::isFinal).isPresent()) {
            return recorded.get();
        }
        OperationPolicy polling = pipeline.policies().of(Operation.CREATE_ORDER).toBuilder().deadline(timeout).build();
        try (CallScope scope = CallScope.call(listeners, pipeline.runner().time(), provider.name(), Operation.QUERY,
                orderId)) {
            Call call = pipeline.newCall(Operation.QUERY, orderId, null, polling);
            CompletableFuture<PaymentOutcome.Paid> woken = recorder.waiter(orderId);
            try {
                boolean learned = false;
                while (true) {
                    Optional<PaymentOutcome> known = knownFinal(recorder, orderId, woken);
                    if (known.isPresent()) {
                        return finish(call, known.get());
                    }
                    if (call.remaining(pipeline.runner().time().now()).isZero()) {
                        break;
                    }
                    TradeStatus status = queryOnce(call);
                    if (status != null) {
                        learned = true;
                        Optional<PaymentOutcome> definite = recorder.learn(status, "query");
                        if (definite.isPresent()) {
                            return finish(call, definite.get());
                        }
                    }
                    if (!sleep(call, call.polls.next(), woken)) {
                        break;
                    }
                }
                Optional<PaymentOutcome> known = knownFinal(recorder, orderId, woken);
                if (known.isPresent()) {
                    return finish(call, known.get());
                }
                PaymentOutcome outcome = recorder.recorded(orderId)
                        .filter(PaymentOutcome.AwaitingPayer.class::isInstance)
                        .orElseGet(() -> new PaymentOutcome.InDoubt(orderId, call.lastFailure != null
                                ? call.lastFailure : Failure.of(FailureReason.TIMEOUT, "payment state not learned within " + timeout)));
                log.info("awaiting {}: {} after {}{}", orderId, CallPipeline.describe(outcome), timeout,
                        learned ? "" : " (state never learned)");
                return finish(call, outcome);
            } finally {
                recorder.forget(orderId, woken);
            }
        }
    }

    /**
     * {@link #await} without holding a thread while it waits: each poll is scheduled on
     * {@code scheduler} and runs on {@code executor}; a notification completes the future at once.
     * With a virtual {@link TimeSource} (tests), waits advance the virtual clock and polls run inline.
     */
    public CompletableFuture<PaymentOutcome> awaitAsync(String orderId, Duration timeout, Executor executor,
                                                        ScheduledExecutorService scheduler) {
        StatusRecorder recorder = pipeline.recorder();
        Optional<PaymentOutcome> recorded = recorder.recorded(orderId);
        if (recorded.filter(PaymentWatcher::isFinal).isPresent()) {
            return CompletableFuture.completedFuture(recorded.get());
        }
        OperationPolicy polling = pipeline.policies().of(Operation.CREATE_ORDER).toBuilder().deadline(timeout).build();
        Call call = pipeline.newCall(Operation.QUERY, orderId, null, polling);
        CompletableFuture<PaymentOutcome.Paid> woken = recorder.waiter(orderId);
        CompletableFuture<PaymentOutcome> result = new CompletableFuture<>();
        woken.thenAccept(result::complete);
        CompletableFuture<PaymentOutcome> finished = result.thenApply(outcome -> {
            recorder.forget(orderId, woken);
            return finish(call, outcome);
        });
        new AsyncPoll(orderId, timeout, call, result, woken, executor, scheduler).next(Duration.ZERO, false);
        return finished;
    }

    /** One waiting order's polls: a chain of scheduled ticks, never a blocked thread. */
    private final class AsyncPoll {
        private final String orderId;
        private final Duration timeout;
        private final Call call;
        private final CompletableFuture<PaymentOutcome> result;
        private final CompletableFuture<PaymentOutcome.Paid> woken;
        private final Executor executor;
        private final ScheduledExecutorService scheduler;

        AsyncPoll(String orderId, Duration timeout, Call call, CompletableFuture<PaymentOutcome> result,
                  CompletableFuture<PaymentOutcome.Paid> woken, Executor executor, ScheduledExecutorService scheduler) {
            this.orderId = orderId;
            this.timeout = timeout;
            this.call = call;
            this.result = result;
            this.woken = woken;
            this.executor = executor;
            this.scheduler = scheduler;
        }

        /** Runs the next tick after {@code wait}; {@code last}: the tick after it would be past the timeout. */
        void next(Duration wait, boolean last) {
            Runnable tick = last ? this::end : this::tick;
            TimeSource time = pipeline.runner().time();
            if (time != TimeSource.system()) {
                try {
                    time.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    end();
                    return;
                }
                tick.run();
                return;
            }
            try {
                scheduler.schedule(() -> run(tick), Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                end(); // the client is closing
            }
        }

        private void run(Runnable tick) {
            try {
                executor.execute(tick);
            } catch (RejectedExecutionException e) {
                end();
            }
        }

        private void tick() {
            try (CallScope scope = CallScope.open(provider.name(), orderId)) {
                StatusRecorder recorder = pipeline.recorder();
                Optional<PaymentOutcome> known = knownFinal(recorder, orderId, woken);
                if (result.isDone() || known.map(result::complete).orElse(false)) {
                    return;
                }
                TimeSource time = pipeline.runner().time();
                if (call.remaining(time.now()).isZero()) {
                    end();
                    return;
                }
                TradeStatus status = queryOnce(call);
                if (status != null) {
                    Optional<PaymentOutcome> definite = recorder.learn(status, "query");
                    if (definite.isPresent()) {
                        result.complete(definite.get());
                        return;
                    }
                }
                Duration wait = call.polls.next();
                Duration remaining = call.remaining(time.now());
                boolean last = wait.compareTo(remaining) >= 0;
                next(last ? remaining : wait, last);
            } catch (RuntimeException e) {
                log.warn("awaiting {}: poll failed; giving the recorded state", orderId, e);
                end();
            }
        }

        private void end() {
            if (result.isDone()) {
                return;
            }
            StatusRecorder recorder = pipeline.recorder();
            Optional<PaymentOutcome> known = knownFinal(recorder, orderId, woken);
            result.complete(known.orElseGet(() -> recorder.recorded(orderId)
                    .filter(PaymentOutcome.AwaitingPayer.class::isInstance)
                    .orElseGet(() -> new PaymentOutcome.InDoubt(orderId, call.lastFailure != null ? call.lastFailure
                            : Failure.of(FailureReason.TIMEOUT, "payment state not learned within " + timeout)))));
        }
    }

    private static boolean isFinal(PaymentOutcome outcome) {
        return outcome instanceof PaymentOutcome.Paid
                || (outcome instanceof PaymentOutcome.Failed failed && !failed.failure().retryable());
    }

    private static Optional<PaymentOutcome> knownFinal(StatusRecorder recorder, String orderId,
                                                       CompletableFuture<PaymentOutcome.Paid> woken) {
        if (woken.isDone()) {
            return Optional.of(woken.join());
        }
        return recorder.recorded(orderId).filter(PaymentWatcher::isFinal);
    }

    private TradeStatus queryOnce(Call call) {
        return pipeline.queryOnce(call);
    }

    /**
     * Sleeps until the next poll, at most until the deadline. With the system clock a notification
     * ends the sleep early; a virtual clock only advances time.
     *
     * @return {@code false} when the deadline is reached or the thread interrupted
     */
    private boolean sleep(Call call, Duration wait, CompletableFuture<PaymentOutcome.Paid> woken) {
        TimeSource time = pipeline.runner().time();
        Duration remaining = call.remaining(time.now());
        boolean last = wait.compareTo(remaining) >= 0;
        Duration nap = last ? remaining : wait;
        try {
            if (time == TimeSource.system()) {
                woken.get(Math.max(1, nap.toMillis()), TimeUnit.MILLISECONDS);
            } else {
                time.sleep(nap);
            }
        } catch (TimeoutException | ExecutionException e) {
            // slept the whole nap
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.interrupted = true;
            return false;
        }
        return !last;
    }

    private PaymentOutcome finish(Call call, PaymentOutcome outcome) {
        listeners.outcome(new PaymentListener.CallFinished(provider.name(), Operation.QUERY, call.orderId, outcome,
                Duration.between(call.startedAt, pipeline.runner().time().now())));
        return outcome;
    }
}
