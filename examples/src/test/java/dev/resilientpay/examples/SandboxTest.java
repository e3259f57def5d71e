package dev.resilientpay.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxTest {

    @Test
    void withoutEnvironmentVariablesTheEmbeddedSimulatorIsUsed() {
        try (Sandbox alipay = Sandbox.of("alipay", Map.of()); Sandbox wechat = Sandbox.of("wechat", Map.of())) {
            assertThat(alipay.simulated()).isTrue();
            assertThat(wechat.simulated()).isTrue();
            assertThat(alipay.provider().name()).isEqualTo("alipay");
            assertThat(wechat.provider().name()).isEqualTo("wechat");
        }
    }

    @Test
    void aSandboxVariableSetWithoutItsKeyFileIsNamedInTheError() {
        assertThatThrownBy(() -> Sandbox.of("alipay", Map.of("ALIPAY_APP_ID", "2021000000000000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ALIPAY_PRIVATE_KEY_FILE");
    }

    @Test
    void anUnknownProviderIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> Sandbox.of("paypal", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alipay or wechat");
    }

    @Test
    void orderIdsAreUniqueAndFitBothGateways() {
        String first = Sandbox.newOrderId("TILL");
        String second = Sandbox.newOrderId("TILL");

        assertThat(first).isNotEqualTo(second).matches("[A-Z0-9]{6,32}");
    }
}
