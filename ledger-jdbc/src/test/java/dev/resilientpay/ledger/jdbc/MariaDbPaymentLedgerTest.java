package dev.resilientpay.ledger.jdbc;

/** The JDBC ledger on MariaDB/MySQL. */
class MariaDbPaymentLedgerTest extends JdbcPaymentLedgerTest {
    @Override
    String url() {
        return TestDatabases.mariadbUrl();
    }

    @Override
    SqlDialect expectedDialect() {
        return SqlDialect.MYSQL;
    }
}
