package dev.resilientpay.benchmarks.runs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resilientpay.Money;
import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.benchmarks.gateway.SimulatedAlipay;
import dev.resilientpay.ledger.jdbc.JdbcPaymentLedger;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.PaymentLedger;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * {@code recover()} throughput on PostgreSQL: N payment-code payments the gateway charged but a
 * "crashed" instance never recorded (in flight, lease run out), recovered by a fresh client against
 * the Alipay simulator on loopback: claim in batches with SKIP LOCKED, query the gateway (paid),
 * record. Prints entries per second; the last argument {@code in-memory} runs the same on the
 * in-memory ledger for comparison.
 *
 * <pre>
 * mvn -B -q -P benchmarks -pl benchmarks -am package -DskipTests
 * java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' dev.resilientpay.benchmarks.runs.RecoverThroughput [entries] [batch] [concurrency] [postgres|in-memory]
 * </pre>
 */
public final class RecoverThroughput {

    private RecoverThroughput() {}

    /** Runs once and prints the figure. */
    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        String table = "rp_bench_recover";
        try (SimulatedAlipay alipay = new SimulatedAlipay(); HikariDataSource pool = pool(concurrency + 4)) {
            drop(pool, table);
            boolean inMemory = args.length > 3 && args[3].equals("in-memory");
            PaymentLedger ledger;
            if (inMemory) {
                ledger = PaymentLedger.inMemory();
            } else {
                JdbcPaymentLedger jdbc = JdbcPaymentLedger.builder(pool).tableName(table).build();
                jdbc.createSchemaIfMissing();
                ledger = jdbc;
            }
            String provider = alipay.provider().name();
            String merchant = alipay.provider().merchantId();
            String code = alipay.happyPaymentCode();
            // The gateway charged every order; the instance that sent them "crashed" before recording
            // the answers: each is in flight in the ledger, with a lease of 1 ms that has run out.
            try (PaymentClient sender = PaymentClient.builder().provider(alipay.provider()).build()) {
                for (int i = 0; i < entries; i++) {
                    PaymentRequest request = request("R" + (1_000_000 + i), code);
                    sender.pay(request);
                    ledger.begin(LedgerEntry.start(LedgerKey.payment(provider, merchant == null ? "default" : merchant,
                            request.orderId()), "fp", request, null, "crashed", ledger.now()), Duration.ofMillis(1));
                }
            }
            try (PaymentClient client = PaymentClient.builder().provider(alipay.provider()).ledger(ledger)
                    .instanceId("recoverer").recovery(batch, concurrency).build()) {
                long start = System.nanoTime();
                List<Outcome> outcomes = client.recover();
                double seconds = (System.nanoTime() - start) / 1e9;
                int left = ledger.unresolved(entries).size();
                System.out.printf("recover(): %d entries in %.2f s = %.0f entries/s (batch %d, concurrency %d); "
                        + "%d still unresolved afterwards; outcomes %s; ledger %s%n", outcomes.size(), seconds,
                        outcomes.size() / seconds, batch, concurrency, left,
                        outcomes.stream().collect(java.util.stream.Collectors.groupingBy(o -> o.getClass().getSimpleName(),
                                java.util.TreeMap::new, java.util.stream.Collectors.counting())), ledger);
            }
            drop(pool, table);
        }
    }

    private static PaymentRequest request(String orderId, String code) {
        return PaymentRequest.builder().orderId(orderId).amount(Money.cny(100)).subject("Recovered coffee")
                .method(new PaymentMethod.PaymentCode(code)).build();
    }

    private static HikariDataSource pool(int size) {
        String url = System.getProperty("RESILIENTPAY_POSTGRES_URL", System.getenv("RESILIENTPAY_POSTGRES_URL"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : url);
        config.setMaximumPoolSize(size);
        return new HikariDataSource(config);
    }

    private static void drop(HikariDataSource pool, String table) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
