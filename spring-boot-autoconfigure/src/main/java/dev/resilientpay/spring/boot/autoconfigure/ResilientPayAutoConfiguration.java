package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.transport.GatewayHttp;
import java.util.List;
import java.util.function.BiFunction;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * resilient-pay for Spring Boot 3.5 and 4.0: a {@link PaymentClient} per configured merchant (and
 * the {@link PaymentClients} registry), one shared transport, a ledger per merchant, notification
 * endpoints, actuator health and info. Version-specific parts live in their own configuration
 * classes, each switched on by the presence of its Boot line's classes (checked by name).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration", // Boot 3
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration" // Boot 4
})
@ConditionalOnClass(PaymentClient.class)
@ConditionalOnProperty(prefix = "resilientpay", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(ResilientPayProperties.class)
@Import({MerchantClientBeans.class, NotificationEndpointConfiguration.class, Boot3HealthConfiguration.class,
        Boot4HealthConfiguration.class, ResilientPayInfoConfiguration.class, MicrometerConfiguration.class,
        ReconciliationConfiguration.class})
public class ResilientPayAutoConfiguration {

    /** Creates the auto-configuration (Spring does). */
    public ResilientPayAutoConfiguration() {}

    /**
     * One transport for every merchant: one connection pool and dispatcher, no thread per merchant.
     *
     * @return a new transport
     */
    @Bean
    @ConditionalOnMissingBean
    public GatewayHttp resilientPayGatewayHttp() {
        return GatewayHttp.create();
    }

    /**
     * The ledger every merchant's client records its calls in, unless the application defines one.
     *
     * @param properties the properties
     * @param dataSource the application's DataSource, if any
     * @param context    the context (for its class loader)
     * @return JDBC when resilient-pay-ledger-jdbc and a DataSource are present, else in memory
     */
    @Bean
    @ConditionalOnMissingBean
    public PaymentLedger resilientPayLedger(ResilientPayProperties properties, ObjectProvider<DataSource> dataSource,
                                            ApplicationContext context) {
        return LedgerSelection.create(properties, dataSource.getIfUnique(), context.getClassLoader());
    }

    /**
     * Which ledger each merchant uses, unless the application defines its own: the one ledger.
     *
     * @param ledger the ledger
     * @return the same ledger for every merchant
     */
    @Bean
    @ConditionalOnMissingBean
    public MerchantLedgers resilientPayMerchantLedgers(PaymentLedger ledger) {
        return (merchant, provider) -> ledger;
    }

    /**
     * Every merchant's client, by name.
     *
     * @param properties        the properties
     * @param http              the shared transport
     * @param ledgers           the merchants' ledgers
     * @param listeners         the application's {@link PaymentListener} beans, given to every client
     * @param merchantListeners per-merchant listener factories (metrics bindings)
     * @param context           the context (for its class loader)
     * @return the registry
     */
    @Bean(name = MerchantClientBeans.REGISTRY_BEAN, destroyMethod = "close")
    public PaymentClients resilientPayClients(ResilientPayProperties properties, GatewayHttp http,
                                              MerchantLedgers ledgers, ObjectProvider<PaymentListener> listeners,
                                              ObjectProvider<MerchantListenerFactory> merchantListeners,
                                              ApplicationContext context) {
        List<BiFunction<String, String, PaymentListener>> factories = merchantListeners.orderedStream()
                .<BiFunction<String, String, PaymentListener>>map(f -> f::listenerFor)
                .toList();
        return new PaymentClients(new MerchantFactory(properties, http, ledgers, listeners.orderedStream().toList(),
                factories, context.getClassLoader()).build());
    }

    /**
     * Resolves what a previous run left unresolved, once the application is ready.
     *
     * @param clients    the registry
     * @param properties the properties
     * @return the start-up recovery
     */
    @Bean
    public StartupRecovery resilientPayStartupRecovery(PaymentClients clients, ResilientPayProperties properties) {
        return new StartupRecovery(clients, properties.getLedger().isRecoverOnStartup(),
                properties.getRecovery().getInterval());
    }
}
