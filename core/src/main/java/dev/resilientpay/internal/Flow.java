package dev.resilientpay.internal;

import dev.resilientpay.TimeSource;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a call does next: finish with a value, wait a while, or wait for another call. The pipeline's
 * steps return a flow instead of sleeping, so one code path serves both ways of running a call:
 * {@link #await} runs it on the calling thread and sleeps through its waits ({@code pay});
 * {@link AsyncDriver} runs its steps on an executor and schedules its waits, so a waiting call holds
 * no thread ({@code payAsync}).
 *
 * <p>A trampoline: a continuation runs from the driver's loop, never from inside the step that asked
 * for the wait, so a call that polls a hundred times does not deepen the stack.
 *
 * @param <T> the call's result
 */
sealed interface Flow<T> {

    /** The call is over with {@code value}. */
    record Done<T>(T value) implements Flow<T> {}

    /**
     * Wait {@code delay}, then go on with {@code then}; if the waiting thread is interrupted (only a
     * blocking driver's can be), go on with {@code interrupted} instead.
     */
    record Wait<T>(Duration delay, Supplier<Flow<T>> then, Supplier<Flow<T>> interrupted) implements Flow<T> {

        /**
         * Sleeps through this wait on the calling thread.
         *
         * @param time how to wait
         * @return what follows: {@code then}'s flow, or {@code interrupted}'s if the thread was
         *     interrupted (its interrupt status is set again)
         */
        Flow<T> sleepThrough(TimeSource time) {
            try {
                time.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return interrupted.get();
            }
            return then.get();
        }
    }

    /**
     * Wait until {@code future} completes (normally or not), then go on with {@code then}, which reads
     * the future itself.
     */
    record Join<T>(CompletableFuture<?> future, Supplier<Flow<T>> then) implements Flow<T> {}

    static <T> Flow<T> done(T value) {
        return new Done<>(value);
    }

    /** {@code flow} as a flow of a supertype of its value: flows only produce values, so this is safe. */
    @SuppressWarnings("unchecked")
    static <T> Flow<T> widen(Flow<? extends T> flow) {
        return (Flow<T>) flow;
    }

    /** The value of a completed future, or its failure rethrown as it was (unwrapped). */
    static <X> X valueOf(CompletableFuture<X> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /**
     * This flow, then {@code next} with its value.
     *
     * @param <U> the combined flow's result
     * @param next what to do with this flow's value
     * @return the combined flow
     */
    default <U> Flow<U> then(Function<? super T, Flow<U>> next) {
        if (this instanceof Done<T> done) {
            return next.apply(done.value());
        }
        if (this instanceof Wait<T> w) {
            return new Wait<>(w.delay(), () -> w.then().get().then(next), () -> w.interrupted().get().then(next));
        }
        Join<T> join = (Join<T>) this;
        return new Join<>(join.future(), () -> join.then().get().then(next));
    }

    /**
     * Runs {@code step} and every continuation of the flow it returns, and calls {@code last} once when
     * the flow ends: with its value, or with the exception a step threw (which then propagates).
     *
     * @param <T> the flow's result
     * @param step the first step
     * @param last what to do when it ends, however it ends
     * @return the flow, guarded
     */
    static <T> Flow<T> ensure(Supplier<Flow<T>> step, Last<T> last) {
        Flow<T> flow;
        try {
            flow = step.get();
        } catch (RuntimeException | Error e) {
            last.ended(null, e);
            throw e;
        }
        if (flow instanceof Done<T> done) {
            last.ended(done.value(), null);
            return done;
        }
        if (flow instanceof Wait<T> w) {
            return new Wait<>(w.delay(), () -> ensure(w.then(), last), () -> ensure(w.interrupted(), last));
        }
        Join<T> join = (Join<T>) flow;
        return new Join<>(join.future(), () -> ensure(join.then(), last));
    }

    /** The end of a guarded flow. */
    @FunctionalInterface
    interface Last<T> {
        /**
         * @param value the flow's value, or {@code null} if it failed
         * @param failure what a step threw, or {@code null}
         */
        void ended(T value, Throwable failure);
    }

    /**
     * Runs {@code flow} to its end on the calling thread, sleeping through its waits on {@code time}
     * and blocking on its joins.
     *
     * @param <T> the flow's result
     * @param flow the flow
     * @param time how to wait
     * @return its value
     */
    static <T> T await(Flow<T> flow, TimeSource time) {
        while (true) {
            if (flow instanceof Done<T> done) {
                return done.value();
            }
            if (flow instanceof Wait<T> w) {
                flow = w.sleepThrough(time);
            } else {
                Join<T> join = (Join<T>) flow;
                join.future().handle((value, failure) -> null).join();
                flow = join.then().get();
            }
        }
    }
}
