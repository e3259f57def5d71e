package dev.resilientpay.benchmarks.runs;

import dev.resilientpay.benchmarks.gateway.Gateway;
import dev.resilientpay.benchmarks.gateway.PayerKind;
import dev.resilientpay.benchmarks.gateway.PaymentCaller;
import dev.resilientpay.benchmarks.gateway.SimulatedAlipay;
import dev.resilientpay.benchmarks.gateway.SimulatedWechat;
import dev.resilientpay.benchmarks.gateway.Timing;
import dev.resilientpay.benchmarks.gateway.Verdict;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 8's cold start: a fresh JVM, a fresh client with the default breaker and no fault at all, and
 * {@code callers} payers arriving at once (all threads released together), {@code payments} in all.
 * Counts how often the breaker opened and how many payers it turned away (nothing sent). Run in its own
 * JVM by {@link #fork}, so that class loading and JIT are really cold.
 */
public final class ColdStartRun {

    /**
     * @param gateway         provider name
     * @param payments        payments made
     * @param callers         callers released at once
     * @param paid            ended paid
     * @param notPaid         ended not paid
     * @param inDoubt         ended in doubt
     * @param breakerOpenings how often the breaker opened
     * @param turnedAway      payments not paid although the gateway never saw them (with no fault injected:
     *                        turned away by the breaker or never sent)
     * @param firstSeconds    slowest of the first {@code callers} payments, s
     * @param seconds         wall time of all payments, s
     * @param chargedNotPaid  told not paid or in doubt while the payer's money stayed charged
     * @param refunded        charged, then reversed by the client's deadline cancel
     * @param longestCall     the longest single {@code pay()} call, s (the deadline is 20 s)
     * @param reasons         the typed reasons of the outcomes, counted
     */
    public record Result(String gateway, int payments, int callers, int paid, int notPaid, int inDoubt,
                         int breakerOpenings, int turnedAway, double firstSeconds, double seconds,
                         int chargedNotPaid, int refunded, double longestCall, String reasons) {

        String line() {
            return String.format(Locale.ROOT, "COLDSTART|%s|%d|%d|%d|%d|%d|%d|%d|%.3f|%.3f|%d|%d|%.3f|%s", gateway,
                    payments, callers, paid, notPaid, inDoubt, breakerOpenings, turnedAway, firstSeconds, seconds,
                    chargedNotPaid, refunded, longestCall, reasons);
        }

        static Result parse(String line) {
            String[] f = line.split("\\|");
            return new Result(f[1], Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]),
                    Integer.parseInt(f[5]), Integer.parseInt(f[6]), Integer.parseInt(f[7]), Integer.parseInt(f[8]),
                    Double.parseDouble(f[9]), Double.parseDouble(f[10]), Integer.parseInt(f[11]),
                    Integer.parseInt(f[12]), Double.parseDouble(f[13]), f[14]);
        }
    }

    /** Orders of the forked runs that did not end paid, with their events, for the report's examples file. */
    public static final List<String> EXAMPLES = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ColdStartRun() {}

    /** Runs the cold start for {@code args[0]} ({@code alipay} or {@code wechat}) and prints one result line. */
    public static void main(String[] args) throws Exception {
        int payments = Integer.parseInt(args[1]);
        int callers = Integer.parseInt(args[2]);
        try (Gateway gateway = "alipay".equals(args[0]) ? new SimulatedAlipay() : new SimulatedWechat()) {
            System.out.println(run(gateway, payments, callers).line());
        }
        System.exit(0);
    }

    /** Starts a fresh JVM on this JVM's class path and runs {@link #main} there. */
    public static Result fork(String provider, int payments, int callers) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.logFile=benchmarks/target/slf4j-coldstart.log",
                "-cp", System.getProperty("java.class.path"), ColdStartRun.class.getName(), provider,
                Integer.toString(payments), Integer.toString(callers)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("COLDSTART|")) {
                    result = line;
                } else if (line.startsWith("example ")) {
                    EXAMPLES.add(provider + " " + line);
                } else if (output.length() < 4_000) {
                    output.append(line).append('\n');
                }
            }
        }
        if (!process.waitFor(5, TimeUnit.MINUTES) || result == null) {
            process.destroyForcibly();
            throw new IllegalStateException("cold start run for " + provider + " gave no result:\n" + output);
        }
        return Result.parse(result);
    }

    static Result run(Gateway gateway, int payments, int callers) throws InterruptedException {
        Timing timing = Timing.issue8();
        Timeline timeline = new Timeline();
        String[] orders = new String[payments];
        String[] codes = new String[payments];
        for (int i = 0; i < payments; i++) {
            orders[i] = "cold_" + String.format("%06d", i);
            codes[i] = gateway.paymentCode(PayerKind.PAYS_AT_ONCE);
        }
        Verdict[] verdicts = new Verdict[payments];
        long[] ended = new long[payments];
        long[] took = new long[payments];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(callers);
        AtomicInteger next = new AtomicInteger();
        long began;
        try (PaymentCaller caller = gateway.ours(timing, gateway.port(), timeline)) {
            for (int t = 0; t < callers; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        start.await();
                        for (int i = next.getAndIncrement(); i < payments; i = next.getAndIncrement()) {
                            long callStart = System.nanoTime();
                            verdicts[i] = caller.pay(orders[i], codes[i]);
                            ended[i] = System.nanoTime();
                            took[i] = ended[i] - callStart;
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } finally {
                        done.countDown();
                    }
                }, "cold-" + t);
                worker.start();
            }
            began = System.nanoTime();
            start.countDown();
            done.await();
            int paid = 0;
            int notPaid = 0;
            int inDoubt = 0;
            int turnedAway = 0;
            int chargedNotPaid = 0;
            int refunded = 0;
            long longest = 0;
            java.util.SortedMap<String, Integer> reasons = new java.util.TreeMap<>();
            long firstEnd = 0;
            int examplesShown = 0;
            for (int i = 0; i < payments; i++) {
                switch (verdicts[i]) {
                    case PAID -> paid++;
                    case NOT_PAID -> notPaid++;
                    case IN_DOUBT -> inDoubt++;
                }
                if (verdicts[i] != Verdict.PAID && !gateway.created(orders[i])) {
                    turnedAway++;
                }
                if (i < callers) {
                    firstEnd = Math.max(firstEnd, ended[i]);
                }
                if (verdicts[i] != Verdict.PAID && gateway.charged(orders[i])) {
                    chargedNotPaid++;
                }
                if (gateway.charges(orders[i]) > 0 && !gateway.charged(orders[i])) {
                    refunded++;
                }
                longest = Math.max(longest, took[i]);
                String reason = caller.reason(orders[i]);
                reasons.merge(reason == null ? "-" : reason, 1, Integer::sum);
                if (verdicts[i] != Verdict.PAID && examplesShown < 3) {
                    examplesShown++;
                    System.out.println("example " + orders[i] + ": " + reason + "; gateway: "
                            + gateway.history(orders[i]) + "; client: " + String.join(" | ", timeline.of(orders[i])));
                }
            }
            long last = 0;
            for (long e : ended) {
                last = Math.max(last, e);
            }
            return new Result(gateway.name(), payments, callers, paid, notPaid, inDoubt, timeline.breakerOpenings(),
                    turnedAway, (firstEnd - began) / 1e9, (last - began) / 1e9, chargedNotPaid, refunded, longest / 1e9,
                    reasons.toString().replace('|', '/'));
        }
    }
}
