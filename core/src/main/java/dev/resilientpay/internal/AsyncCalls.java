package dev.resilientpay.internal;

import java.lang.reflect.Method;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a client's calls on an executor: the asynchronous half of {@code PaymentClient}. A call runs
 * from start to end on one task; the future is completed with its outcome.
 */
public final class AsyncCalls {

    private AsyncCalls() {}

    /**
     * Runs {@code call} on {@code executor}.
     *
     * @param <T> the outcome's type
     * @param executor where it runs
     * @param call the blocking call
     * @return a future of its outcome; failed only if the executor refused the task (nothing was
     *     started) or the call threw (a bug: calls answer faults with outcomes)
     */
    public static <T> CompletableFuture<T> submit(Executor executor, Supplier<T> call) {
        CompletableFuture<T> future = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    future.complete(call.get());
                } catch (RuntimeException e) {
                    future.completeExceptionally(e);
                } catch (Error e) {
                    future.completeExceptionally(e);
                    throw e;
                }
            });
        } catch (RejectedExecutionException e) {
            future.completeExceptionally(e);
        }
        return future;
    }

    /**
     * The default executor of asynchronous calls: a virtual thread per call where the JDK has them
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
        // A thread per call in progress: a call must never wait in a queue while its deadline runs.
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
