package dev.resilientpay.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dns;

/**
 * A {@link Dns} whose lookups end by the deadline of the call that needs them. OkHttp resolves host names
 * on the calling thread and its call timeout does not interrupt a lookup in progress ({@code cancel()}
 * closes sockets, a DNS query has none), so a resolver that hangs would hold a payment call far past its
 * timeout. Here the lookup runs on a small shared pool and the caller waits at most until the deadline
 * {@link GatewayHttp#execute} set for this thread; past it the lookup fails with an
 * {@link UnknownHostException}, which the transport reports as {@link HttpOutcome.NotSent} (nothing was
 * sent). The abandoned lookup finishes (or hangs) on the pool, never on the caller's thread.
 */
final class BoundedDns implements Dns {

    /** The wait when no call deadline is set (a lookup outside {@link GatewayHttp#execute}). */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    /** Resolver threads shared by every transport: lookups are short, or hung and abandoned. */
    private static final ExecutorService RESOLVERS = resolvers();

    private static final ThreadLocal<Long> DEADLINE = new ThreadLocal<>();

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    private final Dns delegate;

    BoundedDns(Dns delegate) {
        this.delegate = Objects.requireNonNull(delegate, "dns");
    }

    /** Something that does I/O on the calling thread. */
    @FunctionalInterface
    interface Io<T> {
        T run() throws java.io.IOException;
    }

    /** Runs {@code action} with lookups on this thread bounded by {@code deadlineNanos} ({@link System#nanoTime()}). */
    static <T> T withDeadline(long deadlineNanos, Io<T> action) throws java.io.IOException {
        Long previous = DEADLINE.get();
        DEADLINE.set(deadlineNanos);
        try {
            return action.run();
        } finally {
            if (previous == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(previous);
            }
        }
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        if (isIpLiteral(hostname)) {
            return delegate.lookup(hostname); // nothing to resolve: no network, no hand-off
        }
        Long deadline = DEADLINE.get();
        long wait = deadline == null ? DEFAULT_WAIT.toNanos() : deadline - System.nanoTime();
        if (wait <= 0) {
            throw new UnknownHostException(hostname + ": no time left for the DNS lookup");
        }
        Future<List<InetAddress>> lookup = RESOLVERS.submit(() -> delegate.lookup(hostname));
        try {
            return lookup.get(wait, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            lookup.cancel(true);
            throw new UnknownHostException(hostname + ": DNS lookup did not finish within the call's "
                    + TimeUnit.NANOSECONDS.toMillis(wait) + " ms");
        } catch (InterruptedException e) {
            lookup.cancel(true);
            Thread.currentThread().interrupt();
            throw new UnknownHostException(hostname + ": interrupted during the DNS lookup");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownHostException unknown) {
                throw unknown;
            }
            UnknownHostException failed = new UnknownHostException(hostname + ": " + e.getCause());
            failed.initCause(e.getCause());
            throw failed;
        }
    }

    private static boolean isIpLiteral(String hostname) {
        return hostname.indexOf(':') >= 0 || IPV4.matcher(hostname).matches();
    }

    private static ExecutorService resolvers() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(8, 8, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                task -> {
                    Thread t = new Thread(task, "resilient-pay-dns-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    @Override
    public String toString() {
        return "BoundedDns[" + delegate + "]";
    }
}
