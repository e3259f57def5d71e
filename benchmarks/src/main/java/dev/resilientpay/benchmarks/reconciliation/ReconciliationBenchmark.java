package dev.resilientpay.benchmarks.reconciliation;

import dev.resilientpay.reconciliation.ReconciliationOutcome;
import dev.resilientpay.reconciliation.ReconciliationReport;
import dev.resilientpay.reconciliation.Reconciler;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.PaymentLedger;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rows per second and heap while reconciling one day: a synthetic bill of N payments (scrambled
 * order, generated as read) against (a) a computed ledger that holds nothing, so the heap is the
 * reconciler's own, (b) the in-memory ledger filled with the N entries, and (c) the JDBC ledger on
 * PostgreSQL filled with the N entries ({@link PostgresLedger}; the load is not measured).
 *
 * <pre>
 * java -Xmx2g -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
 *     dev.resilientpay.benchmarks.reconciliation.ReconciliationBenchmark 100000 1000000
 * java -Xmx64m -cp "benchmarks/target/classes:benchmarks/target/lib/*" \
 *     dev.resilientpay.benchmarks.reconciliation.ReconciliationBenchmark 100000 1000000 --postgres
 * </pre>
 *
 * Heap figures: <b>peak used</b> is the highest heap use sampled every 2 ms (garbage included);
 * <b>live after GC</b> is the highest heap in use right after a collection during the run (what the
 * run keeps), sampled with the peak;
 * both above the baseline measured after a full GC before the run (which includes the in-memory
 * ledger's own entries in case b). <b>ledger s</b> is the time spent inside the ledger's {@code scan}
 * and {@code find} calls (<b>calls</b>), included in the seconds.
 */
public final class ReconciliationBenchmark {

    private ReconciliationBenchmark() {}

    /**
     * Runs the cases.
     *
     * @param args bill sizes (default 100000 1000000); add {@code --in-memory} to run case (b) too,
     *     {@code --postgres} to run case (c) too, {@code --page=N} for the ledger page of case (c)
     *     (default 500, the reconciler's default), {@code --keep-table} to leave case (c)'s last table
     *     in place (to look at its query plans)
     * @throws Exception if a run fails
     */
    public static void main(String[] args) throws Exception {
        boolean inMemory = List.of(args).contains("--in-memory");
        boolean postgres = List.of(args).contains("--postgres");
        int pgPage = List.of(args).stream().filter(a -> a.startsWith("--page=")).map(a -> Integer.parseInt(a.substring(7)))
                .findFirst().orElse(500);
        List<Integer> sizes = List.of(args).stream().filter(a -> !a.startsWith("--")).map(Integer::parseInt).toList();
        if (sizes.isEmpty()) {
            sizes = List.of(100_000, 1_000_000);
        }
        System.out.printf("%-22s %10s %12s %10s %14s %14s %8s %10s %8s%n", "ledger", "rows", "rows/s", "seconds",
                "peak used MB", "live MB", "diffs", "ledger s", "calls");
        run("computed (warm-up)", new SyntheticDay(50_000), false); // JIT warm-up, not reported
        for (int n : sizes) {
            run("computed", new SyntheticDay(n), true);
        }
        if (inMemory) {
            for (int n : sizes) {
                run("in-memory", new SyntheticDay(n), true);
            }
        }
        if (postgres) {
            try (PostgresLedger pg = new PostgresLedger(List.of(args).contains("--keep-table"))) {
                SyntheticDay warmUp = new SyntheticDay(50_000);
                pg.fill(warmUp);
                run("postgres (warm-up)", warmUp, pg.ledger(), pgPage, false); // JDBC and JSON decoding
                for (int n : sizes) {
                    SyntheticDay day = new SyntheticDay(n);
                    double load = pg.fill(day);
                    System.out.printf("(postgres: %d entries loaded with COPY in %.1f s, not measured)%n", n, load);
                    run("postgres", day, pg.ledger(), pgPage, true);
                }
            }
        }
    }

    private static void run(String name, SyntheticDay day, boolean print) throws Exception {
        PaymentLedger ledger;
        int page;
        if (name.startsWith("in-memory")) {
            AtomicReference<Instant> now = new AtomicReference<>();
            Clock clock = new Clock() {
                @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
                @Override public Clock withZone(java.time.ZoneId zone) { return this; }
                @Override public Instant instant() { return now.get(); }
            };
            ledger = PaymentLedger.inMemory(clock, Duration.ofDays(3650));
            for (long i = 0; i < day.size(); i++) {
                LedgerEntry e = day.entry(i);
                now.set(e.startedAt());
                LedgerEntry started = ((PaymentLedger.Begin.Started) ledger.begin(LedgerEntry.start(e.key(), "f",
                        e.payment(), null, "bench", e.startedAt()), Duration.ofMinutes(1))).entry();
                ledger.complete(started, e.state(), e.outcome(), 1);
            }
            now.set(SyntheticDay.DAY_START.plus(Duration.ofDays(1)));
            page = 100_000; // the in-memory scan filters and sorts the whole map per page: few, large pages
        } else {
            ledger = new ComputedLedger(day);
            page = 500;
        }
        run(name, day, ledger, page, print);
    }

    private static void run(String name, SyntheticDay day, PaymentLedger ledger, int page, boolean print)
            throws Exception {
        TimedLedger timed = new TimedLedger(ledger);
        Reconciler reconciler = Reconciler.builder().bills(day.bills()).ledger(timed).ledgerPageSize(page).build();
        System.gc();
        Thread.sleep(200);
        long baseline = used();
        resetPeaks();
        AtomicLong peak = new AtomicLong(baseline);
        AtomicLong livePeak = new AtomicLong(0);
        AtomicBoolean running = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (running.get()) {
                peak.accumulateAndGet(used(), Math::max);
                livePeak.accumulateAndGet(liveAfterGc(), Math::max);
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
        long started = System.nanoTime();
        ReconciliationOutcome outcome = reconciler.reconcile(SyntheticDay.DAY);
        long nanos = System.nanoTime() - started;
        running.set(false);
        sampler.join();
        long live = livePeak.get();
        ReconciliationReport report = ((ReconciliationOutcome.Reconciled) outcome).report();
        if (report.matched() + report.discrepancies().size() != day.size()) {
            throw new IllegalStateException("rows lost: " + report);
        }
        if (report.discrepancies().size() != (day.size() + SyntheticDay.DIFFER_EVERY - 4) / SyntheticDay.DIFFER_EVERY) {
            throw new IllegalStateException(report.discrepancies().size() + " discrepancies, expected one per "
                    + SyntheticDay.DIFFER_EVERY + " entries: " + report.discrepancies().subList(0,
                    Math.min(5, report.discrepancies().size())));
        }
        if (print) {
            double seconds = nanos / 1e9;
            System.out.printf("%-22s %10d %12.0f %10.2f %14.1f %14.1f %8d %10.2f %8d%n", name, day.size(),
                    day.size() / seconds, seconds, (peak.get() - baseline) / 1048576.0,
                    Math.max(0, live - baseline) / 1048576.0, report.discrepancies().size(), timed.seconds(),
                    timed.calls());
        }
    }

    private static long used() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum over heap pools of the use right after their last collection. */
    private static long liveAfterGc() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                sum += pool.getCollectionUsage().getUsed();
            }
        }
        return sum;
    }
}
