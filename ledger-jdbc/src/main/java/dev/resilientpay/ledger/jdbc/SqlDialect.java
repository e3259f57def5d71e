package dev.resilientpay.ledger.jdbc;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/** The databases the JDBC ledger runs on, and what differs between them. */
public enum SqlDialect {

    /** PostgreSQL 12 or later. Times are {@code timestamptz}. */
    POSTGRESQL("postgresql", "SELECT clock_timestamp()") {
        @Override
        void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
            statement.setObject(index, value == null ? null : OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }

        @Override
        Instant getInstant(ResultSet rows, String column) throws SQLException {
            OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
            return value == null ? null : value.toInstant();
        }

        @Override
        String insertIfAbsent(String insert) {
            return insert + " ON CONFLICT (provider, merchant, id) DO NOTHING";
        }

        @Override
        String purge(String table) {
            return "DELETE FROM " + table + " WHERE (provider, merchant, id) IN (SELECT provider, merchant, id FROM "
                    + table + " WHERE state = 'COMPLETED' AND updated_at < ? LIMIT ? FOR UPDATE SKIP LOCKED)";
        }
    },

    /** MySQL 8.0 or later and MariaDB 10.6 or later. Times are UTC {@code DATETIME(6)}. */
    MYSQL("mysql", "SELECT UTC_TIMESTAMP(6)") {
        @Override
        void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException {
            statement.setObject(index, value == null ? null : LocalDateTime.ofInstant(value, ZoneOffset.UTC));
        }

        @Override
        Instant getInstant(ResultSet rows, String column) throws SQLException {
            LocalDateTime value = rows.getObject(column, LocalDateTime.class);
            return value == null ? null : value.toInstant(ZoneOffset.UTC);
        }

        @Override
        String insertIfAbsent(String insert) {
            // IGNORE: a duplicate key inserts nothing (0 rows) instead of an error that drivers log as a
            // warning on every duplicate submission. IGNORE also downgrades bad values to warnings, but
            // every value is validated before (key parts, ids and owner have bounded lengths, JSON fits
            // MEDIUMTEXT, NOT NULL columns always get a value). ON DUPLICATE KEY UPDATE is not used:
            // its row count depends on the driver's found-rows flag.
            return insert.replaceFirst("^INSERT ", "INSERT IGNORE ");
        }

        @Override
        String purge(String table) {
            return "DELETE FROM " + table + " WHERE state = 'COMPLETED' AND updated_at < ? ORDER BY updated_at LIMIT ?";
        }
    };

    private final String folder;
    private final String now;

    SqlDialect(String folder, String now) {
        this.folder = folder;
        this.now = now;
    }

    /**
     * The Flyway-style migration that creates the ledger's table for this dialect, as a class path
     * resource: {@code db/migration/<dialect>/V1__resilient_pay_ledger.sql}.
     *
     * @return the resource name
     */
    public String migrationResource() {
        return "db/migration/" + folder + "/V1__resilient_pay_ledger.sql";
    }

    /** The query that reads the database's clock. */
    String nowQuery() {
        return now;
    }

    abstract void setInstant(PreparedStatement statement, int index, Instant value) throws SQLException;

    abstract Instant getInstant(ResultSet rows, String column) throws SQLException;

    /** {@code insert} made to do nothing (or fail with a duplicate key) when the key exists. */
    abstract String insertIfAbsent(String insert);

    /** Deletes up to {@code ?} completed entries updated before {@code ?}. */
    abstract String purge(String table);

    /**
     * The dialect of the database behind {@code connection}, checking its version.
     *
     * @throws IllegalStateException for a database or version the ledger does not support
     */
    static SqlDialect of(Connection connection) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        String product = meta.getDatabaseProductName();
        String version = meta.getDatabaseProductVersion();
        int major = meta.getDatabaseMajorVersion();
        int minor = meta.getDatabaseMinorVersion();
        String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            require(major >= 12, "PostgreSQL 12 or later", product, version);
            return POSTGRESQL;
        }
        if (name.contains("mariadb") || (version != null && version.toLowerCase(Locale.ROOT).contains("mariadb"))) {
            require(major > 10 || (major == 10 && minor >= 6), "MariaDB 10.6 or later", product, version);
            return MYSQL;
        }
        if (name.contains("mysql")) {
            require(major >= 8, "MySQL 8.0 or later", product, version);
            return MYSQL;
        }
        throw new IllegalStateException("the JDBC ledger supports PostgreSQL, MySQL and MariaDB, not " + product);
    }

    private static void require(boolean supported, String needed, String product, String version) {
        if (!supported) {
            throw new IllegalStateException("the JDBC ledger needs " + needed + ", this is " + product + " " + version
                    + " (FOR UPDATE SKIP LOCKED is required)");
        }
    }
}
