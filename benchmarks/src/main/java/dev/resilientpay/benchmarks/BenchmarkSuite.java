package dev.resilientpay.benchmarks;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.benchmarks.gateway.Gateway;
import dev.resilientpay.benchmarks.gateway.PaymentCaller;
import dev.resilientpay.benchmarks.gateway.SimulatedAlipay;
import dev.resilientpay.benchmarks.gateway.SimulatedWechat;
import dev.resilientpay.benchmarks.gateway.Timing;
import dev.resilientpay.benchmarks.report.Machine;
import dev.resilientpay.benchmarks.report.MarkdownReport;
import dev.resilientpay.benchmarks.report.SuiteResults;
import dev.resilientpay.benchmarks.report.SvgChart;
import dev.resilientpay.benchmarks.report.Issue8Report;
import dev.resilientpay.benchmarks.runs.ChaosRun;
import dev.resilientpay.benchmarks.runs.ColdStartRun;
import dev.resilientpay.benchmarks.runs.Timeline;
import dev.resilientpay.benchmarks.runs.JmhRun;
import dev.resilientpay.benchmarks.runs.LoadRun;
import dev.resilientpay.benchmarks.runs.OutageRun;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.FileHandler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Runs every benchmark and writes {@code docs/benchmarks.md} and {@code docs/benchmarks.svg}.
 * Started by {@code benchmarks/run.sh}.
 *
 * <pre>
 * --quick             shorter JMH, load and outage runs; chaos payments divided by 20
 * --scale N           divide the chaos runs' 10,000 payments by N (default 1, 20 with --quick)
 * --only a,b          run only these sections: jmh, load, chaos, outage, issue8 (issue8 alone writes only
 *                     its own section of benchmarks.md)
 * --issue8-orders N   issue 8: payment-code orders per client, provider and fault rate (2,000; 300 with --quick)
 * --lag N             issue 8: queries that lag after a processed send whose answer broke (2)
 * --out DIR           where the report goes (default docs)
 * --command TEXT      the command line to print in the report
 * </pre>
 */
public final class BenchmarkSuite {

    private static final int PAYMENTS = 10_000;
    private static final double[] FAULT_RATES = {0.0, 0.1, 0.3};
    private static final long SEED = 20_250_101L;
    private static final int CHAOS_THREADS = 64;
    /** Issue 8: payment-code orders per client, provider and fault rate. */
    private static final int ISSUE8_ORDERS = 2_000;
    /** The label of our client with the earlier, twitchier default breaker (50 % of the last 20, at least 10). */
    public static final String SHORT_BREAKER = "resilient-pay, breaker 50 % of last 20 (earlier default)";

