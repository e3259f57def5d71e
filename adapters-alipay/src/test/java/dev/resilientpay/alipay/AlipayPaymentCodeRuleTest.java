package dev.resilientpay.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.alipay.support.GatewayStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only Alipay's own payment codes are sent to Alipay: a till's wrong routing is caught before sending. */
class AlipayPaymentCodeRuleTest {

    @RegisterExtension
    static final GatewayStub gateway = new GatewayStub();
    private static final AlipayProvider provider = AlipayProvider.create(gateway.config().build());

    private static PaymentRequest codePay(String code) {
        return PaymentRequest.builder().orderId("T_CODE_1").amount(Money.of("23.50", "CNY")).subject("Flat white")
                .method(new PaymentMethod.PaymentCode(code)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2500000000000000", "281234567890123456", "300000000000000000000000",
            "fp0123456789abcdefghijABCDEFGHIJ012"})
    void alipayCodesPass(String code) {
        assertThatCode(() -> provider.validate(codePay(code))).doesNotThrowAnyException();
    }

    @Test
    void wechatCodeIsRejectedNamingTheFieldTheRuleAndTheWallet() {
        assertThatThrownBy(() -> provider.validate(codePay("134567890123456789")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("authCode", "16 to 24 digits starting 25 to 30", "auth_code",
                        "WeChat Pay payment code");
    }

    @ParameterizedTest
    @ValueSource(strings = {"250000000000000", "2800000000000000000000000", "310000000000000000",
            "28123456789012345a"})
    void malformedCodeIsRejectedNamingTheRule(String code) {
        assertThatThrownBy(() -> provider.validate(codePay(code)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll("authCode", "16 to 24 digits starting 25 to 30")
                .hasMessageNotContaining("WeChat");
    }

    @Test
    void wechatCodeGivenToAnAlipayClientSendsNothing() {
        try (PaymentClient client = PaymentClient.builder().provider(provider).build()) {
            assertThatThrownBy(() -> client.pay(codePay("134567890123456789")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authCode");
        }

        assertThat(gateway.requests()).isEmpty();
    }
}
