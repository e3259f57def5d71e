package dev.resilientpay.spring.boot.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health on Spring Boot 3 ({@code org.springframework.boot.actuate.health}): one indicator per merchant
 * under {@code /actuator/health/resilientPay/<merchant>}. Boot 4 moved the API; see
 * {@link Boot4HealthConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
@ConditionalOnProperty(prefix = "management.health.resilientpay", name = "enabled", havingValue = "true",
        matchIfMissing = true)
class Boot3HealthConfiguration {

    @Bean
    CompositeHealthContributor resilientPayHealthContributor(PaymentClients clients, ResilientPayProperties properties) {
        Map<String, HealthContributor> byMerchant = new LinkedHashMap<>();
        Duration warning = properties.getHealth().getCertificateWarning();
        for (Merchant merchant : clients.merchants()) {
            byMerchant.put(merchant.name(), (HealthIndicator) () -> {
                MerchantHealth.Report report = MerchantHealth.of(merchant, warning, Clock.systemUTC());
                return (report.up() ? Health.up() : Health.down()).withDetails(report.details()).build();
            });
        }
        if (byMerchant.isEmpty()) {
            byMerchant.put("merchants", (HealthIndicator) () -> Health.unknown().withDetail("merchants", 0).build());
        }
        return CompositeHealthContributor.fromMap(byMerchant);
    }
}
