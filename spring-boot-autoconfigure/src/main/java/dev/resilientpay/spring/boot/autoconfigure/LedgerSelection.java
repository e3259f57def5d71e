package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.spi.PaymentLedger;
import javax.sql.DataSource;
import org.springframework.util.ClassUtils;

/**
 * Creates the ledger when the application defines none: JDBC when resilient-pay-ledger-jdbc and a
 * DataSource are present (or {@code resilientpay.ledger.type=jdbc} demands it), else in memory. One
 * ledger serves every merchant: its keys are namespaced by provider and merchant account.
 */
final class LedgerSelection {

    static final String JDBC_LEDGER_CLASS = "dev.resilientpay.ledger.jdbc.JdbcPaymentLedger";

    private LedgerSelection() {}

    static PaymentLedger create(ResilientPayProperties properties, DataSource dataSource, ClassLoader classLoader) {
        ResilientPayProperties.LedgerType type = properties.getLedger().getType();
        boolean jdbcPresent = ClassUtils.isPresent(JDBC_LEDGER_CLASS, classLoader);
        if (type == ResilientPayProperties.LedgerType.JDBC) {
            if (!jdbcPresent) {
                throw new ResilientPayConfigurationException("resilientpay.ledger.type",
                        "jdbc needs resilient-pay-ledger-jdbc on the class path", null);
            }
            if (dataSource == null) {
                throw new ResilientPayConfigurationException("resilientpay.ledger.type",
                        "jdbc needs a single DataSource bean", null);
            }
        }
        if (type != ResilientPayProperties.LedgerType.IN_MEMORY && jdbcPresent && dataSource != null) {
            return JdbcLedgers.on(dataSource, properties.getLedger().getJdbc());
        }
        return PaymentLedger.inMemory();
    }
}
