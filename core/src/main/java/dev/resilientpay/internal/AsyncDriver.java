package dev.resilientpay.internal;

import dev.resilientpay.TimeSource;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Runs calls asynchronously without holding a thread while they wait. A call's steps (its HTTP
 * exchanges, its ledger writes) run as tasks on the executor; a wait between them (a poll interval, a
 * retry backoff) is a task on the scheduler that hands the next step back to the executor; a wait for
 * another call of the same order continues when that call completes. Every step runs with the MDC
 * its caller had when it made the call (plus the call's own keys), and the thread gets its own MDC
 * back after the step; the listeners' per-thread state leaves the thread at each wait and comes back
 * where the call goes on ({@link CallScope#suspend}, {@link CallScope#resume}).
 *
 * <p>With a time source other than the system's (a test's virtual time), only the time source knows
 * what waiting means: a wait then goes through {@link TimeSource#sleep} on the step's thread (a
 * virtual sleep is instant, so nothing is held). If the scheduler or the executor refuses a task (the
 * client is closing), the call waits or goes on on the thread at hand rather than stop: a call that
 * has started always reaches its outcome.
 */
public final class AsyncDriver {

    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final TimeSource time;
    /** Calls started and not yet ended. */
    private int inFlight;
    /** What {@link #shutDownWhenIdle} asked to run once no call is in flight, or {@code null}. */
    private Runnable onIdle;

    /**
     * @param executor  where steps run
     * @param scheduler where waits are timed; {@code null} to wait through {@code time}'s sleep instead
     * @param time      the client's time source
     */
    public AsyncDriver(Executor executor, ScheduledExecutorService scheduler, TimeSource time) {
        this.executor = executor;
        this.scheduler = scheduler;
        this.time = time;
    }

    /**
     * Starts a call on the executor.
     *
     * @param <T>   the call's result
     * @param open  opens the call's scope, on the thread of its first step
     * @param first the call's first step
     * @return a future of its result; failed only if the executor refused the first task (nothing
     *     started) or a step threw (a bug: calls answer faults with outcomes)
     */
    <T> CompletableFuture<T> start(Supplier<CallScope> open, Supplier<Flow<T>> first) {
        CompletableFuture<T> result = new CompletableFuture<>();
        synchronized (this) {
            inFlight++;
        }
        // Counted until the call itself ends, not its future: a caller may cancel the future, the call
        // goes on (and close() must wait for it).
        Map<String, String> callersMdc = MDC.getCopyOfContextMap();
        try {
            executor.execute(() -> within(callersMdc, () -> {
                CallScope scope;
                try {
                    scope = open.get();
                } catch (RuntimeException | Error e) {
                    ended();
                    result.completeExceptionally(e);
                    throw e;
                }
                new Running<>(scope, result, callersMdc).run(first);
            }));
        } catch (RejectedExecutionException e) {
            ended();
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Runs {@code shutdown} (which stops the executor and scheduler the client owns) once every call in
     * flight has ended — at once if none is — so that closing a client never strands a waiting call.
     *
     * @param shutdown what to run when idle
     */
    public void shutDownWhenIdle(Runnable shutdown) {
        boolean now;
        synchronized (this) {
            now = inFlight == 0;
            onIdle = now ? null : shutdown;
        }
        if (now) {
            shutdown.run();
        }
    }

    private void ended() {
        Runnable idle = null;
        synchronized (this) {
            inFlight--;
            if (inFlight == 0 && onIdle != null) {
                idle = onIdle;
                onIdle = null;
            }
        }
        if (idle != null) {
            idle.run();
        }
    }

    /**
     * Runs {@code step} with the caller's MDC (as it was when the call was made) on this thread, and
     * gives the thread its own back afterwards: every step of a call logs with its caller's context,
     * whichever thread it runs on.
     */
    private static void within(Map<String, String> callersMdc, Runnable step) {
        Map<String, String> threads = MDC.getCopyOfContextMap();
        install(callersMdc);
        try {
            step.run();
        } finally {
            install(threads);
        }
    }

    private static void install(Map<String, String> mdc) {
        if (mdc == null || mdc.isEmpty()) {
            MDC.clear();
        } else {
            MDC.setContextMap(mdc);
        }
    }

    /** One call in progress: runs its steps until a wait, then arranges for the rest. */
    private final class Running<T> {

        private final CallScope scope;
        private final CompletableFuture<T> result;
        private final Map<String, String> callersMdc;

        Running(CallScope scope, CompletableFuture<T> result, Map<String, String> callersMdc) {
            this.scope = scope;
            this.result = result;
            this.callersMdc = callersMdc;
        }

        void run(Supplier<Flow<T>> step) {
            Flow<T> flow;
            try {
                flow = step.get();
                while (flow instanceof Flow.Wait<T> wait && scheduler == null) {
                    flow = wait.sleepThrough(time);
                }
            } catch (RuntimeException | Error e) {
                scope.close();
                ended();
                result.completeExceptionally(e);
                if (e instanceof Error error) {
                    throw error;
                }
                return;
            }
            if (flow instanceof Flow.Done<T> done) {
                scope.close();
                ended();
                result.complete(done.value());
                return;
            }
            scope.suspend();
            if (flow instanceof Flow.Wait<T> wait) {
                try {
                    scheduler.schedule(() -> resume(wait.then()), Math.max(0, wait.delay().toNanos()),
                            TimeUnit.NANOSECONDS);
                } catch (RejectedExecutionException e) {
                    scope.resume();
                    run(() -> wait.sleepThrough(time)); // the scheduler is shut down: wait here rather than lose the call
                }
            } else {
                Flow.Join<T> join = (Flow.Join<T>) flow;
                join.future().whenComplete((value, failure) -> resume(join.then()));
            }
        }

        private void resume(Supplier<Flow<T>> next) {
            Runnable task = () -> within(callersMdc, () -> {
                scope.resume();
                run(next);
            });
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                task.run(); // the executor is shut down: go on here rather than lose the call
            }
        }
    }

    /**
     * The default executor of asynchronous calls' steps: a virtual thread per step where the JDK has them
     * (21 and later), else a cached pool of daemon threads named {@code prefix + n}.
     *
     * @param prefix the threads' name prefix
     * @return an executor the client owns and shuts down
     */
    public static ExecutorService defaultExecutor(String prefix) {
        ExecutorService virtual = virtualThreadPerTask(prefix);
        if (virtual != null) {
            return virtual;
        }
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = task -> {
            Thread thread = new Thread(task, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // A thread per step in progress: a step must never wait in a queue while its call's deadline runs.
        // Waiting calls hold none.
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), daemons);
    }

    /** {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 1).factory())}, or null before Java 21. */
    static ExecutorService virtualThreadPerTask(String prefix) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 1L);
            ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
            Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
            return (ExecutorService) perTask.invoke(null, factory);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // Java 17 to 20
        }
    }
}
