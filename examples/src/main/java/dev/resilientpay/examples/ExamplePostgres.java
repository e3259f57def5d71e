package dev.resilientpay.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A PostgreSQL for the examples' durable ledger: the server at {@code RESILIENTPAY_POSTGRES_URL} if
 * set; otherwise an embedded one (its binaries come from Maven Central). PostgreSQL refuses to run
 * as root, so as root the local server {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}.
 */
public final class ExamplePostgres implements AutoCloseable {

    private final EmbeddedPostgres embedded;
    private final HikariDataSource pool;

    private ExamplePostgres(EmbeddedPostgres embedded, String url) {
        this.embedded = embedded;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(10);
        config.setConnectionTimeout(5_000);
        this.pool = new HikariDataSource(config);
    }

    /**
     * Starts (or connects to) a PostgreSQL.
     *
     * @return the database; close it when done
     */
    public static ExamplePostgres start() {
        String url = System.getenv("RESILIENTPAY_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return new ExamplePostgres(null, url);
        }
        if ("root".equals(System.getProperty("user.name"))) {
            return new ExamplePostgres(null, "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        }
        try {
            EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
            return new ExamplePostgres(embedded, embedded.getJdbcUrl("postgres", "postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /**
     * The pool, as an application would configure HikariCP.
     *
     * @return the pool
     */
    public HikariDataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Drops {@code table} if it exists: the examples leave nothing behind on a shared server.
     *
     * @param table the table
     */
    public void drop(String table) {
        try (java.sql.Connection c = pool.getConnection(); java.sql.Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot drop " + table, e);
        }
    }

    @Override
    public String toString() {
        return embedded != null ? "embedded PostgreSQL" : "PostgreSQL at " + pool.getJdbcUrl();
    }
}
