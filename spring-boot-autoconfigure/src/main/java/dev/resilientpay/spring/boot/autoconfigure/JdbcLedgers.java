package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.ledger.jdbc.JdbcPaymentLedger;
import dev.resilientpay.spi.PaymentLedger;
import java.util.Map;
import javax.sql.DataSource;

/** The JDBC ledger on the application's DataSource; loaded only when resilient-pay-ledger-jdbc is on the class path. */
final class JdbcLedgers {

    private JdbcLedgers() {}

    static PaymentLedger on(DataSource dataSource, ResilientPayProperties.Jdbc properties) {
        JdbcPaymentLedger ledger;
        try {
            JdbcPaymentLedger.Builder builder = JdbcPaymentLedger.builder(dataSource)
                    .tableName(properties.getTableName());
            if (properties.getRetention() != null) {
                builder.retention(properties.getRetention());
            }
            ledger = builder.build();
        } catch (IllegalArgumentException e) {
            throw PropertyNames.translate("resilientpay.ledger.jdbc", e, Map.of());
        }
        if (properties.isCreateSchema()) {
            ledger.createSchemaIfMissing();
        }
        return ledger;
    }
}
