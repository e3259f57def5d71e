package dev.resilientpay.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the JDBC ledger does beyond the contract: rows, formats, retention, locking, failures. */
abstract class JdbcPaymentLedgerTest {

    private static final Duration LEASE = Duration.ofSeconds(30);
    private final AtomicReference<Duration> skew = new AtomicReference<>(Duration.ZERO);
    private HikariDataSource pool;
    private String table;
    private JdbcPaymentLedger ledger;

    abstract String url();

    abstract SqlDialect expectedDialect();

    @BeforeEach
    void createTable() {
        pool = TestDatabases.pool(url(), 4);
        table = TestDatabases.uniqueTable("rp_ledger");
        ledger = JdbcPaymentLedger.builder(pool).tableName(table).retention(Duration.ofDays(1)).purgeBatch(2)
                .clockSkew(skew::get).build();
        ledger.createSchemaIfMissing();
    }

    @AfterEach
    void dropTable() {
        TestDatabases.drop(pool, table);
        pool.close();
    }

    @Test
    void theDialectIsDetectedFromTheDatabase() {
        assertThat(ledger.dialect()).isEqualTo(expectedDialect());
    }

    @Test
    void creatingTheSchemaAgainChangesNothing() {
        LedgerEntry kept = begin("KEEP1");

        ledger.createSchemaIfMissing();

        assertThat(ledger.find(kept.key())).contains(kept);
    }

