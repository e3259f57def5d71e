package dev.resilientpay.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /actuator/info} → {@code resilientpay}: each merchant's provider, identity (app id, merchant
 * id, gateway) and verification mode, never a key. The info API is the same on Boot 3 and 4.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "org.springframework.boot.actuate.info.InfoContributor")
@ConditionalOnProperty(prefix = "management.info.resilientpay", name = "enabled", havingValue = "true",
        matchIfMissing = true)
class ResilientPayInfoConfiguration {

    @Bean
    InfoContributor resilientPayInfoContributor(PaymentClients clients) {
        return builder -> {
            Map<String, Object> merchants = new LinkedHashMap<>();
            for (Merchant merchant : clients.merchants()) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("provider", merchant.provider());
                details.putAll(merchant.info());
                details.put("notifyPath", merchant.notifyPath());
                merchants.put(merchant.name(), details);
            }
            String version = PaymentClients.class.getPackage().getImplementationVersion();
            Map<String, Object> info = new LinkedHashMap<>();
            if (version != null) {
                info.put("version", version);
            }
            info.put("merchants", merchants);
            builder.withDetail("resilientpay", info);
        };
    }
}
