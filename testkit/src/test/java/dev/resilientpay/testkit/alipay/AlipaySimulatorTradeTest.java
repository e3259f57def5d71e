package dev.resilientpay.testkit.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.AlipaySimulatorTrade;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Trade state and Alipay's idempotency answers for pay, precreate, create, query, cancel and close. */
class AlipaySimulatorTradeTest extends SimulatorTestBase {

    static String payBiz(String orderId, String authCode, String amount) {
        return "{\"out_trade_no\":\"" + orderId + "\",\"scene\":\"bar_code\",\"auth_code\":\"" + authCode
                + "\",\"total_amount\":\"" + amount + "\",\"subject\":\"Coffee\"}";
    }

    static String orderBiz(String orderId, String amount) {
        return "{\"out_trade_no\":\"" + orderId + "\",\"total_amount\":\"" + amount + "\",\"subject\":\"Coffee\"}";
    }

    static String ref(String orderId) {
        return "{\"out_trade_no\":\"" + orderId + "\"}";
    }

    private GatewayTestClient.Answer pay(String orderId, AlipaySimulatorPayer payer) {
        return client.call("alipay.trade.pay", payBiz(orderId, simulator.newPaymentCode(payer), "25.00"));
    }

    private GatewayTestClient.Answer query(String orderId) {
        return client.call("alipay.trade.query", ref(orderId));
    }

