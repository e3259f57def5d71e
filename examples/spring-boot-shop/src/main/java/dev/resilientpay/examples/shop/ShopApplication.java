package dev.resilientpay.examples.shop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A coffee shop taking Alipay and WeChat Pay through resilient-pay's Spring Boot starter. Everything
 * payment-related is configuration ({@code application.yml} and {@link EmbeddedGateways#properties()}):
 * the clients, the notification endpoints, health and metrics come from the starter.
 */
@SpringBootApplication
public class ShopApplication {

    /**
     * Starts the shop on port 8080 (or {@code --server.port=...}) against the embedded simulators.
     *
     * @param args Spring Boot arguments
     */
    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(ShopApplication.class);
        app.setDefaultProperties(EmbeddedGateways.properties());
        app.run(args);
    }
}
