package dev.resilientpay.benchmarks.jmh;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.benchmarks.gateway.SimulatedAlipay;
import dev.resilientpay.ledger.jdbc.JdbcPaymentLedger;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.spi.PaymentProvider;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the JDBC ledger adds to a payment, compared with the in-memory ledger: {@code pay} is a
 * payment-code payment answered "paid" at once by the Alipay simulator on loopback (signing, HTTP,
 * verifying), through a {@link PaymentClient} on each ledger; {@code heartbeat} is one lease renewal
 * (one {@code UPDATE}), which a running call makes every quarter lease (every 15 s by default).
 *
 * <p>PostgreSQL: the server at {@code RESILIENTPAY_POSTGRES_URL} (system property or environment),
 * default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}; the table
 * {@code rp_bench_ledger} is created and dropped.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JdbcLedgerBenchmark {

    static final String TABLE = "rp_bench_ledger";

    @Param({"in-memory", "postgres"})
    public String ledger;

    /**
     * {@code loopback}: the Alipay simulator over loopback HTTP (the payment the 10 % target is about);
     * {@code instant}: {@link InMemoryProvider}, no I/O, so the difference between the ledgers is the
     * ledger's own added latency without the exchange's noise.
     */
    @Param({"loopback", "instant"})
    public String gateway;

    private SimulatedAlipay alipay;
    private HikariDataSource pool;
    private PaymentLedger store;
    private PaymentClient client;
    private String code;
    private long sequence;
    private LedgerEntry held;

    @Setup(Level.Trial)
    public void start() {
        alipay = new SimulatedAlipay();
        code = alipay.happyPaymentCode();
        PaymentProvider provider = gateway.equals("instant") ? new InMemoryProvider() : alipay.provider();
        if (ledger.equals("postgres")) {
            pool = pool(10);
            dropTable(pool);
            JdbcPaymentLedger jdbc = JdbcPaymentLedger.builder(pool).tableName(TABLE).build();
            jdbc.createSchemaIfMissing();
            store = jdbc;
        } else {
            store = PaymentLedger.inMemory();
        }
        client = PaymentClient.builder().provider(provider).ledger(store).build();
        LedgerKey key = LedgerKey.payment("bench", "bench", "HEARTBEAT");
        held = ((PaymentLedger.Begin.Started) store.begin(LedgerEntry.start(key, "fp", request("HEARTBEAT"), null,
                "bench", store.now()), Duration.ofMinutes(10))).entry();
    }

    @Setup(Level.Iteration)
    public void freshGateway() {
        alipay.reset();
        if (pool != null) {
            // Planner statistics, as autovacuum keeps them on a production table: a table that grew from
            // empty within the run has none, and PostgreSQL may then look keys up through the
            // (provider, merchant, started_at) index, filtering every row (-Danalyze=false to see it).
            if (!"false".equals(System.getProperty("analyze"))) {
                try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                    s.execute("ANALYZE " + TABLE);
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot analyze " + TABLE, e);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        client.close();
        alipay.close();
        if (pool != null) {
            dropTable(pool);
            pool.close();
        }
    }

    /** A payment through the client: ledger begin, the loopback exchange, ledger complete. */
    @Benchmark
    public Object pay() {
        return client.pay(request("L" + (1_000_000_000L + ++sequence)));
    }

    /** One lease renewal of an entry the benchmark holds. */
    @Benchmark
    public Object heartbeat() {
        return store.renew(held, Duration.ofMinutes(10)).orElseThrow();
    }

    private PaymentRequest request(String orderId) {
        return PaymentRequest.builder().orderId(orderId).amount(Money.cny(100)).subject("Benchmark coffee")
                .method(new PaymentMethod.PaymentCode(code)).build();
    }

    static HikariDataSource pool(int size) {
        String url = System.getProperty("RESILIENTPAY_POSTGRES_URL", System.getenv("RESILIENTPAY_POSTGRES_URL"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : url);
        config.setMaximumPoolSize(size);
        config.setPoolName("bench");
        if ("off".equals(System.getProperty("synchronous_commit"))) {
            // diagnosis only (-Dsynchronous_commit=off): the ledger without a WAL flush per commit
            config.setConnectionInitSql("SET synchronous_commit = off");
        }
        return new HikariDataSource(config);
    }

    static void dropTable(HikariDataSource pool) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + TABLE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + TABLE, e);
        }
    }
}
