package dev.resilientpay.alipay.safety;

import static dev.resilientpay.alipay.support.GatewayStub.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.alipay.support.GatewayStub;
import dev.resilientpay.spi.Attempt;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 8, finding 10: Alipay sends gateway-level failures ({@code 20001}, {@code 40001}–{@code 40003},
 * {@code 40006}) unsigned. For a call that can move money (pay, cancel, refund) an unsigned "refused" is not
 * proof that nothing moved: anyone on the path could have written it in place of a signed success.
 */
class AlipayUnsignedFailureTest {

    @RegisterExtension
    static final GatewayStub gateway = new GatewayStub();
    private static final AlipayProvider provider = AlipayProvider.create(gateway.config().build());

    private static String unsigned(String code, String subCode) {
        return "{\"error_response\":{\"code\":\"" + code + "\",\"msg\":\"m\",\"sub_code\":\"" + subCode + "\"}}";
    }

    private static PaymentRequest codePayment() {
        return PaymentRequest.builder().orderId("T1").amount(Money.of("88.88", "CNY")).subject("s")
                .method(new PaymentMethod.PaymentCode("281234567890123456")).build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"40001,isv.missing-method", "40002,isv.invalid-signature", "40003,isv.x", "40006,isv.insufficient-isv-permissions",
            "20001,aop.invalid-auth-token"})
    void unsignedGatewayFailureToAPayIsNotDefinitelyNotCharged(String code, String subCode) {
        gateway.answer("alipay.trade.pay", unsigned(code, subCode));

        Attempt<?> attempt = provider.pay(codePayment(), context("T1"));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(((Attempt.Unknown<?>) attempt).failure().providerCode()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"40002,isv.invalid-signature", "40006,isv.insufficient-isv-permissions"})
    void unsignedGatewayFailureToARefundIsNotDefinitelyNotRefunded(String code, String subCode) {
        gateway.answer("alipay.trade.refund", unsigned(code, subCode));

        Attempt<?> attempt = provider.refund(RefundRequest.builder().orderId("T1").refundId("R1")
                .amount(Money.of("1.00", "CNY")).orderAmount(Money.of("88.88", "CNY")).build(), context("R1"));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"40002,isv.invalid-signature"})
    void unsignedGatewayFailureToACancelIsNotDefinitelyNotCancelled(String code, String subCode) {
        gateway.answer("alipay.trade.cancel", unsigned(code, subCode));

        assertThat(provider.cancel("T1", context("T1"))).isInstanceOf(Attempt.Unknown.class);
    }

    /** A query moves nothing: its unsigned gateway failure stays a failure, as the protocol notes allow. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"40002,isv.invalid-signature"})
    void unsignedGatewayFailureToAQueryIsStillAFailure(String code, String subCode) {
        gateway.answer("alipay.trade.query", unsigned(code, subCode));

        Attempt<?> attempt = provider.query("T1", context("T1"));

        assertThat(attempt).isInstanceOf(Attempt.Rejected.class);
        assertThat(((Attempt.Rejected<?>) attempt).failure().reason()).isEqualTo(FailureReason.AUTHENTICATION_FAILED);
    }

    /** A signed refusal to a pay keeps its meaning: nothing was charged. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"40004,ACQ.BUYER_BALANCE_NOT_ENOUGH"})
    void signedRefusalToAPayIsStillDefinite(String code, String subCode) {
        gateway.answerSigned("alipay.trade.pay", "{\"code\":\"" + code + "\",\"msg\":\"Business Failed\",\"sub_code\":\""
                + subCode + "\"}");

        assertThat(provider.pay(codePayment(), context("T1"))).isInstanceOf(Attempt.Rejected.class);
    }
}
