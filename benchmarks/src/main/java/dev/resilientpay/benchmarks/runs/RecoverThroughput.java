package dev.resilientpay.benchmarks.runs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resilientpay.Money;
import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.benchmarks.gateway.SimulatedAlipay;
import dev.resilientpay.benchmarks.jmh.InMemoryProvider;
import dev.resilientpay.ledger.jdbc.JdbcPaymentLedger;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.spi.PaymentProvider;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * {@code recover()} throughput: N payment-code payments the gateway charged but a "crashed" instance
 * never recorded (in flight in the ledger, lease run out), recovered by a fresh client: claim in
 * batches ({@code FOR UPDATE SKIP LOCKED} on PostgreSQL), query the gateway (paid), record. Prints
 * entries per second, the statements the ledger sent per entry, and the process's CPU time.
 *
 * <p>Two gateways:
 * <ul>
 *   <li>{@code instant} — an in-process provider that answers every query "paid" at once, no I/O:
 *       the figure is the library's and the ledger's own throughput (what issue 9's 2,000/s is about);</li>
 *   <li>{@code loopback} — the Alipay simulator on loopback HTTP, RSA-signed both ways: the end-to-end
 *       figure. On a small machine it is bound by RSA-2048 signing (the client signs each query, the
 *       simulator in the same JVM signs each answer), not by the library.</li>
 * </ul>
 *
 * <pre>
 * mvn -B -q -P benchmarks -pl benchmarks -am package -DskipTests
 * java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' dev.resilientpay.benchmarks.runs.RecoverThroughput \
 *     [entries] [batch] [concurrency] [postgres|in-memory] [instant|loopback] [rounds]
 * </pre>
 *
 * Defaults: 2000 entries, batch 200, concurrency 16, postgres, loopback, 1 round (each round sets up
 * and recovers its own entries in the same JVM; later rounds run on a warmed-up JIT). For diagnosis,
 * {@code -Dsynchronous_commit=off} runs the ledger's connections without a WAL flush per commit, and
 * {@link CommitCeiling} measures how many single-row durable commits the database takes at all.
 */
public final class RecoverThroughput {

    private static final String TABLE = "rp_bench_recover";
    private static final Money AMOUNT = Money.cny(100);

    private RecoverThroughput() {}

    /** Runs and prints the figures. */
    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        boolean inMemory = args.length > 3 && args[3].equals("in-memory");
        boolean instant = args.length > 4 && args[4].equals("instant");
        int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        SimulatedAlipay alipay = instant ? null : new SimulatedAlipay();
        PaymentProvider provider = instant ? InMemoryProvider.chargedEvery(AMOUNT) : alipay.provider();
        try (HikariDataSource pool = pool(concurrency + 4)) {
            CountingDataSource counting = new CountingDataSource(pool);
            for (int round = 1; round <= rounds; round++) {
                drop(pool);
                PaymentLedger ledger;
                if (inMemory) {
                    ledger = PaymentLedger.inMemory();
                } else {
                    JdbcPaymentLedger jdbc = JdbcPaymentLedger.builder(counting).tableName(TABLE).build();
                    jdbc.createSchemaIfMissing();
                    ledger = jdbc;
                }
                String prefix = "R" + round + "_";
                if (instant) {
                    crashedWithoutGateway(ledger, provider, prefix, entries);
                } else {
                    crashedAfterCharging(ledger, alipay, prefix, entries);
                }
                if (!inMemory && !"false".equals(System.getProperty("analyze"))) {
                    // A fresh table has no planner statistics until autovacuum gets to it (a minute or more):
                    // without them PostgreSQL may look keys up through the (provider, merchant, started_at)
                    // index and filter every row of the merchant. A production table has statistics;
                    // -Danalyze=false shows the fresh-table case.
                    analyze(pool);
                }
                try (PaymentClient client = PaymentClient.builder().provider(provider).ledger(ledger)
                        .instanceId("recoverer").recovery(batch, concurrency).build()) {
                    counting.reset();
                    String loadBefore = loadAverage();
                    long cpuBefore = processCpuNanos();
                    long start = System.nanoTime();
                    List<Outcome> outcomes = client.recover();
                    long wall = System.nanoTime() - start;
                    long cpu = processCpuNanos() - cpuBefore;
                    Map<String, Long> statements = counting.counts();
                    int left = ledger.unresolved(entries).size();
                    double seconds = wall / 1e9;
                    System.out.printf("round %d: recover(): %d entries in %.2f s = %.0f entries/s (ledger %s, gateway %s, "
                                    + "batch %d, concurrency %d); %d still unresolved afterwards; outcomes %s; "
                                    + "ledger traffic %s = %.2f statements/entry; process CPU %.2f s = %.2f cores busy on average; "
                                    + "load average before %s, after %s%n",
                            round, outcomes.size(), seconds, outcomes.size() / seconds, inMemory ? "in-memory" : "postgres",
                            instant ? "instant" : "loopback", batch, concurrency, left, kinds(outcomes),
                            inMemory ? "n/a" : statements, inMemory ? 0.0 : (double) counting.statements() / outcomes.size(),
                            cpu / 1e9, cpu / (double) wall, loadBefore, loadAverage());
                }
            }
            drop(pool);
        } finally {
            if (alipay != null) {
                alipay.close();
            }
        }
    }

    /**
     * The gateway charged every order; the instance that sent them "crashed" before recording the
     * answers: each is in flight in the ledger, with a lease of 1 ms that has run out.
     */
    private static void crashedAfterCharging(PaymentLedger ledger, SimulatedAlipay alipay, String prefix, int entries) {
        String code = alipay.happyPaymentCode();
        try (PaymentClient sender = PaymentClient.builder().provider(alipay.provider()).build()) {
            for (int i = 0; i < entries; i++) {
                PaymentRequest request = request(prefix + (1_000_000 + i), code);
                sender.pay(request);
                begin(ledger, alipay.provider(), request);
            }
        }
    }

    /** The same ledger state for the in-process provider, which answers every query "paid". */
    private static void crashedWithoutGateway(PaymentLedger ledger, PaymentProvider provider, String prefix, int entries)
            throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int first = w;
                done.add(writers.submit(() -> {
                    for (int i = first; i < entries; i += 8) {
                        begin(ledger, provider, request(prefix + (1_000_000 + i), "286000000000000001"));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            writers.shutdownNow();
        }
    }

    private static void begin(PaymentLedger ledger, PaymentProvider provider, PaymentRequest request) {
        String merchant = provider.merchantId();
        ledger.begin(LedgerEntry.start(LedgerKey.payment(provider.name(), merchant == null || merchant.isBlank()
                        ? "default" : merchant, request.orderId()), "fp", request, null, "crashed", ledger.now()),
                Duration.ofMillis(1));
    }

    private static Map<String, Long> kinds(List<Outcome> outcomes) {
        return outcomes.stream().collect(Collectors.groupingBy(o -> o.getClass().getSimpleName(), TreeMap::new,
                Collectors.counting()));
    }

    private static PaymentRequest request(String orderId, String code) {
        return PaymentRequest.builder().orderId(orderId).amount(AMOUNT).subject("Recovered coffee")
                .method(new PaymentMethod.PaymentCode(code)).build();
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "n/a";
        }
    }

    private static HikariDataSource pool(int size) {
        String url = System.getProperty("RESILIENTPAY_POSTGRES_URL", System.getenv("RESILIENTPAY_POSTGRES_URL"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : url);
        config.setMaximumPoolSize(size);
        if ("off".equals(System.getProperty("synchronous_commit"))) {
            // diagnosis only (-Dsynchronous_commit=off): what the run does without waiting for a WAL flush
            // per commit. Not a recommendation: a database crash would then lose the last commits.
            config.setConnectionInitSql("SET synchronous_commit = off");
        }
        return new HikariDataSource(config);
    }

    private static void analyze(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("ANALYZE " + TABLE);
        }
    }

    private static void drop(HikariDataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
        }
    }
}
