package dev.resilientpay.ledger.jdbc;

/** The ledger contract on PostgreSQL. */
class PostgresLedgerContractTest extends JdbcLedgerContractTest {
    @Override
    String url() {
        return TestDatabases.postgresUrl();
    }
}
