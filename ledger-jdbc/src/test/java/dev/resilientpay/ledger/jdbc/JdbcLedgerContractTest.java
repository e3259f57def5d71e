package dev.resilientpay.ledger.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.PaymentLedgerContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * The ledger contract on a real database: each test gets its own table. The database's clock cannot
 * be moved, so the ledger's reading of it is shifted instead (leases are compared with the
 * ledger's {@code now()}, which every statement passes as a parameter).
 */
abstract class JdbcLedgerContractTest extends PaymentLedgerContract {

    private static final List<HikariDataSource> POOLS = new ArrayList<>();
    private final AtomicReference<Duration> skew = new AtomicReference<>(Duration.ZERO);
    private HikariDataSource pool;
    private String table;

    /** The JDBC URL of the server (skips or fails the test when it is unreachable). */
    abstract String url();

    @Override
    protected PaymentLedger newLedger() {
        pool = TestDatabases.pool(url(), threads() + 2);
        synchronized (POOLS) {
            POOLS.add(pool);
        }
        table = TestDatabases.uniqueTable("rp_contract");
        JdbcPaymentLedger ledger = JdbcPaymentLedger.builder(pool).tableName(table).clockSkew(skew::get).build();
        ledger.createSchemaIfMissing();
        return ledger;
    }

    @Override
    protected void advance(Duration by) {
        skew.accumulateAndGet(by, Duration::plus);
    }

    @AfterEach
    void dropTable() {
        if (pool != null) {
            TestDatabases.drop(pool, table);
            pool.close();
        }
    }

    @AfterAll
    static void closePools() {
        synchronized (POOLS) {
            POOLS.forEach(HikariDataSource::close);
            POOLS.clear();
        }
    }
}
