package dev.resilientpay.benchmarks.runs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database's own ceiling for what {@code recover()} needs per entry: one single-row
 * {@code UPDATE} in its own (auto-)commit, from {@code threads} connections at once, without the
 * library. {@link RecoverThroughput} on PostgreSQL cannot beat this figure on the same machine at the
 * same time; if it comes close, the library is not the limit.
 *
 * <pre>
 * java -cp 'benchmarks/target/classes:benchmarks/target/lib/*' dev.resilientpay.benchmarks.runs.CommitCeiling [rows] [threads]
 * </pre>
 * {@code -Dsynchronous_commit=off} shows the same without a WAL flush per commit (diagnosis only).
 */
public final class CommitCeiling {

    private static final String TABLE = "rp_bench_commit_ceiling";

    private CommitCeiling() {}

    /** Runs once and prints commits per second. */
    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        String url = System.getProperty("RESILIENTPAY_POSTGRES_URL", System.getenv("RESILIENTPAY_POSTGRES_URL"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : url);
        config.setMaximumPoolSize(threads + 1);
        if ("off".equals(System.getProperty("synchronous_commit"))) {
            config.setConnectionInitSql("SET synchronous_commit = off");
        }
        try (HikariDataSource pool = new HikariDataSource(config)) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + TABLE);
                s.execute("CREATE TABLE " + TABLE + " (id INTEGER PRIMARY KEY, state VARCHAR(16) NOT NULL, "
                        + "outcome TEXT, version BIGINT NOT NULL)");
                s.execute("INSERT INTO " + TABLE + " SELECT g, 'IN_FLIGHT', NULL, 1 FROM generate_series(1, " + rows + ") g");
            }
            AtomicInteger next = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(threads);
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(workers.submit(() -> {
                    int id;
                    while ((id = next.incrementAndGet()) <= rows) {
                        try (Connection c = pool.getConnection(); PreparedStatement update = c.prepareStatement(
                                "UPDATE " + TABLE + " SET state = 'COMPLETED', outcome = ?, version = version + 1 "
                                        + "WHERE id = ? AND version = 1")) {
                            update.setString(1, "{\"v\":1,\"type\":\"Paid\",\"orderId\":\"R" + id + "\"}");
                            update.setInt(2, id);
                            update.executeUpdate();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            workers.shutdown();
            System.out.printf("%d single-row auto-commit UPDATEs from %d connections in %.2f s = %.0f commits/s "
                    + "(synchronous_commit %s); load average %s%n", rows, threads, seconds, rows / seconds,
                    System.getProperty("synchronous_commit", "on"), RecoverThroughput.loadAverage());
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE " + TABLE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
