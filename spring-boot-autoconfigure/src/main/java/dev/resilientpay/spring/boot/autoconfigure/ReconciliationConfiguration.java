package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.micrometer.MicrometerReconciliationListener;
import dev.resilientpay.reconciliation.Discrepancy;
import dev.resilientpay.reconciliation.ReconciliationListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The opt-in daily {@link ReconciliationJob}: only with {@code resilientpay.reconciliation.enabled=true}
 * and resilient-pay-reconciliation on the class path. Every {@link ReconciliationListener} bean hears
 * what it finds; with resilient-pay-micrometer and a {@link MeterRegistry}, discrepancies are counted
 * in {@code resilientpay.reconciliation.discrepancies}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "dev.resilientpay.reconciliation.Reconciler")
@ConditionalOnProperty(prefix = "resilientpay.reconciliation", name = "enabled", havingValue = "true")
class ReconciliationConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReconciliationJob resilientPayReconciliationJob(PaymentClients clients, ResilientPayProperties properties,
                                                    ObjectProvider<ReconciliationListener> listeners,
                                                    ApplicationEventPublisher events) {
        return new ReconciliationJob(clients, properties.getReconciliation(), listeners.orderedStream().toList(),
                events, Clock.systemUTC(), null);
    }

    /** Discrepancy counters, when the Micrometer module and Micrometer are present. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"dev.resilientpay.micrometer.MicrometerReconciliationListener",
            "io.micrometer.core.instrument.MeterRegistry"})
    @ConditionalOnProperty(prefix = "management.metrics.resilientpay", name = "enabled", havingValue = "true",
            matchIfMissing = true)
    static class Metrics {

        /** Looks the registry up when the first discrepancy arrives: no ordering against Boot's metrics set-up. */
        @Bean
        ReconciliationListener resilientPayReconciliationMetrics(ObjectProvider<MeterRegistry> meters) {
            return new ReconciliationListener() {
                private volatile MicrometerReconciliationListener counting;

                @Override
                public void discrepancy(String provider, String merchant, Discrepancy discrepancy) {
                    MicrometerReconciliationListener c = counting;
                    if (c == null) {
                        MeterRegistry registry = meters.getIfUnique();
                        if (registry == null) {
                            return;
                        }
                        c = MicrometerReconciliationListener.create(registry);
                        counting = c;
                    }
                    c.discrepancy(provider, merchant, discrepancy);
                }

                @Override
                public String toString() {
                    return "resilientPayReconciliationMetrics";
                }
            };
        }
    }
}