    @Test
    void payWithPayerWhoPaysAtOncePaysAndChargesOnce() {
        GatewayTestClient.Answer answer = pay("t_pay_now", AlipaySimulatorPayer.paysAtOnce());

        assertThat(answer.code()).isEqualTo("10000");
        assertThat(answer.field("total_amount")).isEqualTo("25.00");
        assertThat(answer.field("trade_no")).hasSize(28);
        AlipaySimulatorTrade trade = simulator.order("t_pay_now").orElseThrow();
        assertThat(trade.status()).isEqualTo("TRADE_SUCCESS");
        assertThat(trade.charges()).isEqualTo(1);
        assertThat(trade.tradeNo()).isEqualTo(answer.field("trade_no"));
        assertThat(query("t_pay_now").field("trade_status")).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void unscriptedPaymentCodeFollowsTheDefaultPayer() {
        simulator.defaultPayer(AlipaySimulatorPayer.neverConfirms());

        GatewayTestClient.Answer answer = client.call("alipay.trade.pay", payBiz("t_default", "281234567890123456", "1.00"));

        assertThat(answer.code()).isEqualTo("10003");
    }

    @Test
    void payerWhoPaysAfterTwoQueriesAnswers10003AndTheSecondQueryFindsItPaid() {
        GatewayTestClient.Answer answer = pay("t_after2", AlipaySimulatorPayer.confirmsAfter(1));

        assertThat(answer.code()).isEqualTo("10003");
        assertThat(answer.signatureValid()).isTrue();
        assertThat(query("t_after2").field("trade_status")).isEqualTo("WAIT_BUYER_PAY");
        assertThat(query("t_after2").field("trade_status")).isEqualTo("TRADE_SUCCESS");
        assertThat(simulator.order("t_after2").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void payerWhoNeverPaysWaitsUntilCancelClosesTheTradeUncharged() {
        pay("t_never", AlipaySimulatorPayer.neverConfirms());
        assertThat(query("t_never").field("trade_status")).isEqualTo("WAIT_BUYER_PAY");

        GatewayTestClient.Answer cancel = client.call("alipay.trade.cancel", ref("t_never"));

        assertThat(cancel.code()).isEqualTo("10000");
        assertThat(cancel.field("action")).isEqualTo("close");
        assertThat(cancel.field("retry_flag")).isEqualTo("N");
        AlipaySimulatorTrade trade = simulator.order("t_never").orElseThrow();
        assertThat(trade.status()).isEqualTo("TRADE_CLOSED");
        assertThat(trade.charges()).isZero();
        assertThatThrownBy(() -> simulator.payerPays("t_never")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void payerWithInsufficientFundsGetsTheSubCodeAndNoTradeIsCreated() {
        GatewayTestClient.Answer answer = pay("t_poor", AlipaySimulatorPayer.insufficientFunds());

        assertThat(answer.code()).isEqualTo("40004");
        assertThat(answer.subCode()).isEqualTo("ACQ.BUYER_BALANCE_NOT_ENOUGH");
        assertThat(answer.signatureValid()).isTrue();
        assertThat(simulator.order("t_poor")).isEmpty();
        assertThat(query("t_poor").subCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void malformedPaymentCodeIsAnsweredAuthCodeInvalid() {
        GatewayTestClient.Answer answer = client.call("alipay.trade.pay", payBiz("t_badcode", "123", "1.00"));

        assertThat(answer.subCode()).isEqualTo("ACQ.PAYMENT_AUTH_CODE_INVALID");
    }

    @Test
    void wechatPaymentCodeIsAnsweredAuthCodeInvalidWithoutATrade() {
        GatewayTestClient.Answer answer = client.call("alipay.trade.pay", payBiz("t_wechatcode", "134567890123456789", "1.00"));

        assertThat(answer.subCode()).isEqualTo("ACQ.PAYMENT_AUTH_CODE_INVALID");
        assertThat(answer.signatureValid()).isTrue();
        assertThat(simulator.order("t_wechatcode")).isEmpty();
    }

    @Test
    void resentPayForAPaidTradeIsAnsweredTradeHasSuccessWithoutASecondCharge() {
        String code = simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce());
        client.call("alipay.trade.pay", payBiz("t_twice", code, "25.00"));

        GatewayTestClient.Answer again = client.call("alipay.trade.pay", payBiz("t_twice", code, "25.00"));

        assertThat(again.code()).isEqualTo("40004");
        assertThat(again.subCode()).isEqualTo("ACQ.TRADE_HAS_SUCCESS");
        assertThat(simulator.order("t_twice").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void resentPayWithAnotherAmountIsAnsweredContextInconsistent() {
        String code = simulator.newPaymentCode(AlipaySimulatorPayer.neverConfirms());
        client.call("alipay.trade.pay", payBiz("t_ctx", code, "25.00"));

        GatewayTestClient.Answer other = client.call("alipay.trade.pay", payBiz("t_ctx", code, "26.00"));

        assertThat(other.subCode()).isEqualTo("ACQ.CONTEXT_INCONSISTENT");
    }

    @Test
    void resentPayWhileThePayerIsConfirmingAnswers10003AgainForTheSameTrade() {
        String code = simulator.newPaymentCode(AlipaySimulatorPayer.neverConfirms());
        String first = client.call("alipay.trade.pay", payBiz("t_wait2", code, "25.00")).field("trade_no");

        GatewayTestClient.Answer again = client.call("alipay.trade.pay", payBiz("t_wait2", code, "25.00"));

        assertThat(again.code()).isEqualTo("10003");
        assertThat(again.field("trade_no")).isEqualTo(first);
        assertThat(simulator.orders()).hasSize(1);
    }

    @Test
    void resentPayForAClosedTradeIsAnsweredTradeHasClose() {
        String code = simulator.newPaymentCode(AlipaySimulatorPayer.neverConfirms());
        client.call("alipay.trade.pay", payBiz("t_closed", code, "25.00"));
        client.call("alipay.trade.cancel", ref("t_closed"));

        GatewayTestClient.Answer again = client.call("alipay.trade.pay", payBiz("t_closed", code, "25.00"));

        assertThat(again.subCode()).isEqualTo("ACQ.TRADE_HAS_CLOSE");
    }

    @Test
    void cancelOfAnUnknownOrderSucceedsWithoutActionAndALatePayDoesNotCharge() {
        GatewayTestClient.Answer cancel = client.call("alipay.trade.cancel", ref("t_late"));

        assertThat(cancel.code()).isEqualTo("10000");
        assertThat(cancel.field("action")).isNull();
        GatewayTestClient.Answer latePay = pay("t_late", AlipaySimulatorPayer.paysAtOnce());
        assertThat(latePay.subCode()).isEqualTo("ACQ.TRADE_HAS_CLOSE");
        assertThat(simulator.order("t_late")).isEmpty();
    }

    @Test
    void cancelOfAPaidTradeGivesTheMoneyBack() {
        pay("t_reverse", AlipaySimulatorPayer.paysAtOnce());

        GatewayTestClient.Answer cancel = client.call("alipay.trade.cancel", ref("t_reverse"));

        assertThat(cancel.field("action")).isEqualTo("refund");
        AlipaySimulatorTrade trade = simulator.order("t_reverse").orElseThrow();
        assertThat(trade.reversed()).isTrue();
        assertThat(trade.status()).isEqualTo("TRADE_CLOSED");
        assertThat(trade.netAmount()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void repeatedCancelAnswersTheSameAction() {
        pay("t_cancel2", AlipaySimulatorPayer.neverConfirms());
        client.call("alipay.trade.cancel", ref("t_cancel2"));

        assertThat(client.call("alipay.trade.cancel", ref("t_cancel2")).field("action")).isEqualTo("close");
    }

    @Test
    void cancelOfAFinishedTradeIsRefused() {
        pay("t_finished", AlipaySimulatorPayer.paysAtOnce());
        simulator.finishTrade("t_finished");

        assertThat(client.call("alipay.trade.cancel", ref("t_finished")).subCode()).isEqualTo("ACQ.TRADE_HAS_FINISHED");
    }

    @Test
    void queryOfAnUnknownOrderIsAnsweredTradeNotExist() {
        GatewayTestClient.Answer answer = query("t_nobody");

        assertThat(answer.code()).isEqualTo("40004");
        assertThat(answer.subCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        assertThat(answer.signatureValid()).isTrue();
    }

    @Test
    void queryByTradeNoFindsTheTrade() {
        String tradeNo = pay("t_by_no", AlipaySimulatorPayer.paysAtOnce()).field("trade_no");

        GatewayTestClient.Answer answer = client.call("alipay.trade.query", "{\"trade_no\":\"" + tradeNo + "\"}");

        assertThat(answer.field("out_trade_no")).isEqualTo("t_by_no");
        assertThat(simulator.requestCount("t_by_no", "alipay.trade.query")).isEqualTo(1);
    }

    @Test
    void precreatedQrOrderIsUnknownToQueriesUntilThePayerScansThenPaysWhenThePayerPays() {
        GatewayTestClient.Answer precreate = client.call("alipay.trade.precreate", orderBiz("t_qr", "9.90"));
        assertThat(precreate.code()).isEqualTo("10000");
        assertThat(precreate.field("qr_code")).startsWith("https://qr.alipay.com/");
        assertThat(query("t_qr").subCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

        simulator.payerScans("t_qr");
        assertThat(query("t_qr").field("trade_status")).isEqualTo("WAIT_BUYER_PAY");

        simulator.payerPays("t_qr");
        assertThat(query("t_qr").field("trade_status")).isEqualTo("TRADE_SUCCESS");
        assertThat(simulator.order("t_qr").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void repeatedPrecreateReturnsTheSameQrCode() {
        String first = client.call("alipay.trade.precreate", orderBiz("t_qr2", "9.90")).field("qr_code");

        assertThat(client.call("alipay.trade.precreate", orderBiz("t_qr2", "9.90")).field("qr_code")).isEqualTo(first);
    }

    @Test
    void scriptedQrOrderIsPaidByItsPayerAfterQueries() {
        simulator.scriptOrder("t_qr_script", AlipaySimulatorPayer.confirmsAfter(0));
        client.call("alipay.trade.precreate", orderBiz("t_qr_script", "9.90"));

        assertThat(query("t_qr_script").field("trade_status")).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void createNeedsABuyerAndReturnsATradeNoQueriesFind() {
        assertThat(client.call("alipay.trade.create", orderBiz("t_create", "5.00")).subCode())
                .isEqualTo("ACQ.INVALID_PARAMETER");

        GatewayTestClient.Answer created = client.call("alipay.trade.create",
                "{\"out_trade_no\":\"t_create\",\"total_amount\":\"5.00\",\"subject\":\"Coffee\",\"buyer_id\":\"2088000000000042\"}");

        assertThat(created.field("trade_no")).hasSize(28);
        assertThat(query("t_create").field("trade_status")).isEqualTo("WAIT_BUYER_PAY");
        assertThat(query("t_create").field("buyer_user_id")).isEqualTo("2088000000000042");
    }

    @Test
    void closeClosesAWaitingTradeOnly() {
        pay("t_close", AlipaySimulatorPayer.neverConfirms());
        pay("t_close_paid", AlipaySimulatorPayer.paysAtOnce());

        assertThat(client.call("alipay.trade.close", ref("t_close")).code()).isEqualTo("10000");
        assertThat(simulator.order("t_close").orElseThrow().status()).isEqualTo("TRADE_CLOSED");
        assertThat(client.call("alipay.trade.close", ref("t_close_paid")).subCode()).isEqualTo("ACQ.TRADE_STATUS_ERROR");
        assertThat(client.call("alipay.trade.close", ref("t_close_none")).subCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
    }

    @Test
    void invalidAmountIsRejectedAsInvalidParameter() {
        GatewayTestClient.Answer answer = client.call("alipay.trade.precreate", orderBiz("t_amount", "0.001"));

        assertThat(answer.subCode()).isEqualTo("ACQ.INVALID_PARAMETER");
        assertThat(simulator.order("t_amount")).isEmpty();
    }

    @Test
    void ordersListsEveryTradeOldestFirstWithItsCharges() {
        pay("t_l1", AlipaySimulatorPayer.paysAtOnce());
        pay("t_l2", AlipaySimulatorPayer.neverConfirms());

        assertThat(simulator.orders()).extracting(AlipaySimulatorTrade::orderId).containsExactly("t_l1", "t_l2");
        assertThat(simulator.orders().get(0).paid()).isTrue();
        assertThat(simulator.orders().get(1).charges()).isZero();
    }
}