    private final PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private BenchmarkSuite() {}

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        int scale = 0;
        int issue8Orders = 0;
        int lag = 2;
        Set<String> only = Set.of("jmh", "load", "chaos", "outage");
        Path out = Path.of("docs");
        String command = "benchmarks/run.sh";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--scale" -> scale = Integer.parseInt(args[++i]);
                case "--only" -> only = Set.of(args[++i].split(","));
                case "--out" -> out = Path.of(args[++i]);
                case "--command" -> command = args[++i];
                case "--issue8-orders" -> issue8Orders = Integer.parseInt(args[++i]);
                case "--lag" -> lag = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (expected --quick, --scale N, --only jmh,load,chaos,outage,issue8, --issue8-orders N,"
                        + " --lag N, --out DIR, --command TEXT)");
            }
        }
        if (scale <= 0) {
            scale = quick ? 20 : 1;
        }
        if (issue8Orders <= 0) {
            issue8Orders = quick ? 300 : ISSUE8_ORDERS;
        }
        quietLogging();
        new BenchmarkSuite().run(quick, scale, only, out, command, issue8Orders, lag);
        System.exit(0);
    }

    /** Both SDKs and our client log to a file at WARN, so that logging costs the same for all of them. */
    private static void quietLogging() throws IOException {
        Files.createDirectories(Path.of("benchmarks/target"));
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.WARNING);
        FileHandler file = new FileHandler("benchmarks/target/jul-warnings.log");
        file.setFormatter(new SimpleFormatter());
        root.addHandler(file);
    }

    private void run(boolean quick, int scale, Set<String> only, Path out, String command, int issue8Orders, int lag)
            throws Exception {
        long began = System.nanoTime();
        SuiteResults results = new SuiteResults();
        results.machine = Machine.describe();
        results.command = command;
        results.mode = quick ? "quick" : "full";
        results.timing = Timing.scaledBy(10);
        results.seed = SEED;
        console.printf(Locale.ROOT, "resilient-pay benchmarks (%s): %d CPUs, load %.2f, %s%n", results.mode,
                results.machine.cpus(), results.machine.loadStart(), results.machine.jdk());
        if (results.machine.loadStart() > 1.5) {
            console.printf(Locale.ROOT, "warning: load average %.2f: other work on this machine will skew the"
                    + " numbers%n", results.machine.loadStart());
        }

        if (only.contains("issue8")) {
            // First, while this JVM is cold for the client: the cold starts fork fresh JVMs anyway.
            issue8(results, issue8Orders, lag, quick);
        }
        if (only.contains("jmh")) {
            section("JMH: pipeline overhead, signing, allocation (forked JVMs)");
            results.jmh.addAll(JmhRun.run(quick));
        }
        try (SimulatedAlipay alipay = new SimulatedAlipay(); SimulatedWechat wechat = new SimulatedWechat()) {
            List<Gateway> gateways = List.of(alipay, wechat);
            if (only.contains("load")) {
                load(results, gateways, quick);
            }
            if (only.contains("chaos")) {
                chaos(results, gateways, PAYMENTS / scale, quick);
            }
            if (only.contains("outage")) {
                outage(results, gateways, quick);
            }
        }
        results.loadEnd = Machine.load();
        results.minutes = (System.nanoTime() - began) / 60e9;
        Path report = out.resolve("benchmarks.md");
        if (only.stream().anyMatch(Set.of("jmh", "load", "chaos", "outage")::contains)) {
            // The full report rewrites the file: keep the issue 8 section as the last issue 8 run left it.
            java.util.Optional<String> issue8Section = Issue8Report.current(report);
            MarkdownReport.write(results, report);
            SvgChart.write(results, out.resolve("benchmarks.svg"));
            if (issue8Section.isPresent() && !only.contains("issue8")) {
                Issue8Report.splice(report, issue8Section.get());
            }
        }
        if (only.contains("issue8")) {
            Issue8Report.write(results, report);
        }
        console.printf(Locale.ROOT, "%nwrote %s in %.1f min%n", report, results.minutes);
    }

    private void load(SuiteResults results, List<Gateway> gateways, boolean quick) throws InterruptedException {
        section("Side by side with the official SDKs (happy path)");
        int[] callers = quick ? new int[] {1, 8} : new int[] {1, 4, 16};
        Duration warmup = Duration.ofSeconds(quick ? 3 : 5);
        Duration window = Duration.ofSeconds(2);
        int rounds = quick ? 2 : 4;
        results.loadWarmupSeconds = warmup.toSeconds();
        results.loadWindowSeconds = window.toSeconds();
        results.loadRounds = rounds;
        Timing timing = results.timing;
        for (Gateway gateway : gateways) {
            for (int n : callers) {
                try (PaymentCaller ours = gateway.ours(timing, gateway.port(), null);
                     PaymentCaller sdk = gateway.sdkAsDocumented(timing, gateway.port())) {
                    for (LoadRun.Result r : LoadRun.interleaved(gateway, List.of(ours, sdk), n, warmup, rounds,
                            window)) {
                        results.load.add(r);
                        console.printf(Locale.ROOT, "  %-10s %-32s N=%-3d %7.0f /s  p50 %6.2f ms  p99 %6.2f ms"
                                        + "  CPU %5.0f µs/call (process %5.0f)  %5.1f KB/call  not paid %d%n",
                                r.gateway(), r.client(), n, r.perSecond(), r.p50(), r.p99(), r.cpuMicros(),
                                r.processCpuMicros(), r.allocKb(), r.notPaid());
                    }
                }
            }
        }
    }

    private void chaos(SuiteResults results, List<Gateway> gateways, int payments, boolean quick)
            throws InterruptedException {
        section("Chaos: " + payments + " payments per client and fault rate");
        int threads = CHAOS_THREADS;
        results.chaosThreads = threads;
        Timing timing = results.timing;
        // Class loading and JIT first (a cold client times out under 64 callers and opens its breaker).
        for (Gateway gateway : gateways) {
            for (Function<Gateway, PaymentCaller> client : chaosClients(timing, false)) {
                try (PaymentCaller caller = client.apply(gateway)) {
                    LoadRun.run(gateway, caller, 8, Duration.ofSeconds(quick ? 2 : 3), Duration.ofSeconds(1));
                }
            }
        }
        int run = 0;
        for (Gateway gateway : gateways) {
            for (double rate : FAULT_RATES) {
                boolean worst = rate == FAULT_RATES[FAULT_RATES.length - 1];
                for (Function<Gateway, PaymentCaller> client : chaosClients(timing, worst)) {
                    run++;
                    ChaosRun.Result r = ChaosRun.run(gateway, client, timing, rate, payments, threads, SEED,
                            "c" + run);
                    results.chaos.add(r);
                    console.printf(Locale.ROOT, "  %-10s %3.0f%% %-42s paid %5d  not %5d (gave up %4d)  doubt %4d%s"
                                    + "  lost %4d  double %d  extra %4d  %5.1f s%n", r.gateway(), rate * 100,
                            r.client(), r.paid(), r.notPaid(), r.declinedPayable(), r.inDoubt(),
                            r.inDoubtAfterResolve() >= 0 ? " (→" + r.inDoubtAfterResolve() + ")" : "",
                            r.lost(), r.doubleCharges(), r.extraRequests(), r.seconds());
                }
            }
        }
    }

    /**
     * Ours, the SDK as documented, the SDK with its documented loop; with {@code shortBreaker}, also ours
     * with the earlier default breaker (50 % of the last 20 attempts, at least 10), which these runs showed
     * to trip on chance runs of faults.
     */
    private static List<Function<Gateway, PaymentCaller>> chaosClients(Timing timing, boolean shortBreaker) {
        List<Function<Gateway, PaymentCaller>> clients = new java.util.ArrayList<>(List.of(
                g -> g.ours(timing, g.port(), null),
                g -> g.sdkAsDocumented(timing, g.port()),
                g -> g.sdkWithRecovery(timing, g.port())));
        if (shortBreaker) {
            BreakerPolicy defaults = timing.breaker();
            BreakerPolicy shorter = new BreakerPolicy(50, 20, 10, defaults.openDuration(), defaults.trialCalls());
            clients.add(1, g -> g.ours(timing, g.port(), null, shorter, SHORT_BREAKER));
        }
        return clients;
    }

    private void outage(SuiteResults results, List<Gateway> gateways, boolean quick) throws InterruptedException {
        section("Full outage");
        int threads = 8;
        Duration duration = Duration.ofSeconds(quick ? 3 : 8);
        results.outageThreads = threads;
        results.outageSeconds = duration.toSeconds();
        Timing timing = results.timing;
        for (boolean blackhole : new boolean[] {false, true}) {
            for (Gateway gateway : gateways) {
                OutageRun.Result ours = OutageRun.run(gateway, (port, watch) -> gateway.ours(timing, port, watch),
                        true, blackhole, threads, duration);
                OutageRun.Result sdk = OutageRun.run(gateway, (port, watch) -> gateway.sdkAsDocumented(timing, port),
                        false, blackhole, threads, duration);
                for (OutageRun.Result r : List.of(ours, sdk)) {
                    results.outage.add(r);
                    console.printf(Locale.ROOT, "  %-10s %-9s %-32s calls %6d  p50 %8.3f ms  p99 %8.3f ms%s%n",
                            r.gateway(), r.mode(), r.client(), r.calls(), r.p50(), r.p99(),
                            r.openCalls() >= 0 ? String.format(Locale.ROOT, "  (breaker open: %d calls, p99 %.3f ms)",
                                    r.openCalls(), r.openP99()) : "");
                }
            }
        }
    }

    /**
     * Issue 8's figures: a cold start per provider in a fresh JVM, then {@code orders} payment-code orders
     * per client, provider and fault rate (10 %, 30 %) against simulators that behave as the issue's
     * independent gateways (consumed codes, queries that lag {@code lag} times after a broken answer).
     */
    private void issue8(SuiteResults results, int orders, int lag, boolean quick) throws Exception {
        long began = System.nanoTime();
        results.issue8Orders = orders;
        results.issue8Lag = lag;
        section("Issue 8: cold start, 64 callers at once, no faults (fresh JVM per provider)");
        for (String provider : List.of("alipay", "wechat")) {
            ColdStartRun.Result cold = ColdStartRun.fork(provider, quick ? 100 : 200, CHAOS_THREADS);
            results.coldStarts.add(cold);
            console.printf(Locale.ROOT, "  %-10s paid %4d  not %4d  doubt %4d  breaker opened %d  not paid, nothing"
                            + " sent %d  refunded %d  charged-not-paid %d  longest call %.1f s  all in %.1f s  %s%n",
                    cold.gateway(), cold.paid(), cold.notPaid(), cold.inDoubt(), cold.breakerOpenings(),
                    cold.turnedAway(), cold.refunded(), cold.chargedNotPaid(), cold.longestCall(), cold.seconds(),
                    cold.reasons());
        }
        section("Issue 8: " + orders + " payment-code orders per client at 10 % and 30 % faults, independent gateways");
        Timing timing = Timing.issue8();
        try (SimulatedAlipay alipay = new SimulatedAlipay(); SimulatedWechat wechat = new SimulatedWechat()) {
            List<Gateway> gateways = List.of(alipay, wechat);
            for (Gateway gateway : gateways) {
                // Class loading and JIT first, for every client (a cold SDK times out under 64 callers just as
                // a cold client of ours does): the cold start has its own figure above.
                for (Function<Gateway, PaymentCaller> client : List.<Function<Gateway, PaymentCaller>>of(
                        g -> g.ours(timing, g.port(), null), g -> g.sdkAsDocumented(timing, g.port()))) {
                    try (PaymentCaller caller = client.apply(gateway)) {
                        LoadRun.run(gateway, caller, 8, Duration.ofSeconds(quick ? 2 : 3), Duration.ofSeconds(1));
                    }
                }
            }
            int run = 0;
            for (Gateway gateway : gateways) {
                for (double rate : new double[] {0.1, 0.3}) {
                    for (int client = 0; client < 3; client++) {
                        run++;
                        Timeline timeline = new Timeline();
                        Function<Gateway, PaymentCaller> make = switch (client) {
                            case 0 -> g -> g.ours(timing, g.port(), timeline);
                            case 1 -> g -> g.sdkAsDocumented(timing, g.port());
                            default -> g -> g.sdkWithRecovery(timing, g.port());
                        };
                        ChaosRun.Result r = ChaosRun.run(gateway, make, timing, rate, orders, CHAOS_THREADS, SEED,
                                "i8r" + run, lag, client == 0 ? timeline : null);
                        results.issue8.add(r);
                        ChaosRun.Money m = r.money();
                        console.printf(Locale.ROOT, "  %-10s %3.0f%% %-42s paid %5d  not %5d  doubt %4d%s  never-created"
                                        + " %d  charged-but-failed %d  lost %d  double %d  refunded %d  after-return %d"
                                        + " (late %d, resolve %d)  breaker %d  %5.1f s%n", r.gateway(), rate * 100,
                                r.client(), r.paid(), r.notPaid(), r.inDoubt(),
                                r.inDoubtAfterResolve() >= 0 ? " (→" + r.inDoubtAfterResolve() + ")" : "",
                                m.neverCreatedInDoubt(), m.chargedButFailed(), r.lost(), r.doubleCharges(),
                                m.paidThenRefunded(), m.chargedAfterReturn(), m.chargedByLateConfirm(),
                                m.chargedByResolve(), m.breakerOpenings(), r.seconds());
                        if (client == 0) {
                            console.println("    reasons " + m.reasons() + "  NOT_SENT yet created " + m.notSentButCreated()
                                    + " (charged " + m.notSentButCharged() + ")");
                        }
                    }
                }
            }
        }
        results.issue8Minutes = (System.nanoTime() - began) / 60e9;
    }

    private void section(String title) {
        console.println();
        console.println("== " + title);
    }
}
