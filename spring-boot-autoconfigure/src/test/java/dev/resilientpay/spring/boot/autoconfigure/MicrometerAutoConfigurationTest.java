package dev.resilientpay.spring.boot.autoconfigure;

import static dev.resilientpay.spring.boot.autoconfigure.MerchantProps.alipay;
import static dev.resilientpay.spring.boot.autoconfigure.MerchantProps.wechat;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Each merchant's calls are measured, tagged with its name, when Micrometer and the module are present. */
class MicrometerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ResilientPayAutoConfiguration.class))
            .withPropertyValues(alipay("shop", "gateway-url=http://127.0.0.1:1/gateway.do",
                    "policies.query.max-attempts=1", "policies.query.deadline=2s"))
            .withPropertyValues(wechat("mini-app"));

    @Test
    void attemptsOfEachMerchantAreCountedUnderItsName() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            context.getBean(PaymentClients.class).get("shop").query("order_1");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.find("resilientpay.attempts").tag("merchant", "shop").counters()).isNotEmpty();
            assertThat(registry.find("resilientpay.attempts").tag("merchant", "mini-app").counters()).isEmpty();
        });
    }

    @Test
    void withoutAMeterRegistryNothingIsMeasuredAndNothingFails() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasBean("resilientPayMicrometerListeners");
            context.getBean(PaymentClients.class).get("shop").query("order_1");
        });
    }

    @Test
    void withoutTheModuleThereIsNoBinding() {
        runner.withClassLoader(new FilteredClassLoader("dev.resilientpay.micrometer"))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("resilientPayMicrometerListeners"));
    }

    @Test
    void bindingCanBeSwitchedOff() {
        runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("management.metrics.resilientpay.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("resilientPayMicrometerListeners"));
    }
}
