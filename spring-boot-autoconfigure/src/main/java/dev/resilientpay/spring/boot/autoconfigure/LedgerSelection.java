package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.spi.PaymentLedger;
import javax.sql.DataSource;
import org.springframework.util.ClassUtils;

/**
 * Chooses the ledgers when the application defines no {@link MerchantLedgers}: its single
 * {@link PaymentLedger} bean (one merchant only), else JDBC when the module and a DataSource are
 * present (or demanded), else one in-memory ledger per merchant.
 */
final class LedgerSelection {

    static final String JDBC_LEDGER_CLASS = "dev.resilientpay.ledger.jdbc.JdbcPaymentLedger";

    private LedgerSelection() {}

    static MerchantLedgers choose(ResilientPayProperties properties, PaymentLedger userLedger,
                                  DataSource dataSource, int merchantCount, ClassLoader classLoader) {
        if (userLedger != null) {
            if (merchantCount > 1) {
                throw new IllegalStateException("one PaymentLedger bean cannot serve " + merchantCount
                        + " merchants: ledger keys are order ids, so merchants sharing a ledger would take each"
                        + " other's orders for their own; define a MerchantLedgers bean giving each merchant its own");
            }
            return (merchant, provider) -> userLedger;
        }
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
            return JdbcLedgers.on(dataSource);
        }
        return (merchant, provider) -> PaymentLedger.inMemory();
    }
}
