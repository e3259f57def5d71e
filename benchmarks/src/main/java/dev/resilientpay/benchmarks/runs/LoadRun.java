package dev.resilientpay.benchmarks.runs;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;
import dev.resilientpay.benchmarks.gateway.Gateway;
import dev.resilientpay.benchmarks.gateway.PaymentCaller;
import dev.resilientpay.benchmarks.gateway.Verdict;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Happy-path load: {@code threads} callers pay in a closed loop against the simulator. The clients
 * compared take turns in short windows (A, B, A, B, ...), so that drift of the machine and the order
 * in which the JIT met the shared code (OkHttp, the JDK's RSA) weigh on both alike.
 *
 * <p>Throughput counts calls finished in the windows; client CPU and allocation are those of the
 * calling threads (where both our client and the SDKs do all their work: building, signing, HTTP,
 * verifying, parsing), divided by the calls. The simulator's threads are not counted, which is why
 * allocation is measured here rather than with JMH's process-wide profiler. Process CPU is everything
 * the JVM burnt per call in the windows (simulator, GC, JIT and helper threads included).
 */
public final class LoadRun {

    /**
     * @param gateway          provider name
     * @param client           client name
     * @param threads          concurrent callers
     * @param calls            calls finished in the measured windows
     * @param notPaid          calls that did not end paid (should be 0)
     * @param perSecond        throughput
     * @param p50              median latency, ms
     * @param p99              99th percentile latency, ms
     * @param cpuMicros        CPU time of the calling threads per call, µs
     * @param allocKb          memory allocated by the calling threads per call, KB
     * @param processCpuMicros CPU time of the whole process per call, µs
     */
    public record Result(String gateway, String client, int threads, long calls, long notPaid, double perSecond,
                         double p50, double p99, double cpuMicros, double allocKb, double processCpuMicros) {}

    /** What one client did in its windows. */
    private static final class Tally {
        final Percentiles latencies = new Percentiles();
        long calls;
        long notPaid;
        long cpuNanos;
        long allocBytes;
        long processCpuNanos;
        long windowNanos;
    }

    private static final AtomicLong ORDERS = new AtomicLong();

    private LoadRun() {}

    /**
     * Warms every client up for {@code warmup}, then gives each {@code rounds} windows of
     * {@code window}, in turn. The simulator is reset before every window.
     */
    public static List<Result> interleaved(Gateway gateway, List<PaymentCaller> callers, int threads,
                                           Duration warmup, int rounds, Duration window)
            throws InterruptedException {
        List<Tally> tallies = new ArrayList<>();
        for (PaymentCaller caller : callers) {
            measure(gateway, caller, threads, warmup, new Tally());
            tallies.add(new Tally());
        }
        for (int round = 0; round < rounds; round++) {
            for (int c = 0; c < callers.size(); c++) {
                // Alternate who goes first in a round, too.
                int index = round % 2 == 0 ? c : callers.size() - 1 - c;
                measure(gateway, callers.get(index), threads, window, tallies.get(index));
            }
        }
        gateway.reset();
        List<Result> results = new ArrayList<>();
        for (int c = 0; c < callers.size(); c++) {
            Tally t = tallies.get(c);
            double calls = t.calls;
            results.add(new Result(gateway.name(), callers.get(c).name(), threads, t.calls, t.notPaid,
                    t.calls / (t.windowNanos / 1e9), t.latencies.millis(50), t.latencies.millis(99),
                    t.calls == 0 ? Double.NaN : t.cpuNanos / 1e3 / calls,
                    t.calls == 0 ? Double.NaN : t.allocBytes / 1024.0 / calls,
                    t.calls == 0 ? Double.NaN : t.processCpuNanos / 1e3 / calls));
        }
        return results;
    }

    /** One client alone: {@code warmup}, then one measured window. */
    public static Result run(Gateway gateway, PaymentCaller caller, int threads, Duration warmup, Duration window)
            throws InterruptedException {
        return interleaved(gateway, List.of(caller), threads, warmup, 1, window).get(0);
    }

    /** Runs {@code threads} callers for {@code window} and adds what they did to {@code tally}. */
    private static void measure(Gateway gateway, PaymentCaller caller, int threads, Duration window, Tally tally)
            throws InterruptedException {
        gateway.reset();
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        String code = gateway.happyPaymentCode();
        long[] calls = new long[threads];
        long[] notPaid = new long[threads];
        long[] cpu = new long[threads];
        long[] allocated = new long[threads];
        List<Percentiles> latencies = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        long[] until = new long[1];
        for (int t = 0; t < threads; t++) {
            Percentiles mine = new Percentiles();
            latencies.add(mine);
            int index = t;
            Thread worker = new Thread(() -> {
                try {
                    ready.countDown();
                    go.await();
                    long cpuFrom = mx.getCurrentThreadCpuTime();
                    long allocFrom = mx.getCurrentThreadAllocatedBytes();
                    while (true) {
                        long began = System.nanoTime();
                        if (began - until[0] >= 0) {
                            break;
                        }
                        Verdict verdict = caller.pay(String.format("L%09d", ORDERS.incrementAndGet()), code);
                        long ended = System.nanoTime();
                        mine.add(ended - began);
                        calls[index]++;
                        if (verdict != Verdict.PAID) {
                            notPaid[index]++;
                        }
                    }
                    cpu[index] = mx.getCurrentThreadCpuTime() - cpuFrom;
                    allocated[index] = mx.getCurrentThreadAllocatedBytes() - allocFrom;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            }, "load-" + t);
            worker.start();
        }
        ready.await();
        long processFrom = os.getProcessCpuTime();
        long start = System.nanoTime();
        until[0] = start + window.toNanos();
        go.countDown();
        done.await();
        long elapsed = System.nanoTime() - start;
        tally.processCpuNanos += os.getProcessCpuTime() - processFrom;
        tally.windowNanos += elapsed;
        for (int t = 0; t < threads; t++) {
            tally.calls += calls[t];
            tally.notPaid += notPaid[t];
            tally.cpuNanos += cpu[t];
            tally.allocBytes += allocated[t];
            tally.latencies.addAll(latencies.get(t));
        }
    }
}
