package dev.resilientpay.benchmarks.reconciliation;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.resilientpay.ledger.jdbc.JdbcPaymentLedger;
import dev.resilientpay.ledger.jdbc.LedgerRows;
import dev.resilientpay.ledger.jdbc.SqlDialect;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.PaymentLedger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A {@link JdbcPaymentLedger} on PostgreSQL holding a {@link SyntheticDay}'s entries, loaded with
 * {@code COPY} (the ledger's {@code begin} stamps the database's clock, and the day's entries must
 * carry the day's times). Rows are the ledger's own ({@link LedgerRows}: same columns, same JSON); one
 * extra entry written through {@code begin}/{@code complete} checks that. Server:
 * {@code RESILIENTPAY_POSTGRES_URL} (system property or environment), default
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}; table {@value #TABLE}, dropped and
 * re-created for each size, dropped at the end unless kept.
 */
final class PostgresLedger implements AutoCloseable {

    static final String TABLE = "rp_recon_bench_ledger";

    private final HikariDataSource pool;
    private final JdbcPaymentLedger ledger;
    private final boolean keepTable;

    PostgresLedger(boolean keepTable) {
        this.keepTable = keepTable;
        String url = System.getProperty("RESILIENTPAY_POSTGRES_URL", System.getenv("RESILIENTPAY_POSTGRES_URL"));
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : url);
        config.setMaximumPoolSize(2);
        config.setPoolName("recon-bench");
        pool = new HikariDataSource(config);
        ledger = JdbcPaymentLedger.builder(pool).tableName(TABLE).dialect(SqlDialect.POSTGRESQL).build();
    }

    PaymentLedger ledger() {
        return ledger;
    }

    /**
     * Re-creates the table with the ledger's migration and loads the day's entries.
     *
     * @return the load time in seconds
     */
    double fill(SyntheticDay day) throws SQLException {
        long started = System.nanoTime();
        execute("DROP TABLE IF EXISTS " + TABLE);
        ledger.createSchemaIfMissing();
        LedgerRows rows = new LedgerRows();
        try (Connection c = pool.getConnection()) {
            CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + TABLE + " (" + LedgerRows.COLUMNS + ") FROM STDIN");
            try {
                StringBuilder text = new StringBuilder(1 << 20);
                for (long i = 0; i < day.size(); i++) {
                    line(text, rows.values(day.entry(i)));
                    if (text.length() > 1 << 19) {
                        flush(copy, text);
                    }
                }
                flush(copy, text);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
        // As autovacuum would do after such a load, and as a ledger's older rows are: statistics (the plans depend
        // on them), hint bits set (otherwise the first scan writes every page it reads) and the load's WAL
        // checkpointed (otherwise the checkpoint it triggers writes during the measured run).
        execute("VACUUM (ANALYZE) " + TABLE);
        try {
            execute("CHECKPOINT");
        } catch (SQLException e) {
            System.out.println("(postgres: no CHECKPOINT, the load's WAL may be written during the run: " + e.getMessage() + ")");
        }
        checkAgainstLedger(day, rows);
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * Writes entry 0 again through {@code begin} and {@code complete} under another merchant, and
     * requires every column but the key and the (database-clock) times to equal the loaded row's.
     */
    private void checkAgainstLedger(SyntheticDay day, LedgerRows rows) throws SQLException {
        LedgerEntry loaded = day.entry(0);
        LedgerKey other = LedgerKey.payment(SyntheticDay.PROVIDER, "check", loaded.key().id().substring(4));
        LedgerEntry started = ((PaymentLedger.Begin.Started) ledger.begin(LedgerEntry.start(other, loaded.fingerprint(),
                loaded.payment(), null, "bench", ledger.now()), Duration.ofMinutes(1))).entry();
        ledger.complete(started, loaded.state(), loaded.outcome(), loaded.attempts());
        String columns = "order_id, refund_id, kind, fingerprint, request, state, outcome, attempts, owner, "
                + "lease_until, version, format_version";
        Object[] mine = row(columns, SyntheticDay.MERCHANT, loaded.key().id());
        Object[] ledgers = row(columns, "check", loaded.key().id());
        execute("DELETE FROM " + TABLE + " WHERE merchant = 'check'");
        if (!Arrays.equals(mine, ledgers)) {
            throw new IllegalStateException("loaded row " + Arrays.toString(mine) + " differs from the ledger's "
                    + Arrays.toString(ledgers));
        }
        LedgerEntry read = ledger.find(loaded.key()).orElseThrow();
        if (!read.equals(loaded)) {
            throw new IllegalStateException("loaded entry reads back as " + read + ", not " + loaded);
        }
    }

    private Object[] row(String columns, String merchant, String id) throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT " + columns + " FROM " + TABLE
                     + " WHERE provider = ? AND merchant = ? AND id = ?")) {
            select.setString(1, SyntheticDay.PROVIDER);
            select.setString(2, merchant);
            select.setString(3, id);
            try (ResultSet r = select.executeQuery()) {
                if (!r.next()) {
                    throw new IllegalStateException("no row " + merchant + "/" + id);
                }
                Object[] values = new Object[r.getMetaData().getColumnCount()];
                for (int k = 0; k < values.length; k++) {
                    values[k] = r.getObject(k + 1);
                }
                return values;
            }
        }
    }

    /** One row in COPY's text format: tab-separated, {@code \N} for null, backslash escapes. */
    private static void line(StringBuilder out, Object[] values) {
        for (int k = 0; k < values.length; k++) {
            if (k > 0) {
                out.append('\t');
            }
            Object v = values[k];
            if (v == null) {
                out.append("\\N");
            } else if (v instanceof Instant instant) {
                out.append(instant); // ISO-8601 in UTC, e.g. 2025-06-09T17:00:00.072Z
            } else {
                String s = v.toString();
                for (int j = 0; j < s.length(); j++) {
                    char ch = s.charAt(j);
                    switch (ch) {
                        case '\\' -> out.append("\\\\");
                        case '\t' -> out.append("\\t");
                        case '\n' -> out.append("\\n");
                        case '\r' -> out.append("\\r");
                        default -> out.append(ch);
                    }
                }
            }
        }
        out.append('\n');
    }

    private static void flush(CopyIn copy, StringBuilder text) throws SQLException {
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        text.setLength(0);
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            if (!keepTable) {
                execute("DROP TABLE IF EXISTS " + TABLE);
            }
        } finally {
            pool.close();
        }
    }
}
