package dev.resilientpay.ledger.jdbc;

import dev.resilientpay.Outcome;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.LedgerUnavailableException;
import dev.resilientpay.spi.PaymentLedger;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link PaymentLedger} in a PostgreSQL (12+), MySQL (8.0+) or MariaDB (10.6+) table, shared by
 * every instance of a service and surviving restarts.
 *
 * <pre>{@code
 * HikariDataSource pool = new HikariDataSource(config);          // the application's pool
 * JdbcPaymentLedger ledger = JdbcPaymentLedger.builder(pool)
 *         .tableName("resilient_pay_ledger")                       // the default
 *         .retention(Duration.ofDays(90))                          // the default
 *         .build();
 * ledger.createSchemaIfMissing();                                  // or copy the migration into Flyway
 * PaymentClient client = PaymentClient.builder().provider(alipay).ledger(ledger).build();
 * client.recover();                                                // on start-up
 * }</pre>
 *
 * <p>Every method is one short statement or transaction on a connection borrowed from the data source
 * and returned at once: no transaction stays open across calls. Writes are compare-and-sets on the
 * entry's version; {@link #claimUnresolved} locks candidates with {@code FOR UPDATE SKIP LOCKED}, so
 * concurrent recoverers on several instances share the work. Store failures surface as
 * {@link LedgerUnavailableException} naming the operation and the SQL state, never a value.
 *
 * <p><b>Clock.</b> Leases and timestamps are in the database's time, so instances whose clocks
 * disagree still agree on who holds a lease. The ledger reads the database clock on first use and
 * then every {@link Builder#clockSync(Duration) minute}, and between reads adds the time elapsed on
 * this JVM's monotonic clock: {@link #now()} costs no round trip, and is off by at most the drift of
 * the two clocks over a minute (micro-seconds) plus half a round trip.
 */
public final class JdbcPaymentLedger implements PaymentLedger {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,47}");
    private static final String DEFAULT_TABLE = "resilient_pay_ledger";
    private static final String COLUMNS = "provider, merchant, id, order_id, refund_id, kind, fingerprint, request, "
            + "state, outcome, attempts, started_at, updated_at, owner, lease_until, version, format_version";
    private static final String UNRESOLVED = "state IN ('IN_FLIGHT', 'IN_DOUBT')";
    private static final int TRIES = 3;
    /** The order {@link #claimUnresolved} takes rows in: {@code ORDER BY updated_at, provider, merchant, id}. */
    private static final Comparator<LedgerEntry> OLDEST_FIRST = Comparator.comparing(LedgerEntry::updatedAt)
            .thenComparing(e -> e.key().provider()).thenComparing(e -> e.key().merchant()).thenComparing(e -> e.key().id());

    private final DataSource dataSource;
    private final String table;
    private final Duration retention;
    private final int purgeBatch;
    private final DatabaseClock clock;
    private final LedgerJson json = new LedgerJson();
    private volatile SqlDialect dialect;
    private volatile Statements sql;

    private JdbcPaymentLedger(Builder b) {
        this.dataSource = b.dataSource;
        this.table = b.tableName;
        this.retention = b.retention;
        this.purgeBatch = b.purgeBatch;
        this.dialect = b.dialect;
        this.clock = new DatabaseClock(this::readDatabaseClock, b.clockSync, b.clockSkew);
        if (dialect != null) {
            sql = new Statements(table, dialect);
        }
    }

    /**
     * A builder for a ledger on {@code dataSource}; the application owns the pool and its size.
     *
     * @param dataSource where the ledger's table lives
     * @return a new builder
     */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /**
     * The dialect in use: the one set on the builder, otherwise detected from the database's metadata
     * on first use.
     *
     * @return the dialect
     */
    public SqlDialect dialect() {
        return statements().dialect;
    }

    /**
     * The table's name.
     *
     * @return the name given to the builder, or {@code resilient_pay_ledger}
     */
    public String tableName() {
        return table;
    }

    /**
     * How long completed entries are kept before {@link #purgeExpired()} deletes them.
     *
     * @return the retention
     */
    public Duration retention() {
        return retention;
    }

    /**
     * Creates the table and its indexes unless they exist, with the dialect's migration
     * ({@link SqlDialect#migrationResource()}) under this ledger's table name. Opt-in: a service
     * that manages its schema with Flyway or Liquibase copies the migration instead.
     *
     * @throws LedgerUnavailableException if the database cannot be reached or refuses the DDL
     */
    public void createSchemaIfMissing() {
        Statements s = statements();
        String ddl = s.dialect.migrationResource();
        List<String> statements = ddlStatements(ddl, table);
        run("create schema", false, connection -> {
            try (Statement statement = connection.createStatement()) {
                for (String each : statements) {
                    statement.execute(each);
                }
            }
            return null;
        });
    }

    /**
     * Deletes completed entries last updated more than {@link #retention()} ago, in batches (each
     * batch its own short statement, so a large purge never holds locks for long). Call it from a
     * scheduler, e.g. once an hour; unresolved entries are never purged.
     *
     * @return how many entries were deleted
     */
    public int purgeExpired() {
        Instant before = now().minus(retention);
        int total = 0;
        while (true) {
            int purged = purgeCompleted(before, purgeBatch);
            total += purged;
            if (purged < purgeBatch) {
                return total;
            }
        }
    }

    // ------------------------------------------------------------------ PaymentLedger

    @Override
    public Instant now() {
        return clock.now();
    }

    @Override
    public Begin begin(LedgerEntry entry, Duration lease) {
        Objects.requireNonNull(entry, "entry");
        requireLease(lease);
        Statements s = statements();
        Instant now = now();
        LedgerEntry stored = new LedgerEntry(entry.key(), entry.fingerprint(), entry.payment(), entry.refund(),
                LedgerState.IN_FLIGHT, null, 0, now, now, entry.owner(), now.plus(lease), 1, entry.policy());
        String request = stored.payment() != null ? json.write(stored.payment(), stored.policy())
                : json.write(stored.refund(), stored.policy());
        return run("begin", false, connection -> {
            for (int round = 0; round < TRIES; round++) {
                if (insert(connection, s, stored, request)) {
                    return new Begin.Started(stored);
                }
                Optional<LedgerEntry> existing = select(connection, s, entry.key());
                if (existing.isPresent()) {
                    return existing.get().fingerprint().equals(entry.fingerprint())
                            ? new Begin.Existing(existing.get()) : new Begin.Conflict(existing.get());
                }
                // released between our insert and our read: insert again
            }
            throw new SQLException("entry kept appearing and disappearing", "40001");
        });
    }

    private boolean insert(Connection connection, Statements s, LedgerEntry e, String request) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(s.insert)) {
            int i = bindKey(insert, 1, e.key());
            insert.setString(i++, e.orderId());
            insert.setString(i++, e.refund() != null ? e.refund().refundId() : null);
            insert.setString(i++, e.payment() != null ? "PAYMENT" : "REFUND");
            insert.setString(i++, e.fingerprint());
            insert.setString(i++, request);
            insert.setString(i++, e.state().name());
            insert.setString(i++, null);
            insert.setInt(i++, e.attempts());
            s.dialect.setInstant(insert, i++, e.startedAt());
            s.dialect.setInstant(insert, i++, e.updatedAt());
            insert.setString(i++, e.owner());
            s.dialect.setInstant(insert, i++, e.leaseUntil());
            insert.setLong(i++, e.version());
            insert.setInt(i, LedgerJson.FORMAT);
            return insert.executeUpdate() == 1;
        } catch (SQLException ex) {
            if (isDuplicateKey(ex)) {
                return false;
            }
            throw ex;
        }
    }

    @Override
    public Optional<LedgerEntry> renew(LedgerEntry owned, Duration lease) {
        requireLease(lease);
        Statements s = statements();
        Instant now = now();
        Instant until = now.plus(lease);
        return run("renew", false, connection -> {
            try (PreparedStatement update = connection.prepareStatement(s.renew)) {
                s.dialect.setInstant(update, 1, until);
                int i = bindKey(update, 2, owned.key());
                update.setLong(i++, owned.version());
                update.setString(i++, owned.owner());
                s.dialect.setInstant(update, i, now);
                return update.executeUpdate() == 1 ? Optional.of(owned.renewed(until)) : Optional.empty();
            }
        });
    }

    @Override
    public Optional<LedgerEntry> claim(LedgerKey key, String owner, Duration lease) {
        Objects.requireNonNull(owner, "owner");
        requireLease(lease);
        Statements s = statements();
        Instant now = now();
        return run("claim", true, connection -> {
            Optional<LedgerEntry> found;
            try (PreparedStatement select = connection.prepareStatement(s.selectForUpdate)) {
                bindKey(select, 1, key);
                found = one(select, s);
            }
            if (found.isEmpty() || found.get().state() == LedgerState.COMPLETED || !found.get().unowned(now)) {
                return Optional.<LedgerEntry>empty();
            }
            LedgerEntry claimed = found.get().claimed(owner, now.plus(lease), now);
            return takeOwnership(connection, s, found.get(), claimed) ? Optional.of(claimed) : Optional.<LedgerEntry>empty();
        });
    }

    @Override
    public List<LedgerEntry> claimUnresolved(String owner, Duration lease, int limit) {
        Objects.requireNonNull(owner, "owner");
        requireLease(lease);
        requireLimit(limit);
        Statements s = statements();
        Instant now = now();
        if (s.claimUnresolvedAtOnce != null) {
            // PostgreSQL: pick, lock and take the rows in one statement (one round trip, one commit)
            // instead of a SELECT and one UPDATE per row; same rows, same order, same fencing, and the same
            // READ COMMITTED transaction as the other path.
            return run("claimUnresolved", true, connection -> {
                List<LedgerEntry> seen;
                try (PreparedStatement claim = connection.prepareStatement(s.claimUnresolvedAtOnce)) {
                    s.dialect.setInstant(claim, 1, now);
                    claim.setInt(2, limit);
                    claim.setString(3, owner);
                    s.dialect.setInstant(claim, 4, now.plus(lease));
                    s.dialect.setInstant(claim, 5, now);
                    seen = all(claim, s);
                }
                seen.sort(OLDEST_FIRST);
                List<LedgerEntry> claimed = new ArrayList<>(seen.size());
                for (LedgerEntry candidate : seen) {
                    claimed.add(candidate.claimed(owner, now.plus(lease), now));
                }
                return claimed;
            });
        }
        return run("claimUnresolved", true, connection -> {
            List<LedgerEntry> candidates;
            try (PreparedStatement select = connection.prepareStatement(s.claimUnresolved)) {
                s.dialect.setInstant(select, 1, now);
                select.setInt(2, limit);
                candidates = all(select, s);
            }
            List<LedgerEntry> claimed = new ArrayList<>(candidates.size());
            for (LedgerEntry candidate : candidates) {
                LedgerEntry mine = candidate.claimed(owner, now.plus(lease), now);
                if (takeOwnership(connection, s, candidate, mine)) {
                    claimed.add(mine);
                }
            }
            return claimed;
        });
    }

    private static boolean takeOwnership(Connection connection, Statements s, LedgerEntry seen, LedgerEntry claimed)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(s.claim)) {
            update.setString(1, claimed.owner());
            s.dialect.setInstant(update, 2, claimed.leaseUntil());
            s.dialect.setInstant(update, 3, claimed.updatedAt());
            int i = bindKey(update, 4, seen.key());
            update.setLong(i, seen.version());
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public Optional<LedgerEntry> complete(LedgerEntry seen, LedgerState state, Outcome outcome, int attempts) {
        Objects.requireNonNull(state, "state");
        Statements s = statements();
        Instant now = now();
        // Same version means same row: what is stored is the seen entry with this change.
        LedgerEntry stored = seen.completed(state, outcome, seen.attempts() + attempts, now);
        String outcomeJson = outcome == null ? null : json.write(outcome);
        return run("complete", false, connection -> {
            try (PreparedStatement update = connection.prepareStatement(s.complete)) {
                update.setString(1, state.name());
                update.setString(2, outcomeJson);
                update.setInt(3, attempts);
                s.dialect.setInstant(update, 4, now);
                int i = bindKey(update, 5, seen.key());
                update.setLong(i, seen.version());
                return update.executeUpdate() == 1 ? Optional.of(stored) : Optional.empty();
            }
        });
    }

    @Override
    public boolean release(LedgerEntry owned) {
        Statements s = statements();
        return run("release", false, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(s.release)) {
                int i = bindKey(delete, 1, owned.key());
                delete.setLong(i, owned.version());
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<LedgerEntry> find(LedgerKey key) {
        Statements s = statements();
        return run("find", false, connection -> select(connection, s, key));
    }

    @Override
    public List<LedgerEntry> unresolved(int limit) {
        requireLimit(limit);
        Statements s = statements();
        return run("unresolved", false, connection -> {
            try (PreparedStatement select = connection.prepareStatement(s.unresolved)) {
                select.setInt(1, limit);
                return all(select, s);
            }
        });
    }

    @Override
    public List<LedgerEntry> scan(String provider, String merchant, Instant from, Instant to, String afterId, int limit) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(merchant, "merchant");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        requireLimit(limit);
        Statements s = statements();
        return run("scan", false, connection -> {
            try (PreparedStatement select = connection.prepareStatement(afterId == null ? s.scanFirst : s.scanAfter)) {
                int i = 1;
                select.setString(i++, provider);
                select.setString(i++, merchant);
                s.dialect.setInstant(select, i++, from);
                s.dialect.setInstant(select, i++, to);
                if (afterId != null) {
                    select.setString(i++, afterId);
                }
                select.setInt(i, limit);
                return all(select, s);
            }
        });
    }

    @Override
    public int purgeCompleted(Instant before, int limit) {
        Objects.requireNonNull(before, "before");
        requireLimit(limit);
        Statements s = statements();
        return run("purge", false, connection -> {
            try (PreparedStatement delete = connection.prepareStatement(s.purge)) {
                s.dialect.setInstant(delete, 1, before);
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
    }

    // ------------------------------------------------------------------ rows

    private Optional<LedgerEntry> select(Connection connection, Statements s, LedgerKey key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(s.select)) {
            bindKey(select, 1, key);
            return one(select, s);
        }
    }

    private Optional<LedgerEntry> one(PreparedStatement select, Statements s) throws SQLException {
        List<LedgerEntry> rows = all(select, s);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private List<LedgerEntry> all(PreparedStatement select, Statements s) throws SQLException {
        List<LedgerEntry> entries = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                entries.add(entry(rows, s.dialect));
            }
        }
        return entries;
    }

    private LedgerEntry entry(ResultSet rows, SqlDialect d) throws SQLException {
        LedgerKey key = new LedgerKey(rows.getString("provider"), rows.getString("merchant"), rows.getString("id"));
        try {
            boolean payment = "PAYMENT".equals(rows.getString("kind"));
            LedgerJson.StoredRequest request = json.readRequest(rows.getString("request"), payment);
            String outcome = rows.getString("outcome");
            String owner = rows.getString("owner");
            return new LedgerEntry(key, rows.getString("fingerprint"), request.payment(), request.refund(),
                    LedgerState.valueOf(rows.getString("state")), outcome == null ? null : json.readOutcome(outcome),
                    rows.getInt("attempts"), d.getInstant(rows, "started_at"), d.getInstant(rows, "updated_at"),
                    owner, d.getInstant(rows, "lease_until"), rows.getLong("version"), request.policy());
        } catch (IllegalArgumentException | NullPointerException e) {
            // Not a store outage, but the caller cannot act on the entry either; the message names
            // the key (an order id, never a payment code) and what is wrong.
            throw new LedgerUnavailableException("ledger entry " + key + " in " + table + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static int bindKey(PreparedStatement statement, int from, LedgerKey key) throws SQLException {
        statement.setString(from, key.provider());
        statement.setString(from + 1, key.merchant());
        statement.setString(from + 2, key.id());
        return from + 3;
    }

    // ------------------------------------------------------------------ connections

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a borrowed connection: autocommit for one statement, one short
     * transaction ({@code READ COMMITTED}) otherwise. A deadlock or serialization failure is tried
     * again; any other failure becomes a {@link LedgerUnavailableException}.
     */
    private <T> T run(String operation, boolean transaction, Work<T> work) {
        SQLException last = null;
        for (int attempt = 0; attempt < TRIES; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                if (!transaction) {
                    if (!connection.getAutoCommit()) {
                        connection.setAutoCommit(true);
                    }
                    return work.run(connection);
                }
                int isolation = connection.getTransactionIsolation();
                connection.setAutoCommit(false);
                try {
                    if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    }
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection);
                    throw e;
                } finally {
                    if (isolation != Connection.TRANSACTION_READ_COMMITTED) {
                        connection.setTransactionIsolation(isolation);
                    }
                    connection.setAutoCommit(true);
                }
            } catch (SQLException e) {
                last = e;
                if (!isTransient(e)) {
                    break;
                }
            }
        }
        throw new LedgerUnavailableException("ledger " + operation + " on table " + table + " failed (SQL state "
                + last.getSQLState() + ", error " + last.getErrorCode() + ")", last);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the pool discards it, and the database rolls back
        }
    }

    /** Deadlock or serialization failure: the database rolled back, trying again is safe. */
    private static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.equals("40001") || state.equals("40P01")) || e.getErrorCode() == 1213;
    }

    private static boolean isDuplicateKey(SQLException e) {
        return e.getErrorCode() == 1062 || "23505".equals(e.getSQLState());
    }

    private Statements statements() {
        Statements s = sql;
        if (s == null) {
            synchronized (this) {
                if (sql == null) {
                    SqlDialect detected = dialect != null ? dialect : run("detect dialect", false, SqlDialect::of);
                    dialect = detected;
                    sql = new Statements(table, detected);
                }
                s = sql;
            }
        }
        return s;
    }

    private Instant readDatabaseClock() {
        Statements s = statements();
        return run("read clock", false, connection -> {
            try (PreparedStatement select = connection.prepareStatement(s.dialect.nowQuery());
                 ResultSet rows = select.executeQuery()) {
                rows.next();
                return s.dialect.getInstant(rows, rows.getMetaData().getColumnLabel(1));
            }
        });
    }

    static List<String> ddlStatements(String resource, String table) {
        String text;
        try (InputStream in = JdbcPaymentLedger.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
        StringBuilder withoutComments = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("--")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        for (String statement : withoutComments.toString().split(";")) {
            if (!statement.isBlank()) {
                statements.add(statement.strip().replace(DEFAULT_TABLE, table));
            }
        }
        return statements;
    }

    private static void requireLease(Duration lease) {
        Objects.requireNonNull(lease, "lease");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, was " + lease);
        }
    }

    private static void requireLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, was " + limit);
        }
    }

    @Override
    public String toString() {
        return "JdbcPaymentLedger[" + table + (dialect != null ? ", " + dialect : "") + ", retention " + retention + "]";
    }

    /** The SQL of one table in one dialect, built once. */
    private static final class Statements {
        final SqlDialect dialect;
        final String insert;
        final String select;
        final String selectForUpdate;
        final String renew;
        final String claim;
        final String claimUnresolved;
        /** {@link #claimUnresolved} as one statement, or {@code null} where the dialect has no {@code RETURNING}. */
        final String claimUnresolvedAtOnce;
        final String complete;
        final String release;
        final String unresolved;
        final String scanFirst;
        final String scanAfter;
        final String purge;

        Statements(String t, SqlDialect d) {
            String key = " WHERE provider = ? AND merchant = ? AND id = ?";
            String order = " ORDER BY started_at, provider, merchant, id";
            dialect = d;
            insert = d.insertIfAbsent("INSERT INTO " + t + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            select = "SELECT " + COLUMNS + " FROM " + t + key;
            selectForUpdate = select + " FOR UPDATE";
            renew = "UPDATE " + t + " SET lease_until = ?" + key + " AND version = ? AND owner = ? AND lease_until > ?";
            claim = "UPDATE " + t + " SET owner = ?, lease_until = ?, updated_at = ?, version = version + 1" + key
                    + " AND version = ?";
            claimUnresolved = "SELECT " + COLUMNS + " FROM " + t + " WHERE " + UNRESOLVED
                    + " AND (lease_until IS NULL OR lease_until <= ?)" + " ORDER BY updated_at, provider, merchant, id" + " LIMIT ? FOR UPDATE SKIP LOCKED";
            // The same candidates, locked and taken in one statement; RETURNING gives the rows as they were
            // before the claim (the CTE's), so the caller builds the claimed entries as the other path does.
            // The rows are joined by the ctid of the version the CTE locked (a TID scan per row: the planner
            // cannot pick a poor index for the join on a large table with one provider and merchant); the
            // key and version are checked as well, and only rows the UPDATE changed are returned.
            claimUnresolvedAtOnce = d != SqlDialect.POSTGRESQL ? null : "WITH picked AS ("
                    + claimUnresolved.replace("SELECT " + COLUMNS, "SELECT ctid AS locked_row, " + COLUMNS) + ") UPDATE "
                    + t + " AS taken SET owner = ?, lease_until = ?, updated_at = ?, version = taken.version + 1 FROM picked"
                    + " WHERE taken.ctid = picked.locked_row AND taken.provider = picked.provider"
                    + " AND taken.merchant = picked.merchant AND taken.id = picked.id"
                    + " AND taken.version = picked.version RETURNING "
                    + java.util.Arrays.stream(COLUMNS.split(",\\s*")).map(c -> "picked." + c).collect(Collectors.joining(", "));
            complete = "UPDATE " + t + " SET state = ?, outcome = ?, attempts = attempts + ?, updated_at = ?, owner = NULL, "
                    + "lease_until = NULL, version = version + 1" + key + " AND version = ?";
            release = "DELETE FROM " + t + key + " AND version = ?";
            unresolved = "SELECT " + COLUMNS + " FROM " + t + " WHERE " + UNRESOLVED + order + " LIMIT ?";
            String scan = "SELECT " + COLUMNS + " FROM " + t
                    + " WHERE provider = ? AND merchant = ? AND started_at >= ? AND started_at < ?";
            scanFirst = scan + " ORDER BY id LIMIT ?";
            scanAfter = scan + " AND id > ? ORDER BY id LIMIT ?";
            purge = d.purge(t);
        }
    }

    /** Builds a {@link JdbcPaymentLedger}. */
    public static final class Builder {
        private final DataSource dataSource;
        private String tableName = DEFAULT_TABLE;
        private Duration retention = PaymentLedger.DEFAULT_RETENTION;
        private int purgeBatch = 1000;
        private SqlDialect dialect;
        private Duration clockSync = Duration.ofMinutes(1);
        private Supplier<Duration> clockSkew = () -> Duration.ZERO;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource must not be null");
        }

        /**
         * The table's name (default {@code resilient_pay_ledger}), in the connection's default schema.
         *
         * @param tableName a plain identifier: a letter or {@code _}, then letters, digits or {@code _}; at most 48
         * @return this builder
         */
        public Builder tableName(String tableName) {
            if (tableName == null || !TABLE_NAME.matcher(tableName).matches()) {
                throw new IllegalArgumentException("tableName must be a letter or _ followed by letters, digits or _, "
                        + "at most 48 characters, was " + (tableName == null ? "null" : "'" + tableName + "'"));
            }
            this.tableName = tableName;
            return this;
        }

        /**
         * How long completed entries are kept (default 90 days): long enough to reconcile with the
         * provider's bills and to answer a late duplicate request from the ledger.
         *
         * @param retention at least one day
         * @return this builder
         */
        public Builder retention(Duration retention) {
            Objects.requireNonNull(retention, "retention must not be null");
            if (retention.compareTo(Duration.ofDays(1)) < 0) {
                throw new IllegalArgumentException("retention must be at least 1 day, was " + retention);
            }
            this.retention = retention;
            return this;
        }

        /**
         * How many entries one purge statement deletes (default 1000).
         *
         * @param purgeBatch 1 to 100,000
         * @return this builder
         */
        public Builder purgeBatch(int purgeBatch) {
            if (purgeBatch < 1 || purgeBatch > 100_000) {
                throw new IllegalArgumentException("purgeBatch must be 1 to 100000, was " + purgeBatch);
            }
            this.purgeBatch = purgeBatch;
            return this;
        }

        /**
         * The database's dialect, instead of detecting it from the metadata on first use.
         *
         * @param dialect the dialect
         * @return this builder
         */
        public Builder dialect(SqlDialect dialect) {
            this.dialect = Objects.requireNonNull(dialect, "dialect must not be null");
            return this;
        }

        /**
         * How often the database clock is read again (default one minute); in between, time is
         * counted on this JVM's monotonic clock.
         *
         * @param clockSync 1 second to 1 hour
         * @return this builder
         */
        public Builder clockSync(Duration clockSync) {
            Objects.requireNonNull(clockSync, "clockSync must not be null");
            if (clockSync.compareTo(Duration.ofSeconds(1)) < 0 || clockSync.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("clockSync must be 1s to 1h, was " + clockSync);
            }
            this.clockSync = clockSync;
            return this;
        }

        /** Tests only: a shift added to the database's clock, to let leases run out without waiting. */
        Builder clockSkew(Supplier<Duration> clockSkew) {
            this.clockSkew = Objects.requireNonNull(clockSkew);
            return this;
        }

        /**
         * Builds the ledger. No connection is made until first use.
         *
         * @return the ledger
         */
        public JdbcPaymentLedger build() {
            return new JdbcPaymentLedger(this);
        }
    }
}
