package dev.resilientpay.alipay;

import static dev.resilientpay.alipay.support.GatewayStub.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.alipay.support.GatewayStub;
import dev.resilientpay.spi.Attempt;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** query, close, cancel, refund and refund query against a stubbed gateway. */
class AlipayOrderOperationsTest {

    @RegisterExtension
    static final GatewayStub gateway = new GatewayStub();
    private static final AlipayProvider provider = AlipayProvider.create(gateway.config().build());

    @Test
    void queryOfAPaidTradeIsPaidWithAmountAndTime() {
        gateway.answerSigned("alipay.trade.query", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\","
                + "\"send_pay_date\":\"2026-11-22 10:33:00\",\"total_amount\":\"88.88\",\"trade_no\":\"2026X\","
                + "\"trade_status\":\"TRADE_SUCCESS\"}");

        Attempt<TradeStatus> attempt = provider.query("T1", context("T1"));

        assertThat(attempt).isEqualTo(new Attempt.Succeeded<>(new TradeStatus("T1", TradeState.PAID, "2026X",
                Money.of("88.88", "CNY"), Instant.parse("2026-11-22T02:33:00Z"), "TRADE_SUCCESS")));
        assertThat(GatewayStub.params(gateway.requests().get(0)).get("biz_content")).isEqualTo("{\"out_trade_no\":\"T1\"}");
    }

    @Test
    void queryOfAWaitingTradeAwaitsPayment() {
        gateway.answerSigned("alipay.trade.query", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\","
                + "\"trade_status\":\"WAIT_BUYER_PAY\"}");

        assertThat(((Attempt.Succeeded<TradeStatus>) provider.query("T1", context("T1"))).value().state())
                .isEqualTo(TradeState.AWAITING_PAYMENT);
    }

    @Test
    void queryOfAClosedTradeIsClosed() {
        gateway.answerSigned("alipay.trade.query", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\","
                + "\"trade_status\":\"TRADE_CLOSED\"}");

        assertThat(((Attempt.Succeeded<TradeStatus>) provider.query("T1", context("T1"))).value().state())
                .isEqualTo(TradeState.CLOSED);
    }

    @Test
    void queryOfAnUnknownTradeIsNotFound() {
        gateway.answerSigned("alipay.trade.query", "{\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"sub_code\":\"ACQ.TRADE_NOT_EXIST\",\"sub_msg\":\"交易不存在\"}");

        assertThat(provider.query("T1", context("T1"))).isEqualTo(new Attempt.Succeeded<>(TradeStatus.notFound("T1")));
    }

    @Test
    void closeOfAnUnpaidTradeIsClosed() {
        gateway.answerSigned("alipay.trade.close", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\"}");

        assertThat(provider.close("T1", context("T1"))).isEqualTo(new Attempt.Succeeded<>(new CloseOutcome.Closed("T1", false)));
    }

    @Test
    void closeInTheWrongStateIsRejected() {
        gateway.answerSigned("alipay.trade.close", "{\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"sub_code\":\"ACQ.TRADE_STATUS_ERROR\"}");

        assertThat(provider.close("T1", context("T1"))).isInstanceOf(Attempt.Rejected.class);
    }

    @Test
    void cancelOfAPaidTradeIsClosedAndRefunded() {
        gateway.answerSigned("alipay.trade.cancel", "{\"code\":\"10000\",\"msg\":\"Success\",\"action\":\"refund\","
                + "\"out_trade_no\":\"T1\",\"retry_flag\":\"N\"}");

        assertThat(provider.cancel("T1", context("T1"))).isEqualTo(new Attempt.Succeeded<>(new CloseOutcome.Closed("T1", true)));
    }

    @Test
    void cancelOfAnUnpaidTradeIsClosedNotRefunded() {
        gateway.answerSigned("alipay.trade.cancel", "{\"code\":\"10000\",\"msg\":\"Success\",\"action\":\"close\","
                + "\"out_trade_no\":\"T1\",\"retry_flag\":\"N\"}");

        assertThat(provider.cancel("T1", context("T1"))).isEqualTo(new Attempt.Succeeded<>(new CloseOutcome.Closed("T1", false)));
    }

    @Test
    void cancelOfATradeAlipayDoesNotKnowIsOrderNotFound() {
        // `action` is returned "when the call succeeded and the trade exists": without it, there was none.
        gateway.answerSigned("alipay.trade.cancel", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"out_trade_no\":\"T1\",\"retry_flag\":\"N\"}");

        Attempt<CloseOutcome.Closed> attempt = provider.cancel("T1", context("T1"));

        assertThat(attempt).isInstanceOfSatisfying(Attempt.Rejected.class,
                rejected -> assertThat(rejected.failure().reason()).isEqualTo(dev.resilientpay.FailureReason.ORDER_NOT_FOUND));
    }

