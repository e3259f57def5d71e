package dev.resilientpay.benchmarks.runs;

import dev.resilientpay.PaymentListener;
import dev.resilientpay.benchmarks.gateway.Gateway;
import dev.resilientpay.benchmarks.gateway.PaymentCaller;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * Calls while the provider is down for the whole run: how long each payment call blocks a till.
 * For our client, calls that start while the circuit breaker is open are also reported apart.
 */
public final class OutageRun {

    /**
     * @param gateway     provider name
     * @param client      client name
     * @param mode        {@code refused} or {@code blackhole}
     * @param calls       calls finished within the run
     * @param p50         median call time, ms
     * @param p99         99th percentile call time, ms
     * @param max         longest call, ms
     * @param openCalls   calls that started with the breaker open (-1 without a breaker)
     * @param openP50     their median, ms
     * @param openP99     their 99th percentile, ms
     */
    public record Result(String gateway, String client, String mode, int calls, double p50, double p99, double max,
                         int openCalls, double openP50, double openP99) {}

    /** Follows the breaker's state through the listener. */
    public static final class BreakerWatch implements PaymentListener {
        private volatile boolean open;

        @Override
        public void onBreakerStateChange(BreakerStateChanged event) {
            open = "OPEN".equals(event.to()) || "FORCED_OPEN".equals(event.to());
        }

        boolean open() {
            return open;
        }
    }

    private static final AtomicLong ORDERS = new AtomicLong();

    private OutageRun() {}

    /**
     * Runs {@code threads} callers for {@code duration} against a dead endpoint.
     *
     * @param makeCaller builds the client for (port, breaker watch); the watch is null for the SDKs
     * @param withBreaker whether the client reports breaker state changes to the watch
     */
    public static Result run(Gateway gateway, BiFunction<Integer, BreakerWatch, PaymentCaller> makeCaller,
                             boolean withBreaker, boolean blackhole, int threads, Duration duration)
            throws InterruptedException {
        BreakerWatch watch = withBreaker ? new BreakerWatch() : null;
        try (DeadEndpoint dead = blackhole ? DeadEndpoint.blackhole() : DeadEndpoint.refusing();
             PaymentCaller caller = makeCaller.apply(dead.port(), watch)) {
            String code = gateway.happyPaymentCode();
            long until = System.nanoTime() + duration.toNanos();
            List<Percentiles> all = new ArrayList<>();
            List<Percentiles> open = new ArrayList<>();
            CountDownLatch done = new CountDownLatch(threads);
            for (int t = 0; t < threads; t++) {
                Percentiles mine = new Percentiles();
                Percentiles mineOpen = new Percentiles();
                all.add(mine);
                open.add(mineOpen);
                Thread worker = new Thread(() -> {
                    try {
                        while (System.nanoTime() - until < 0) {
                            boolean wasOpen = watch != null && watch.open();
                            long start = System.nanoTime();
                            caller.pay(String.format("O%09d", ORDERS.incrementAndGet()), code);
                            long took = System.nanoTime() - start;
                            mine.add(took);
                            if (wasOpen) {
                                mineOpen.add(took);
                            }
                        }
                    } finally {
                        done.countDown();
                    }
                }, "outage-" + t);
                worker.start();
            }
            done.await();
            Percentiles calls = new Percentiles();
            all.forEach(calls::addAll);
            Percentiles openCalls = new Percentiles();
            open.forEach(openCalls::addAll);
            return new Result(gateway.name(), caller.name(), blackhole ? "blackhole" : "refused", calls.count(),
                    calls.millis(50), calls.millis(99), calls.maxMillis(),
                    watch == null ? -1 : openCalls.count(), openCalls.millis(50), openCalls.millis(99));
        }
    }
}
