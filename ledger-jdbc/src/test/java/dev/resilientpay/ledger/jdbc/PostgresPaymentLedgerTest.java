package dev.resilientpay.ledger.jdbc;

/** The JDBC ledger on PostgreSQL. */
class PostgresPaymentLedgerTest extends JdbcPaymentLedgerTest {
    @Override
    String url() {
        return TestDatabases.postgresUrl();
    }

    @Override
    SqlDialect expectedDialect() {
        return SqlDialect.POSTGRESQL;
    }
}