    @Test
    void theStoredRowHoldsTheRedactedRequestAndNeverThePaymentCode() throws SQLException {
        String code = "284012345678901234";
        PaymentRequest request = PaymentRequest.builder().orderId("CODE1").amount(Money.cny(4600)).subject("Tea")
                .method(new PaymentMethod.PaymentCode(code)).build();
        LedgerKey key = LedgerKey.payment("alipay", "merchant-1", "CODE1");
        LedgerEntry stored = ((PaymentLedger.Begin.Started) ledger.begin(
                LedgerEntry.start(key, "fp", request, null, "owner-1", ledger.now()), LEASE)).entry();
        ledger.complete(stored, LedgerState.COMPLETED, new PaymentOutcome.Paid("CODE1", "T1", Money.cny(4600), null), 1);

        try (Connection c = pool.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT * FROM " + table);
             ResultSet rows = select.executeQuery()) {
            assertThat(rows.next()).isTrue();
            int columns = rows.getMetaData().getColumnCount();
            for (int i = 1; i <= columns; i++) {
                String value = rows.getString(i);
                assertThat(value == null ? "" : value).as(rows.getMetaData().getColumnName(i))
                        .doesNotContain(code).doesNotContain(code.substring(2, 12));
            }
            assertThat(rows.getString("request")).contains("28****************");
            assertThat(rows.getString("order_id")).isEqualTo("CODE1");
            assertThat(rows.getString("kind")).isEqualTo("PAYMENT");
            assertThat(rows.getString("state")).isEqualTo("COMPLETED");
            assertThat(rows.getInt("format_version")).isEqualTo(1);
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void aRowWrittenByThePreviousFormatStillReads() throws SQLException {
        Instant at = Instant.parse("2025-01-01T08:00:00Z");
        try (Connection c = pool.getConnection(); PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                + " (provider, merchant, id, order_id, refund_id, kind, fingerprint, request, state, outcome, attempts,"
                + " started_at, updated_at, owner, lease_until, version, format_version)"
                + " VALUES ('alipay', 'merchant-1', 'pay:OLD-1', 'OLD-1', NULL, 'PAYMENT', 'fp-old', ?, 'COMPLETED', ?, 1,"
                + " ?, ?, NULL, NULL, 2, 0)")) {
            insert.setString(1, fixture("v0-payment-request.json"));
            insert.setString(2, fixture("v0-outcome-paid.json"));
            ledger.dialect().setInstant(insert, 3, at);
            ledger.dialect().setInstant(insert, 4, at);
            insert.executeUpdate();
        }

        LedgerEntry old = ledger.find(LedgerKey.payment("alipay", "merchant-1", "OLD-1")).orElseThrow();

        assertThat(old.outcome()).isEqualTo(new PaymentOutcome.Paid("OLD-1", "2025010122001400001", Money.cny(4600),
                Instant.parse("2025-01-01T08:00:01Z")));
        assertThat(old.payment().amount()).isEqualTo(Money.cny(4600));
        assertThat(old.startedAt()).isEqualTo(at);
        assertThat(old.version()).isEqualTo(2);
        assertThat(old.policy()).as("rows before entries kept a policy have none").isNull();
    }

    @Test
    void aRowWrittenBeforeEntriesKeptAPolicyReadsWithoutOneAndCanBeClaimed() throws SQLException {
        Instant at = ledger.now().minus(LEASE.multipliedBy(2));
        try (Connection c = pool.getConnection(); PreparedStatement insert = c.prepareStatement("INSERT INTO " + table
                + " (provider, merchant, id, order_id, refund_id, kind, fingerprint, request, state, outcome, attempts,"
                + " started_at, updated_at, owner, lease_until, version, format_version)"
                + " VALUES ('alipay', 'merchant-1', 'pay:NEW-1', 'NEW-1', NULL, 'PAYMENT', 'fp-v1', ?, 'IN_FLIGHT', NULL, 1,"
                + " ?, ?, 'crashed', ?, 3, 1)")) {
            insert.setString(1, fixture("v1-payment-request.json"));
            ledger.dialect().setInstant(insert, 2, at);
            ledger.dialect().setInstant(insert, 3, at);
            ledger.dialect().setInstant(insert, 4, at.plus(LEASE));
            insert.executeUpdate();
        }

        LedgerEntry claimed = ledger.claim(LedgerKey.payment("alipay", "merchant-1", "NEW-1"), "recoverer", LEASE)
                .orElseThrow();

        assertThat(claimed.payment().orderId()).isEqualTo("NEW-1");
        assertThat(claimed.policy()).isNull();
        assertThat(claimed.version()).isEqualTo(4);
    }

    @Test
    void theCallsPolicyIsStoredInTheRequestColumnWithoutChangingTheRowFormat() throws SQLException {
        dev.resilientpay.OperationPolicy policy = dev.resilientpay.Policies.defaults()
                .of(dev.resilientpay.Operation.CREATE_ORDER).toBuilder().attemptTimeout(Duration.ofMillis(2500)).build();
        LedgerKey key = LedgerKey.payment("alipay", "merchant-1", "POL1");
        PaymentRequest request = PaymentRequest.builder().orderId("POL1").amount(Money.cny(100)).subject("s")
                .method(new PaymentMethod.QrCode()).build();

        ledger.begin(LedgerEntry.start(key, "fp", request, null, "owner-1", ledger.now()).withPolicy(policy), LEASE);

        try (Connection c = pool.getConnection();
             PreparedStatement select = c.prepareStatement("SELECT request, format_version FROM " + table);
             ResultSet rows = select.executeQuery()) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString("request")).contains("\"policy\":{\"attemptTimeout\":\"PT2.5S\"");
            assertThat(rows.getInt("format_version")).isEqualTo(1);
        }
        assertThat(ledger.find(key).orElseThrow().policy()).isEqualTo(policy);
    }

    @Test
    void purgeExpiredDeletesCompletedEntriesOlderThanTheRetentionInBatchesAndKeepsTheRest() {
        for (int i = 0; i < 5; i++) {
            LedgerEntry e = begin("OLD" + i);
            ledger.complete(e, LedgerState.COMPLETED, new PaymentOutcome.Paid("OLD" + i, "T", Money.cny(1), null), 1);
        }
        LedgerEntry doubtful = begin("DOUBT");
        ledger.complete(doubtful, LedgerState.IN_DOUBT, null, 1);
        skew.set(Duration.ofDays(1).plusMinutes(1));
        LedgerEntry recent = begin("RECENT");
        ledger.complete(recent, LedgerState.COMPLETED, new PaymentOutcome.Paid("RECENT", "T", Money.cny(1), null), 1);

        assertThat(ledger.purgeExpired()).isEqualTo(5);

        assertThat(ledger.unresolved(10)).extracting(e -> e.key().id()).containsExactly("pay:DOUBT");
        assertThat(ledger.find(recent.key())).isPresent();
        assertThat(ledger.purgeExpired()).isZero();
    }

    @Test
    void claimUnresolvedSkipsRowsAnotherTransactionHoldsInsteadOfWaiting() throws SQLException {
        begin("LOCKED");
        skew.set(Duration.ofMillis(1));
        begin("FREE");
        skew.set(LEASE.plusSeconds(1));
        try (Connection holder = pool.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement("SELECT id FROM " + table + " WHERE provider = 'alipay' AND merchant = 'merchant-1' AND id = 'pay:LOCKED' FOR UPDATE");
                 ResultSet rows = lock.executeQuery()) {
                assertThat(rows.next()).isTrue();
            }

            List<LedgerEntry> claimed = ledger.claimUnresolved("recoverer", LEASE, 10);

            assertThat(claimed).extracting(e -> e.key().id()).containsExactly("pay:FREE");
            holder.rollback();
        }
        assertThat(ledger.claimUnresolved("recoverer", LEASE, 10)).extracting(e -> e.key().id())
                .containsExactly("pay:LOCKED");
    }

    @Test
    void claimUnresolvedReturnsWhatItStoredOldestFirstAndOnlyOnce() {
        for (int i = 0; i < 12; i++) {
            skew.set(Duration.ofMillis(i)); // distinct start times: the order is by last change
            begin("C" + (char) ('a' + (11 - i)));
        }
        skew.set(LEASE.plusSeconds(1));

        List<LedgerEntry> first = ledger.claimUnresolved("recoverer", LEASE, 5);
        List<LedgerEntry> rest = ledger.claimUnresolved("recoverer", LEASE, 100);

        assertThat(first).extracting(e -> e.key().id()).containsExactly("pay:Cl", "pay:Ck", "pay:Cj", "pay:Ci", "pay:Ch");
        assertThat(rest).extracting(e -> e.key().id()).containsExactly("pay:Cg", "pay:Cf", "pay:Ce", "pay:Cd", "pay:Cc",
                "pay:Cb", "pay:Ca");
        assertThat(ledger.claimUnresolved("other", LEASE, 100)).isEmpty();
        for (LedgerEntry claimed : first) {
            LedgerEntry stored = ledger.find(claimed.key()).orElseThrow();
            assertThat(stored.owner()).isEqualTo("recoverer");
            assertThat(stored.version()).isEqualTo(claimed.version()).isEqualTo(2);
            assertThat(stored.leaseUntil()).isAfter(ledger.now());
            assertThat(stored.payment()).isEqualTo(claimed.payment());
            // the claimed entry is the fencing token of the row as stored
            assertThat(ledger.complete(claimed, LedgerState.COMPLETED,
                    new PaymentOutcome.Paid(claimed.orderId(), "T", Money.cny(100), null), 1)).isPresent();
        }
        assertThat(ledger.unresolved(100)).hasSize(7);
    }

    @Test
    void anUnreachableDatabaseIsLedgerUnavailableWithoutTheCredentials() {
        org.postgresql.ds.PGSimpleDataSource unreachable = new org.postgresql.ds.PGSimpleDataSource();
        unreachable.setURL("jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2");
        unreachable.setUser("shop");
        unreachable.setPassword("s3cret-pa55");
        JdbcPaymentLedger down = JdbcPaymentLedger.builder(unreachable).dialect(SqlDialect.POSTGRESQL).build();

        assertThatThrownBy(() -> down.find(LedgerKey.payment("alipay", "m", "X1")))
                .isInstanceOf(LedgerUnavailableException.class)
                .hasMessageContaining("ledger")
                .hasMessageNotContaining("s3cret-pa55");
    }

    @Test
    void aTableNameThatIsNotAPlainIdentifierIsRefused() {
        assertThatThrownBy(() -> JdbcPaymentLedger.builder(pool).tableName("ledger; DROP TABLE x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tableName");
    }

    private LedgerEntry begin(String orderId) {
        LedgerKey key = LedgerKey.payment("alipay", "merchant-1", orderId);
        PaymentRequest request = PaymentRequest.builder().orderId(orderId).amount(Money.cny(100)).subject("s")
                .method(new PaymentMethod.QrCode()).build();
        return ((PaymentLedger.Begin.Started) ledger.begin(LedgerEntry.start(key, "fp", request, null, "owner-1",
                ledger.now()), LEASE)).entry();
    }

    private static String fixture(String name) {
        try (InputStream in = JdbcPaymentLedgerTest.class.getResourceAsStream("/rows/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
