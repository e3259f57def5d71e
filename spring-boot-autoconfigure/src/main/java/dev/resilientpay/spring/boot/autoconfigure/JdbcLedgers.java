package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.spi.PaymentLedger;
import javax.sql.DataSource;

/** JDBC ledgers; loaded only when resilient-pay-ledger-jdbc is on the class path. */
final class JdbcLedgers {

    private JdbcLedgers() {}

    static PaymentLedger on(DataSource dataSource, ResilientPayProperties.Jdbc properties) {
        // Wired once resilient-pay-ledger-jdbc is merged (see docs/pending/spring-boot.md).
        throw new UnsupportedOperationException("resilient-pay-ledger-jdbc is not supported by this build");
    }
}
