package dev.resilientpay.alipay.safety;

import static dev.resilientpay.alipay.support.GatewayStub.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.alipay.support.GatewayStub;
import dev.resilientpay.spi.Attempt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8, findings 2 and 3 on Alipay: a refund answer naming another order, a refund query answer naming
 * another refund ({@code out_request_no}) and a payment-code answer without an amount prove nothing.
 */
class AlipayRefundAnswerForAnotherRefundTest {

    @RegisterExtension
    static final GatewayStub gateway = new GatewayStub();
    private static final AlipayProvider provider = AlipayProvider.create(gateway.config().build());

    private static RefundRequest refund() {
        return RefundRequest.builder().orderId("T1").refundId("R1").amount(Money.of("1.00", "CNY"))
                .orderAmount(Money.of("88.88", "CNY")).build();
    }

    @Test
    void refundAnsweredForAnotherOrderIsUnknown() {
        gateway.answerSigned("alipay.trade.refund", "{\"code\":\"10000\",\"msg\":\"Success\",\"fund_change\":\"Y\","
                + "\"out_trade_no\":\"T2\",\"refund_fee\":\"1.00\",\"trade_no\":\"2026X\"}");

        assertThat(provider.refund(refund(), context("R1"))).isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void refundQueryAnsweredForAnotherOrderIsUnknown() {
        gateway.answerSigned("alipay.trade.fastpay.refund.query", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"out_request_no\":\"R1\",\"out_trade_no\":\"T2\",\"refund_amount\":\"1.00\","
                + "\"refund_status\":\"REFUND_SUCCESS\"}");

        assertThat(provider.queryRefund("T1", "R1", context("R1"))).isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void refundQueryAnsweredForAnotherRefundOfTheOrderIsUnknown() {
        gateway.answerSigned("alipay.trade.fastpay.refund.query", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"out_request_no\":\"R2\",\"out_trade_no\":\"T1\",\"refund_amount\":\"1.00\","
                + "\"refund_status\":\"REFUND_SUCCESS\"}");

        Attempt<RefundStatus> attempt = provider.queryRefund("T1", "R1", context("R1"));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        assertThat(((Attempt.Unknown<RefundStatus>) attempt).failure().providerMessage()).contains("out_request_no R2");
    }

    @Test
    void refundQueryAnsweredForTheSameRefundIsSucceeded() {
        gateway.answerSigned("alipay.trade.fastpay.refund.query", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"out_request_no\":\"R1\",\"out_trade_no\":\"T1\",\"refund_amount\":\"1.00\","
                + "\"refund_status\":\"REFUND_SUCCESS\"}");

        RefundStatus status = ((Attempt.Succeeded<RefundStatus>) provider.queryRefund("T1", "R1", context("R1"))).value();

        assertThat(status.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(status.amount()).isEqualTo(Money.of("1.00", "CNY"));
    }

    @Test
    void paymentCodeSuccessWithoutAnAmountIsUnknown() {
        gateway.answerSigned("alipay.trade.pay", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\","
                + "\"trade_no\":\"2026X\"}");

        assertThat(provider.pay(PaymentRequest.builder().orderId("T1").amount(Money.of("88.88", "CNY")).subject("s")
                .method(new PaymentMethod.PaymentCode("281234567890123456")).build(), context("T1")))
                .isInstanceOf(Attempt.Unknown.class);
    }
}
