package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.micrometer.MicrometerPaymentListener;
import dev.resilientpay.micrometer.PaymentObservationConvention;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Metrics and observations of every merchant's calls through resilient-pay-micrometer, tagged with the
 * merchant name, when that module and Micrometer are on the class path and the application has a
 * {@link MeterRegistry} (Spring Boot's actuator makes one). The registries are looked up when the
 * clients are built, after every bean is defined, so no ordering against Boot's metrics
 * auto-configuration (whose class names differ between Boot 3 and 4) is needed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = {"dev.resilientpay.micrometer.MicrometerPaymentListener",
        "io.micrometer.core.instrument.MeterRegistry"})
@ConditionalOnProperty(prefix = "management.metrics.resilientpay", name = "enabled", havingValue = "true",
        matchIfMissing = true)
class MicrometerConfiguration {

    @Bean
    MerchantListenerFactory resilientPayMicrometerListeners(ObjectProvider<MeterRegistry> meters,
                                                            ObjectProvider<ObservationRegistry> observations,
                                                            ObjectProvider<PaymentObservationConvention> convention) {
        return (merchant, provider) -> {
            MeterRegistry registry = meters.getIfUnique();
            if (registry == null) {
                return null;
            }
            MicrometerPaymentListener.Builder builder = MicrometerPaymentListener.builder(registry).merchant(merchant);
            ObservationRegistry observationRegistry = observations.getIfUnique();
            if (observationRegistry != null) {
                builder.observationRegistry(observationRegistry);
            }
            PaymentObservationConvention custom = convention.getIfUnique();
            if (custom != null) {
                builder.observationConvention(custom);
            }
            return builder.build();
        };
    }
}
