package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.transport.GatewayHttp;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/** A minimal Spring Boot service using the auto-configuration, for the end-to-end tests. */
@SpringBootConfiguration
@EnableAutoConfiguration
class ShopApplication {

    /** The application's own OkHttp client, with an interceptor that records which gateways it reached. */
    @Bean
    GatewayHttp gatewayHttp(Gateways gateways) {
        OkHttpClient base = new OkHttpClient.Builder()
                .addInterceptor(chain -> {
                    gateways.ports.add(chain.request().url().port());
                    return chain.proceed(chain.request());
                })
                .build();
        return GatewayHttp.using(base, GatewayHttp.DEFAULT_MAX_RESPONSE_BYTES);
    }

    @Bean
    Gateways gateways() {
        return new Gateways();
    }

    @Bean
    Inbox inbox() {
        return new Inbox();
    }

    /** Ports of the gateways the shared transport sent to. */
    static final class Gateways {
        final Set<Integer> ports = ConcurrentHashMap.newKeySet();
    }

    /** Collects published notifications; refuses those of orders named in {@link #refuse}. */
    static final class Inbox {
        final List<PaymentNotificationEvent> events = new CopyOnWriteArrayList<>();
        final Set<String> refuse = ConcurrentHashMap.newKeySet();

        @EventListener
        void on(PaymentNotificationEvent event) {
            events.add(event);
            if (refuse.remove(event.notification().orderId())) {
                throw new IllegalStateException("order store unavailable");
            }
        }

        List<PaymentNotificationEvent> of(String orderId) {
            return events.stream().filter(e -> e.notification().orderId().equals(orderId)).toList();
        }
    }
}