    @Test
    void cancelAnsweredWithRetryFlagIsNotSent() {
        gateway.answerSigned("alipay.trade.cancel", "{\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"sub_code\":\"ACQ.SYSTEM_ERROR\",\"out_trade_no\":\"T1\",\"retry_flag\":\"Y\"}");

        Attempt<CloseOutcome.Closed> attempt = provider.cancel("T1", context("T1"));

        assertThat(attempt).isInstanceOf(Attempt.NotSent.class);
        assertThat(((Attempt.NotSent<CloseOutcome.Closed>) attempt).failure().providerSubCode()).isEqualTo("ACQ.SYSTEM_ERROR");
    }

    @Test
    void refundWithFundChangeSucceededAndSendsTheRefundIdAsOutRequestNo() {
        gateway.answerSigned("alipay.trade.refund", "{\"code\":\"10000\",\"msg\":\"Success\",\"fund_change\":\"Y\","
                + "\"gmt_refund_pay\":\"2026-11-22 10:40:00\",\"out_trade_no\":\"T1\",\"refund_fee\":\"10.00\","
                + "\"trade_no\":\"2026X\"}");

        Attempt<RefundStatus> attempt = provider.refund(refund(), context("refund:T1:R1"));

        RefundStatus status = ((Attempt.Succeeded<RefundStatus>) attempt).value();
        assertThat(status.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(status.refundedAt()).isEqualTo(Instant.parse("2026-11-22T02:40:00Z"));
        assertThat(GatewayStub.params(gateway.requests().get(0)).get("biz_content")).isEqualTo(
                "{\"out_trade_no\":\"T1\",\"refund_amount\":\"10.00\",\"out_request_no\":\"R1\",\"refund_reason\":\"broken\"}");
    }

    @Test
    void refundWithoutFundChangeIsProcessing() {
        gateway.answerSigned("alipay.trade.refund", "{\"code\":\"10000\",\"msg\":\"Success\",\"fund_change\":\"N\","
                + "\"out_trade_no\":\"T1\"}");

        assertThat(((Attempt.Succeeded<RefundStatus>) provider.refund(refund(), context("refund:T1:R1"))).value().state())
                .isEqualTo(RefundState.PROCESSING);
    }

    @Test
    void refundRepeatedWithAnotherAmountIsAnIdempotencyConflict() {
        gateway.answerSigned("alipay.trade.refund", "{\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"sub_code\":\"ACQ.DISCORDANT_REPEAT_REQUEST\"}");

        Attempt<RefundStatus> attempt = provider.refund(refund(), context("refund:T1:R1"));

        assertThat(((Attempt.Rejected<RefundStatus>) attempt).failure().reason()).isEqualTo(FailureReason.IDEMPOTENCY_CONFLICT);
    }

    @Test
    void refundQueryWithRefundSuccessSucceeded() {
        gateway.answerSigned("alipay.trade.fastpay.refund.query", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"out_request_no\":\"R1\",\"out_trade_no\":\"T1\",\"refund_amount\":\"10.00\","
                + "\"refund_status\":\"REFUND_SUCCESS\",\"gmt_refund_pay\":\"2026-11-22 10:40:00\"}");

        RefundStatus status = ((Attempt.Succeeded<RefundStatus>) provider.queryRefund("T1", "R1", context("T1"))).value();

        assertThat(status.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(status.amount()).isEqualTo(Money.of("10.00", "CNY"));
        assertThat(GatewayStub.params(gateway.requests().get(0)).get("biz_content"))
                .isEqualTo("{\"out_trade_no\":\"T1\",\"out_request_no\":\"R1\",\"query_options\":[\"gmt_refund_pay\"]}");
    }

    @Test
    void refundQueryWithoutStatusIsNotFound() {
        gateway.answerSigned("alipay.trade.fastpay.refund.query", "{\"code\":\"10000\",\"msg\":\"Success\","
                + "\"out_request_no\":\"R1\",\"out_trade_no\":\"T1\"}");

        assertThat(((Attempt.Succeeded<RefundStatus>) provider.queryRefund("T1", "R1", context("T1"))).value().state())
                .isEqualTo(RefundState.NOT_FOUND);
    }

    private static RefundRequest refund() {
        return RefundRequest.builder().orderId("T1").refundId("R1").amount(Money.of("10.00", "CNY"))
                .orderAmount(Money.of("88.88", "CNY")).reason("broken").build();
    }
}
