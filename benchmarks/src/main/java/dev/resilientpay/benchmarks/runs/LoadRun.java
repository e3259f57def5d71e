package dev.resilientpay.benchmarks.runs;

import dev.resilientpay.benchmarks.gateway.Gateway;
import dev.resilientpay.benchmarks.gateway.PaymentCaller;
import dev.resilientpay.benchmarks.gateway.Verdict;
import java.lang.management.ManagementFactory;
import com.sun.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Happy-path load: {@code threads} callers pay in a closed loop against the simulator, first for a
 * warm-up, then for the measured window. Throughput counts calls finished in the window; the client
 * CPU and allocation are those of the calling threads (where both our client and the SDKs do all their
 * work: building, signing, HTTP, verifying, parsing), divided by the calls. The simulator's threads are
 * not counted, which is why allocation is measured here rather than with JMH's process-wide profiler.
 */
public final class LoadRun {

    /**
     * @param gateway    provider name
     * @param client     client name
     * @param threads    concurrent callers
     * @param calls      calls finished in the window
     * @param notPaid    calls in the window that did not end paid (should be 0)
     * @param perSecond  throughput
     * @param p50        median latency, ms
     * @param p99        99th percentile latency, ms
     * @param cpuMicros  CPU time of the calling threads per call, µs
     * @param allocKb    memory allocated by the calling threads per call, KB
     */
    public record Result(String gateway, String client, int threads, long calls, long notPaid, double perSecond,
                         double p50, double p99, double cpuMicros, double allocKb) {}

    private static final AtomicLong ORDERS = new AtomicLong();

    private LoadRun() {}

    /** Runs one client; the simulator is reset before and after. */
    public static Result run(Gateway gateway, PaymentCaller caller, int threads, Duration warmup, Duration window)
            throws InterruptedException {
        gateway.reset();
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        String code = gateway.happyPaymentCode();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long measureUntil = measureFrom + window.toNanos();
        List<Percentiles> latencies = new ArrayList<>();
        long[] calls = new long[threads];
        long[] notPaid = new long[threads];
        long[] cpu = new long[threads];
        long[] allocated = new long[threads];
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Percentiles mine = new Percentiles();
            latencies.add(mine);
            int index = t;
            Thread worker = new Thread(() -> {
                try {
                    long cpuFrom = -1;
                    long allocFrom = 0;
                    while (true) {
                        long began = System.nanoTime();
                        if (began - measureUntil >= 0) {
                            break;
                        }
                        if (cpuFrom < 0 && began - measureFrom >= 0) {
                            cpuFrom = mx.getCurrentThreadCpuTime();
                            allocFrom = mx.getCurrentThreadAllocatedBytes();
                        }
                        Verdict verdict = caller.pay(String.format("L%09d", ORDERS.incrementAndGet()), code);
                        long ended = System.nanoTime();
                        if (began - measureFrom >= 0 && ended - measureUntil < 0) {
                            mine.add(ended - began);
                            calls[index]++;
                            if (verdict != Verdict.PAID) {
                                notPaid[index]++;
                            }
                        }
                    }
                    cpu[index] = cpuFrom < 0 ? 0 : mx.getCurrentThreadCpuTime() - cpuFrom;
                    allocated[index] = cpuFrom < 0 ? 0 : mx.getCurrentThreadAllocatedBytes() - allocFrom;
                } finally {
                    done.countDown();
                }
            }, "load-" + t);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        done.await();
        Percentiles all = new Percentiles();
        latencies.forEach(all::addAll);
        long total = 0;
        long failed = 0;
        long cpuTotal = 0;
        long allocTotal = 0;
        for (int t = 0; t < threads; t++) {
            total += calls[t];
            failed += notPaid[t];
            cpuTotal += cpu[t];
            allocTotal += allocated[t];
        }
        gateway.reset();
        double seconds = window.toNanos() / 1e9;
        return new Result(gateway.name(), caller.name(), threads, total, failed, total / seconds,
                all.millis(50), all.millis(99), total == 0 ? Double.NaN : cpuTotal / 1e3 / total,
                total == 0 ? Double.NaN : allocTotal / 1024.0 / total);
    }
}
