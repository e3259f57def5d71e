package dev.resilientpay.testkit.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorAlreadyPaid;
import dev.resilientpay.testkit.WechatPaySimulatorExtension;
import dev.resilientpay.testkit.WechatPaySimulatorOrder;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WechatPaySimulatorCodepayTest {

    @RegisterExtension
    static final WechatPaySimulatorExtension wechat = new WechatPaySimulatorExtension();

    private WechatPaySimulator sim() {
        return wechat.simulator();
    }

    private V3Client.Response codepay(String outTradeNo, String authCode) throws Exception {
        return new V3Client(sim()).post("/v3/pay/transactions/codepay", Bodies.codepay(sim(), outTradeNo, authCode, 500));
    }

    @Test
    void payerWhoPaysAtOnceGets200WithThePaidTransaction() throws Exception {
        V3Client.Response response = codepay("CODE-NOW-1", "134500000000000001");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("trade_state").asText()).isEqualTo("SUCCESS");
        assertThat(response.json().path("trade_type").asText()).isEqualTo("MICROPAY");
        assertThat(response.verifiesWith(V3Client.publicKey(sim().platformPublicKeyPem()))).isTrue();
        assertThat(sim().order("CODE-NOW-1").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void userpayingIs202ThenPaysAfterTheScriptedQueries() throws Exception {
        sim().scriptPaymentCode("134500000000000002", WechatPaySimulatorPayer.confirmsAfter(2));

        V3Client.Response response = codepay("CODE-LATER-1", "134500000000000002");
        List<String> states = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            states.add(new V3Client(sim()).query("CODE-LATER-1").json().path("trade_state").asText());
        }

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.code()).isEqualTo("USERPAYING");
        assertThat(response.verifiesWith(V3Client.publicKey(sim().platformPublicKeyPem()))).isTrue();
        assertThat(states).containsExactly("USERPAYING", "USERPAYING", "SUCCESS");
    }

    @Test
    void resendWhileUserpayingAnswers202AgainWithoutASecondOrder() throws Exception {
        sim().scriptPaymentCode("134500000000000003", WechatPaySimulatorPayer.neverConfirms());
        codepay("CODE-WAIT-1", "134500000000000003");

        V3Client.Response again = codepay("CODE-WAIT-1", "134500000000000003");

        assertThat(again.status()).isEqualTo(202);
        assertThat(sim().orders()).hasSize(1);
    }

    @Test
    void neverConfirmingPayerIsReversedWithoutCharge() throws Exception {
        sim().scriptPaymentCode("134500000000000004", WechatPaySimulatorPayer.neverConfirms());
        codepay("CODE-NEVER-1", "134500000000000004");

        V3Client.Response reverse = new V3Client(sim()).post("/v3/pay/transactions/out-trade-no/CODE-NEVER-1/reverse",
                Bodies.appAndMerchant(sim()));

        assertThat(reverse.status()).isEqualTo(200);
        WechatPaySimulatorOrder order = sim().order("CODE-NEVER-1").orElseThrow();
        assertThat(order.tradeState()).isEqualTo("REVOKED");
        assertThat(order.charges()).isZero();
        assertThat(order.netCharged()).isZero();
    }

    @Test
    void reversingAPaidOrderReturnsTheMoney() throws Exception {
        codepay("CODE-REV-1", "134500000000000005");

        new V3Client(sim()).post("/v3/pay/transactions/out-trade-no/CODE-REV-1/reverse", Bodies.appAndMerchant(sim()));

        WechatPaySimulatorOrder order = sim().order("CODE-REV-1").orElseThrow();
        assertThat(order.tradeState()).isEqualTo("REVOKED");
        assertThat(order.charges()).isEqualTo(1);
        assertThat(order.netCharged()).isZero();
    }

    @Test
    void reverseOfUnknownOrderIs404() throws Exception {
        V3Client.Response reverse = new V3Client(sim()).post("/v3/pay/transactions/out-trade-no/CODE-NONE-1/reverse",
                Bodies.appAndMerchant(sim()));

        assertThat(reverse.status()).isEqualTo(404);
        assertThat(reverse.code()).isEqualTo("ORDER_NOT_EXIST");
    }

    @Test
    void insufficientBalanceIs403NotEnoughAndPayerError() throws Exception {
        sim().scriptPaymentCode("134500000000000006", WechatPaySimulatorPayer.insufficientFunds());

        V3Client.Response response = codepay("CODE-POOR-1", "134500000000000006");

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("NOT_ENOUGH");
        assertThat(new V3Client(sim()).query("CODE-POOR-1").json().path("trade_state").asText()).isEqualTo("PAYERROR");
        assertThat(sim().order("CODE-POOR-1").orElseThrow().charges()).isZero();
    }

    @Test
    void alipayCodeIsRefusedAsAuthCodeInvalidWithoutAnOrder() throws Exception {
        V3Client.Response response = codepay("CODE-ALIPAY-1", "281234567890123456");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("AUTH_CODE_INVALID");
        assertThat(response.verifiesWith(V3Client.publicKey(sim().platformPublicKeyPem()))).isTrue();
        assertThat(sim().order("CODE-ALIPAY-1")).isEmpty();
    }

    @Test
    void codeOfTheWrongLengthIsRefusedAsAuthCodeInvalid() throws Exception {
        assertThat(codepay("CODE-SHORT-1", "13450000000000001").code()).isEqualTo("AUTH_CODE_INVALID");
        assertThat(codepay("CODE-LONG-1", "1345000000000000011").code()).isEqualTo("AUTH_CODE_INVALID");
        assertThat(sim().order("CODE-SHORT-1")).isEmpty();
    }

    @Test
    void resentCodepayOfPaidOrderReplaysTheTransactionByDefault() throws Exception {
        V3Client.Response first = codepay("CODE-AGAIN-1", "134500000000000007");

        V3Client.Response again = codepay("CODE-AGAIN-1", "134500000000000007");

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("transaction_id")).isEqualTo(first.json().path("transaction_id"));
        assertThat(sim().order("CODE-AGAIN-1").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void resentCodepayOfPaidOrderAnswersTheChosenError() throws Exception {
        sim().alreadyPaidAnswer(WechatPaySimulatorAlreadyPaid.error(403, "ORDER_PAID", "订单已支付"));
        codepay("CODE-AGAIN-2", "134500000000000008");

        V3Client.Response again = codepay("CODE-AGAIN-2", "134500000000000008");

        assertThat(again.status()).isEqualTo(403);
        assertThat(again.code()).isEqualTo("ORDER_PAID");
        assertThat(sim().order("CODE-AGAIN-2").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void otherAuthCodeOnTheSameOutTradeNoIsOutTradeNoUsed() throws Exception {
        codepay("CODE-OTHER-1", "134500000000000009");

        V3Client.Response other = codepay("CODE-OTHER-1", "134500000000000010");

        assertThat(other.code()).isEqualTo("OUT_TRADE_NO_USED");
        assertThat(sim().order("CODE-OTHER-1").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void codepayWithoutSceneInfoIsParamError() throws Exception {
        String body = Bodies.codepay(sim(), "CODE-SCENE-1", "134500000000000011", 500)
                .replaceAll(",\"scene_info\":\\{.*}}$", "}");

        V3Client.Response response = new V3Client(sim()).post("/v3/pay/transactions/codepay", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").path("field").asText()).isEqualTo("/scene_info");
    }

    @Test
    void anIndependentGatewayRefusesAResentCodepayAsAConsumedCode() throws Exception {
        sim().consumePaymentCodes(true);
        codepay("CODE-CONSUMED-1", "134500000000000031");

        V3Client.Response again = codepay("CODE-CONSUMED-1", "134500000000000031");

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("AUTH_CODE_INVALID");
        assertThat(sim().order("CODE-CONSUMED-1").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void queriesLagAfterACodepayWhoseAnswerWasBroken() throws Exception {
        sim().lagQueriesAfterFaultedPay(2);
        sim().faults().next(1, Fault.malformedBody());
        codepay("CODE-LAGGED-1", "134500000000000032");

        assertThat(new V3Client(sim()).query("CODE-LAGGED-1").status()).isEqualTo(404);
        assertThat(new V3Client(sim()).query("CODE-LAGGED-1").status()).isEqualTo(404);
        assertThat(new V3Client(sim()).query("CODE-LAGGED-1").status()).isEqualTo(200);
    }

    @Test
    void queriesDoNotLagAfterACodepayAnsweredIntact() throws Exception {
        sim().lagQueriesAfterFaultedPay(2);
        codepay("CODE-INTACT-1", "134500000000000033");

        assertThat(new V3Client(sim()).query("CODE-INTACT-1").status()).isEqualTo(200);
    }
}
