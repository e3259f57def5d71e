package dev.resilientpay.ledger.jdbc;

/** The ledger contract on MariaDB/MySQL. */
class MariaDbLedgerContractTest extends JdbcLedgerContractTest {
    @Override
    String url() {
        return TestDatabases.mariadbUrl();
    }
}
