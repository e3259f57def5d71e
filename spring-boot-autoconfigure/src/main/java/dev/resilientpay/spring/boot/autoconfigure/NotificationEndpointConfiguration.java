package dev.resilientpay.spring.boot.autoconfigure;

import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/** Each merchant's notification endpoint, as a Spring MVC functional route (servlet web applications). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
@ConditionalOnProperty(prefix = "resilientpay.notifications", name = "enabled", havingValue = "true",
        matchIfMissing = true)
class NotificationEndpointConfiguration {

    @Bean
    RouterFunction<ServerResponse> resilientPayNotificationRoutes(PaymentClients clients,
                                                                  ResilientPayProperties properties,
                                                                  ApplicationEventPublisher events) {
        if (clients.merchants().isEmpty()) {
            return request -> Optional.empty();
        }
        int maxBody = properties.getNotifications().getMaxBodyBytes();
        RouterFunctions.Builder routes = RouterFunctions.route();
        for (Merchant merchant : clients.merchants()) {
            routes.POST(merchant.notifyPath(), new NotificationHandler(merchant, maxBody, events, clients));
        }
        return routes.build();
    }
}
