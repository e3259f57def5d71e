package dev.resilientpay.spring.boot.autoconfigure;

import static dev.resilientpay.spring.boot.autoconfigure.MerchantProps.alipay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.ledger.jdbc.JdbcPaymentLedger;
import dev.resilientpay.spi.PaymentLedger;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The JDBC ledger is chosen when its module and a DataSource are present, on the local PostgreSQL. */
class JdbcLedgerAutoConfigurationTest {

    /** The PostgreSQL every developer machine and CI run has (trust authentication, database test). */
    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";

    private final String table = "rp_boot_ledger_" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
    private final DataSource dataSource = dataSource();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResilientPayAutoConfiguration.class))
            .withBean(DataSource.class, () -> dataSource)
            .withPropertyValues(alipay("shop"))
            .withPropertyValues("resilientpay.ledger.jdbc.table-name=" + table,
                    "resilientpay.ledger.jdbc.create-schema=true");

    @AfterEach
    void dropTable() throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    @Test
    void moduleAndDataSourceGiveTheJdbcLedgerWithItsTableCreated() {
        runner.run(context -> {
            PaymentLedger ledger = context.getBean(PaymentLedger.class);
            assertThat(ledger).isInstanceOfSatisfying(JdbcPaymentLedger.class,
                    jdbc -> assertThat(jdbc.tableName()).isEqualTo(table));
            assertThat(ledger.unresolved(10)).isEmpty(); // the table exists and answers
            assertThat(ResilientPayAutoConfigurationTest.merchant(context, "shop").ledger()).isSameAs(ledger);
        });
    }

    @Test
    void inMemoryTypeKeepsTheLedgerOutOfTheDatabase() {
        runner.withPropertyValues("resilientpay.ledger.type=in-memory")
                .run(context -> assertThat(context.getBean(PaymentLedger.class)).isNotInstanceOf(JdbcPaymentLedger.class));
    }

    @Test
    void withoutTheModuleTheLedgerStaysInMemory() {
        runner.withClassLoader(new FilteredClassLoader("dev.resilientpay.ledger.jdbc"))
                .run(context -> assertThat(context.getBean(PaymentLedger.class).getClass().getSimpleName())
                        .isEqualTo("InMemoryPaymentLedger"));
    }

    @Test
    void jdbcTypeWithoutADataSourceFailsNamingTheProperty() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ResilientPayAutoConfiguration.class))
                .withPropertyValues(alipay("shop")).withPropertyValues("resilientpay.ledger.type=jdbc")
                .run(context -> {
                    ResilientPayConfigurationException failure = Failures.configurationFailure(context);
                    assertThat(failure.property()).isEqualTo("resilientpay.ledger.type");
                    assertThat(failure.reason()).contains("DataSource");
                });
    }

    @Test
    void badTableNameIsNamed() {
        runner.withPropertyValues("resilientpay.ledger.jdbc.table-name=drop table;")
                .run(context -> assertThat(Failures.configurationFailure(context).property())
                        .isEqualTo("resilientpay.ledger.jdbc.table-name"));
    }

    private static DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(POSTGRES);
        return dataSource;
    }
}
