package dev.resilientpay.testkit.alipay;

import static dev.resilientpay.testkit.alipay.AlipaySimulatorTradeTest.payBiz;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.AlipaySimulatorTrade;
import org.junit.jupiter.api.Test;

/** Refunds: out_request_no idempotency, limits, and refund query. */
class AlipaySimulatorRefundTest extends SimulatorTestBase {

    private void paid(String orderId, String amount) {
        client.call("alipay.trade.pay", payBiz(orderId, simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce()), amount));
    }

    private static GatewayTestClient.Answer refund(String orderId, String amount, String outRequestNo) {
        return client.call("alipay.trade.refund", "{\"out_trade_no\":\"" + orderId + "\",\"refund_amount\":\"" + amount
                + "\"" + (outRequestNo == null ? "" : ",\"out_request_no\":\"" + outRequestNo + "\"") + "}");
    }

    private static GatewayTestClient.Answer refundQuery(String orderId, String outRequestNo) {
        return client.call("alipay.trade.fastpay.refund.query",
                "{\"out_trade_no\":\"" + orderId + "\",\"out_request_no\":\"" + outRequestNo + "\"}");
    }

    @Test
    void fullRefundMovesMoneyAndClosesTheTrade() {
        paid("r_full", "30.00");

        GatewayTestClient.Answer answer = refund("r_full", "30.00", "rf1");

        assertThat(answer.code()).isEqualTo("10000");
        assertThat(answer.field("fund_change")).isEqualTo("Y");
        assertThat(answer.field("refund_fee")).isEqualTo("30.00");
        assertThat(answer.signatureValid()).isTrue();
        AlipaySimulatorTrade trade = simulator.order("r_full").orElseThrow();
        assertThat(trade.status()).isEqualTo("TRADE_CLOSED");
        assertThat(trade.refundedAmount()).isEqualByComparingTo("30.00");
    }

    @Test
    void repeatedRefundWithTheSameOutRequestNoAnswersFundChangeNAndRefundsOnce() {
        paid("r_repeat", "30.00");
        refund("r_repeat", "10.00", "rr1");

        GatewayTestClient.Answer again = refund("r_repeat", "10.00", "rr1");

        assertThat(again.code()).isEqualTo("10000");
        assertThat(again.field("fund_change")).isEqualTo("N");
        AlipaySimulatorTrade trade = simulator.order("r_repeat").orElseThrow();
        assertThat(trade.refundedAmount()).isEqualByComparingTo("10.00");
        assertThat(trade.refunds()).singleElement().satisfies(r -> assertThat(r.requests()).isEqualTo(2));
    }

    @Test
    void repeatedOutRequestNoWithAnotherAmountIsADiscordantRepeat() {
        paid("r_discord", "30.00");
        refund("r_discord", "10.00", "rd1");

        assertThat(refund("r_discord", "11.00", "rd1").subCode()).isEqualTo("ACQ.DISCORDANT_REPEAT_REQUEST");
    }

    @Test
    void refundsBeyondThePaidAmountAreRefused() {
        paid("r_much", "30.00");
        refund("r_much", "20.00", "rm1");

        assertThat(refund("r_much", "10.01", "rm2").subCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
        assertThat(refund("r_much", "10.00", "rm3").field("refund_fee")).isEqualTo("30.00");
    }

    @Test
    void partialRefundWithoutOutRequestNoIsRefused() {
        paid("r_nokey", "30.00");

        assertThat(refund("r_nokey", "10.00", null).subCode()).isEqualTo("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL");
        assertThat(refund("r_nokey", "30.00", null).field("fund_change")).isEqualTo("Y");
    }

    @Test
    void refundOfAnUnpaidTradeIsAStatusError() {
        client.call("alipay.trade.pay", payBiz("r_unpaid", simulator.newPaymentCode(AlipaySimulatorPayer.neverConfirms()), "5.00"));

        assertThat(refund("r_unpaid", "5.00", "ru1").subCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
        assertThat(refund("r_nobody", "5.00", "ru1").subCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void refundOfAFinishedTradeIsRefused() {
        paid("r_finished", "5.00");
        simulator.finishTrade("r_finished");

        assertThat(refund("r_finished", "5.00", "rf1").subCode()).isEqualTo("ACQ.TRADE_HAS_FINISHED");
    }

    @Test
    void refundQueryReportsAnAcceptedRefundAsRefundSuccess() {
        paid("r_query", "30.00");
        refund("r_query", "12.50", "rq1");

        GatewayTestClient.Answer answer = refundQuery("r_query", "rq1");

        assertThat(answer.field("refund_status")).isEqualTo("REFUND_SUCCESS");
        assertThat(answer.field("refund_amount")).isEqualTo("12.50");
        assertThat(answer.field("out_request_no")).isEqualTo("rq1");
    }

    @Test
    void refundQueryOfAnUnknownRefundSucceedsWithoutStatus() {
        paid("r_query_none", "30.00");

        GatewayTestClient.Answer answer = refundQuery("r_query_none", "never");

        assertThat(answer.code()).isEqualTo("10000");
        assertThat(answer.field("refund_status")).isNull();
    }

    @Test
    void refundWithoutOutRequestNoIsQueriedByTheOrderId() {
        paid("r_by_order", "30.00");
        refund("r_by_order", "30.00", null);

        assertThat(refundQuery("r_by_order", "r_by_order").field("refund_status")).isEqualTo("REFUND_SUCCESS");
    }

    @Test
    void requestsOfARefundAreCountedByOrderAndCarryTheRefundKey() {
        paid("r_count", "30.00");
        refund("r_count", "1.00", "rc1");
        refund("r_count", "1.00", "rc1");

        assertThat(simulator.requestCount("r_count", "alipay.trade.refund")).isEqualTo(2);
        assertThat(simulator.requests("r_count")).filteredOn(r -> r.method().equals("alipay.trade.refund"))
                .allSatisfy(r -> assertThat(r.outRequestNo()).isEqualTo("rc1"));
    }
}
