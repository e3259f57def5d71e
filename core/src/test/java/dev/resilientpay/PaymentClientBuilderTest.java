package dev.resilientpay;

import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaymentClientBuilderTest {

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider().onPay(Answers.awaitingPayer("o-1"));

    @Test
    void buildWithoutAProviderNamesTheField() {
        assertThatIllegalArgumentException().isThrownBy(() -> PaymentClient.builder().build())
                .withMessageContaining("provider");
    }

    @Test
    void nullSettingsNameTheirField() {
        PaymentClient.Builder builder = PaymentClient.builder();
        assertThatIllegalArgumentException().isThrownBy(() -> builder.provider(null)).withMessage("provider must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.ledger(null)).withMessage("ledger must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.policies(null)).withMessage("policies must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.breaker(null)).withMessage("breaker must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.listener(null)).withMessage("listener must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.timeSource(null)).withMessage("timeSource must not be null");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.executor(null)).withMessage("executor must not be null");
    }

    @Test
    void aProviderWithoutANameIsRejected() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PaymentClient.builder().provider(new ScriptedProvider(" ")).build())
                .withMessageContaining("provider.name()");
    }

    @Test
    void nullRequestNamesTheFieldAndSendsNothing() {
        try (PaymentClient client = client(provider, time).build()) {
            assertThatIllegalArgumentException().isThrownBy(() -> client.pay(null)).withMessage("request must not be null");
            assertThatIllegalArgumentException().isThrownBy(() -> client.pay(qrPay("o-1"), null))
                    .withMessage("policy must not be null");
            assertThat(provider.executions(Endpoint.PAY)).isZero();
        }
    }

    @Test
    void invalidIdsNameTheFieldAndSendNothing() {
        try (PaymentClient client = client(provider, time).build()) {
            assertThatIllegalArgumentException().isThrownBy(() -> client.query("bad id")).withMessageContaining("orderId");
            assertThatIllegalArgumentException().isThrownBy(() -> client.close(null)).withMessageContaining("orderId");
            assertThatIllegalArgumentException().isThrownBy(() -> client.queryRefund("o-1", "x".repeat(65)))
                    .withMessageContaining("refundId");
            assertThat(provider.executions(Endpoint.QUERY) + provider.executions(Endpoint.CLOSE)
                    + provider.executions(Endpoint.QUERY_REFUND)).isZero();
        }
    }

    @Test
    void providerRulesAreCheckedBeforeAnythingIsSent() {
        provider.validateWith(request -> {
            throw new IllegalArgumentException("subject must not contain emoji");
        });
        try (PaymentClient client = client(provider, time).build()) {
            assertThatIllegalArgumentException().isThrownBy(() -> client.pay(qrPay("o-1")))
                    .withMessageContaining("subject");
            assertThat(provider.executions(Endpoint.PAY)).isZero();
        }
    }

    @Test
    void awaitPaymentRejectsANonPositiveTimeout() {
        try (PaymentClient client = client(provider, time).build()) {
            assertThatIllegalArgumentException().isThrownBy(() -> client.awaitPayment("o-1", Duration.ZERO))
                    .withMessageContaining("timeout must be positive");
            assertThatIllegalArgumentException().isThrownBy(() -> client.awaitPaymentAsync("o-1", null))
                    .withMessageContaining("timeout");
        }
    }

    @Test
    void aClosedClientRefusesCalls() {
        PaymentClient client = client(provider, time).build();
        client.close();
        assertThatIllegalStateException().isThrownBy(() -> client.pay(qrPay("o-1"))).withMessageContaining("closed");
        assertThat(provider.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void providerNameAndToStringShowTheProviderOnly() {
        try (PaymentClient client = client(new ScriptedProvider("alipay"), time).build()) {
            assertThat(client.providerName()).isEqualTo("alipay");
            assertThat(client.toString()).isEqualTo("PaymentClient[provider=alipay]");
        }
    }
}
