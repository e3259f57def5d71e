package dev.resilientpay.testkit.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorAlreadyPaid;
import dev.resilientpay.testkit.WechatPaySimulatorExtension;
import dev.resilientpay.testkit.WechatPaySimulatorOrder;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WechatPaySimulatorOrderTest {

    @RegisterExtension
    static final WechatPaySimulatorExtension wechat = new WechatPaySimulatorExtension();

    private WechatPaySimulator sim() {
        return wechat.simulator();
    }

    @Test
    void nativePrepayCreatesAnUnpaidOrder() throws Exception {
        V3Client client = new V3Client(sim());

        V3Client.Response prepay = client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "ORD-NATIVE-1", 888));
        V3Client.Response query = client.query("ORD-NATIVE-1");

        assertThat(prepay.status()).isEqualTo(200);
        JsonNode transaction = query.json();
        assertThat(transaction.path("trade_state").asText()).isEqualTo("NOTPAY");
        assertThat(transaction.path("trade_type").asText()).isEqualTo("NATIVE");
        assertThat(transaction.path("amount").path("total").asLong()).isEqualTo(888);
        assertThat(transaction.has("transaction_id")).isFalse();
        WechatPaySimulatorOrder order = sim().order("ORD-NATIVE-1").orElseThrow();
        assertThat(order.credential()).isEqualTo(prepay.json().path("code_url").asText());
        assertThat(order.charges()).isZero();
    }

    @Test
    void eachPrepayKindAnswersWithItsCredential() throws Exception {
        V3Client client = new V3Client(sim());

        JsonNode jsapi = client.post("/v3/pay/transactions/jsapi", Bodies.jsapiPrepay(sim(), "ORD-JSAPI-1", "oUser1")).json();
        JsonNode app = client.post("/v3/pay/transactions/app", Bodies.appPrepay(sim(), "ORD-APP-1")).json();
        JsonNode h5 = client.post("/v3/pay/transactions/h5", Bodies.h5Prepay(sim(), "ORD-H5-1")).json();

        assertThat(jsapi.path("prepay_id").asText()).startsWith("wx");
        assertThat(app.path("prepay_id").asText()).startsWith("wx");
        assertThat(h5.path("h5_url").asText()).startsWith("https://wx.tenpay.com/");
        assertThat(sim().orders()).extracting(WechatPaySimulatorOrder::tradeType).containsExactly("JSAPI", "APP", "MWEB");
    }

    @Test
    void jsapiWithoutOpenidIsParamErrorNamingTheField() throws Exception {
        V3Client.Response response = new V3Client(sim()).post("/v3/pay/transactions/jsapi",
                Bodies.jsapiPrepay(sim(), "ORD-JSAPI-2", null));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("PARAM_ERROR");
        assertThat(response.json().path("detail").path("field").asText()).isEqualTo("/payer/openid");
        assertThat(sim().order("ORD-JSAPI-2")).isEmpty();
    }

    @Test
    void outTradeNoOfWrongShapeIsParamError() throws Exception {
        V3Client.Response response = new V3Client(sim()).post("/v3/pay/transactions/native",
                Bodies.nativePrepay(sim(), "ab#1", 100));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("detail").path("field").asText()).isEqualTo("/out_trade_no");
    }

    @Test
    void resentPrepayWithSameParametersReturnsTheSameOrder() throws Exception {
        V3Client client = new V3Client(sim());
        String body = Bodies.nativePrepay(sim(), "ORD-AGAIN-1", 100);

        String first = client.post("/v3/pay/transactions/native", body).json().path("code_url").asText();
        String second = client.post("/v3/pay/transactions/native", body).json().path("code_url").asText();

        assertThat(second).isEqualTo(first);
        assertThat(sim().orders()).hasSize(1);
        assertThat(sim().requestCount("ORD-AGAIN-1", WechatPaySimulator.NATIVE)).isEqualTo(2);
    }

    @Test
    void changedParametersOnTheSameOutTradeNoAreOutTradeNoUsed() throws Exception {
        V3Client client = new V3Client(sim());
        client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "ORD-CHANGED-1", 100));

        V3Client.Response changed = client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "ORD-CHANGED-1", 101));
        V3Client.Response otherKind = client.post("/v3/pay/transactions/app", Bodies.nativePrepay(sim(), "ORD-CHANGED-1", 100));

        assertThat(changed.status()).isEqualTo(403);
        assertThat(changed.code()).isEqualTo("OUT_TRADE_NO_USED");
        assertThat(otherKind.code()).isEqualTo("OUT_TRADE_NO_USED");
        assertThat(sim().order("ORD-CHANGED-1").orElseThrow().total()).isEqualTo(100);
    }

    @Test
    void payerPaysAndQueriesSeeTheTransaction() throws Exception {
        V3Client client = new V3Client(sim());
        client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "ORD-PAID-1", 100));

        WechatPaySimulatorOrder paid = sim().payerPays("ORD-PAID-1");
        JsonNode byNumber = client.query("ORD-PAID-1").json();
        JsonNode byId = client.get("/v3/pay/transactions/id/" + paid.transactionId() + "?mchid=" + sim().mchId()).json();

        assertThat(byNumber.path("trade_state").asText()).isEqualTo("SUCCESS");
        assertThat(byNumber.path("transaction_id").asText()).isEqualTo(paid.transactionId());
        assertThat(byNumber.path("amount").path("payer_total").asLong()).isEqualTo(100);
        assertThat(byNumber.path("success_time").asText()).endsWith("+08:00");
        assertThat(byId).isEqualTo(byNumber);
        assertThat(paid.charges()).isEqualTo(1);
        assertThat(sim().requestCount("ORD-PAID-1", WechatPaySimulator.QUERY)).isEqualTo(2);
    }

    @Test
    void payerCannotPayTwice() throws Exception {
        new V3Client(sim()).post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "ORD-TWICE-1", 100));
        sim().payerPays("ORD-TWICE-1");

        assertThatThrownBy(() -> sim().payerPays("ORD-TWICE-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SUCCESS");
        assertThat(sim().order("ORD-TWICE-1").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void scriptedPayerPaysAfterTheGivenNumberOfQueries() throws Exception {
        V3Client client = new V3Client(sim());
        sim().scriptOrder("ORD-LATER-1", WechatPaySimulatorPayer.confirmsAfter(2));
        client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "ORD-LATER-1", 100));

        List<String> states = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            states.add(client.query("ORD-LATER-1").json().path("trade_state").asText());
        }

        assertThat(states).containsExactly("NOTPAY", "NOTPAY", "SUCCESS");
    }

    @Test
    void laggingQueriesAnswer404ThenTheTruth() throws Exception {
        V3Client client = new V3Client(sim());
        client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "ORD-LAG-1", 100));
        sim().payerPays("ORD-LAG-1");
        sim().lagQueries("ORD-LAG-1", 2);

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            statuses.add(client.query("ORD-LAG-1").status());
        }

        assertThat(statuses).containsExactly(404, 404, 200);
        assertThat(sim().order("ORD-LAG-1").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void unknownOrderIs404OrderNotExist() throws Exception {
        V3Client.Response response = new V3Client(sim()).query("ORD-NOBODY-1");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("ORDER_NOT_EXIST");
    }

    @Test
    void queryWithoutMchidIsParamError() throws Exception {
        V3Client.Response response = new V3Client(sim()).get("/v3/pay/transactions/out-trade-no/ORD-NOMCH-1");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("PARAM_ERROR");
    }

    @Test
    void closeAnswers204AndThePayerCanNoLongerPay() throws Exception {
        V3Client client = new V3Client(sim());
        client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "ORD-CLOSE-1", 100));

        V3Client.Response close = client.post("/v3/pay/transactions/out-trade-no/ORD-CLOSE-1/close", Bodies.merchantOnly(sim()));

        assertThat(close.status()).isEqualTo(204);
        assertThat(close.body()).isEmpty();
        assertThat(close.verifiesWith(V3Client.publicKey(sim().platformPublicKeyPem()))).isTrue();
        assertThat(client.query("ORD-CLOSE-1").json().path("trade_state").asText()).isEqualTo("CLOSED");
        assertThatThrownBy(() -> sim().payerPays("ORD-CLOSE-1")).isInstanceOf(IllegalStateException.class);
        assertThat(client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "ORD-CLOSE-1", 100)).code())
                .isEqualTo("ORDER_CLOSED");
    }

    @Test
    void closingAPaidOrderIsOrderPaid() throws Exception {
        V3Client client = new V3Client(sim());
        client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "ORD-CLOSEPAID-1", 100));
        sim().payerPays("ORD-CLOSEPAID-1");

        V3Client.Response close = client.post("/v3/pay/transactions/out-trade-no/ORD-CLOSEPAID-1/close",
                Bodies.merchantOnly(sim()));

        assertThat(close.status()).isEqualTo(400);
        assertThat(close.code()).isEqualTo("ORDERPAID");
        assertThat(sim().order("ORD-CLOSEPAID-1").orElseThrow().tradeState()).isEqualTo("SUCCESS");
    }

    @Test
    void resentPrepayOfPaidOrderGetsTheChosenAlreadyPaidAnswer() throws Exception {
        V3Client client = new V3Client(sim());
        String body = Bodies.nativePrepay(sim(), "ORD-PAIDAGAIN-1", 100);
        client.post("/v3/pay/transactions/native", body);
        sim().payerPays("ORD-PAIDAGAIN-1");

        V3Client.Response replay = client.post("/v3/pay/transactions/native", body);
        sim().alreadyPaidAnswer(WechatPaySimulatorAlreadyPaid.orderPaid());
        V3Client.Response error = client.post("/v3/pay/transactions/native", body);

        assertThat(replay.status()).isEqualTo(200);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.code()).isEqualTo("ORDERPAID");
        assertThat(sim().order("ORD-PAIDAGAIN-1").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void concurrentIdenticalPrepaysCreateOneOrder() throws Exception {
        String body = Bodies.nativePrepay(sim(), "ORD-RACE-1", 100);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return new V3Client(sim()).post("/v3/pay/transactions/native", body).json().path("code_url").asText();
                }));
            }
            start.countDown();
            List<String> codeUrls = new ArrayList<>();
            for (Future<String> answer : answers) {
                codeUrls.add(answer.get(10, TimeUnit.SECONDS));
            }

            assertThat(codeUrls).hasSize(8).containsOnly(codeUrls.get(0));
            assertThat(sim().orders()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resetForgetsOrdersRequestsAndScripts() throws Exception {
        new V3Client(sim()).post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "ORD-RESET-1", 100));
        sim().scriptOrder("ORD-RESET-2", WechatPaySimulatorPayer.paysAtOnce());

        sim().reset();
        new V3Client(sim()).post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "ORD-RESET-2", 100));

        assertThat(sim().orders()).extracting(WechatPaySimulatorOrder::outTradeNo).containsExactly("ORD-RESET-2");
        assertThat(sim().order("ORD-RESET-2").orElseThrow().tradeState()).isEqualTo("NOTPAY");
        assertThat(sim().requests()).hasSize(1);
    }
}
