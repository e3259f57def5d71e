package dev.resilientpay.testkit.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorExtension;
import dev.resilientpay.testkit.WechatPaySimulatorOrder;
import dev.resilientpay.testkit.WechatPaySimulatorRefundScript;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WechatPaySimulatorRefundTest {

    @RegisterExtension
    static final WechatPaySimulatorExtension wechat = new WechatPaySimulatorExtension();

    private WechatPaySimulator sim() {
        return wechat.simulator();
    }

    private V3Client paidOrder(String outTradeNo) throws Exception {
        V3Client client = new V3Client(sim());
        client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), outTradeNo, 1000));
        sim().payerPays(outTradeNo);
        return client;
    }

    private List<String> refundStates(V3Client client, String outRefundNo, int queries) throws Exception {
        List<String> states = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            states.add(client.get("/v3/refund/domestic/refunds/" + outRefundNo).json().path("status").asText());
        }
        return states;
    }

    @Test
    void refundAnswersProcessingAndTheFirstQuerySeesSuccess() throws Exception {
        V3Client client = paidOrder("REF-ORDER-1");

        V3Client.Response refund = client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-ORDER-1", "R-1", 300, 1000));
        List<String> states = refundStates(client, "R-1", 1);

        assertThat(refund.status()).isEqualTo(200);
        assertThat(refund.json().path("status").asText()).isEqualTo("PROCESSING");
        assertThat(refund.json().path("amount").path("refund").asLong()).isEqualTo(300);
        assertThat(states).containsExactly("SUCCESS");
        WechatPaySimulatorOrder order = sim().order("REF-ORDER-1").orElseThrow();
        assertThat(order.tradeState()).isEqualTo("REFUND");
        assertThat(order.netCharged()).isEqualTo(700);
        assertThat(sim().requestCount("REF-ORDER-1", WechatPaySimulator.REFUND_QUERY)).isEqualTo(1);
    }

    @Test
    void refundRetriedWithTheSameOutRefundNoRefundsOnce() throws Exception {
        V3Client client = paidOrder("REF-ORDER-2");
        String body = Bodies.refund("REF-ORDER-2", "R-2", 1000, 1000);

        JsonNode first = client.post("/v3/refund/domestic/refunds", body).json();
        JsonNode second = client.post("/v3/refund/domestic/refunds", body).json();
        refundStates(client, "R-2", 1);
        JsonNode third = client.post("/v3/refund/domestic/refunds", body).json();

        assertThat(second.path("refund_id")).isEqualTo(first.path("refund_id"));
        assertThat(third.path("status").asText()).isEqualTo("SUCCESS");
        WechatPaySimulatorOrder order = sim().order("REF-ORDER-2").orElseThrow();
        assertThat(order.refunds()).hasSize(1);
        assertThat(order.netCharged()).isZero();
    }

    @Test
    void sameOutRefundNoWithOtherAmountIsRejected() throws Exception {
        V3Client client = paidOrder("REF-ORDER-3");
        client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-ORDER-3", "R-3", 100, 1000));

        V3Client.Response other = client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-ORDER-3", "R-3", 200, 1000));

        assertThat(other.status()).isEqualTo(400);
        assertThat(other.code()).isEqualTo("INVALID_REQUEST");
        assertThat(sim().refund("R-3").orElseThrow().amount()).isEqualTo(100);
    }

    @Test
    void scriptedRefundSettlesAfterTheGivenQueries() throws Exception {
        V3Client client = paidOrder("REF-ORDER-4");
        sim().refundScript("R-4", WechatPaySimulatorRefundScript.succeedsAfterQueries(2));
        client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-ORDER-4", "R-4", 100, 1000));

        assertThat(refundStates(client, "R-4", 3)).containsExactly("PROCESSING", "PROCESSING", "SUCCESS");
    }

    @Test
    void refundCanEndClosedOrAbnormalWithoutReturningMoney() throws Exception {
        V3Client client = paidOrder("REF-ORDER-5");
        sim().refundScript("R-5A", WechatPaySimulatorRefundScript.closesAfterQueries(0));
        sim().refundScript("R-5B", WechatPaySimulatorRefundScript.abnormalAfterQueries(0));
        client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-ORDER-5", "R-5A", 100, 1000));
        client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-ORDER-5", "R-5B", 100, 1000));

        assertThat(refundStates(client, "R-5A", 1)).containsExactly("CLOSED");
        assertThat(refundStates(client, "R-5B", 1)).containsExactly("ABNORMAL");
        assertThat(sim().order("REF-ORDER-5").orElseThrow().netCharged()).isEqualTo(1000);
    }

    @Test
    void refundThatSucceedsAtOnceSaysSoInTheAnswer() throws Exception {
        V3Client client = paidOrder("REF-ORDER-6");
        sim().defaultRefundScript(WechatPaySimulatorRefundScript.succeedsAtOnce());

        V3Client.Response refund = client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-ORDER-6", "R-6", 100, 1000));

        assertThat(refund.json().path("status").asText()).isEqualTo("SUCCESS");
        assertThat(refund.json().path("success_time").asText()).isNotEmpty();
    }

    @Test
    void staysProcessingUntilSettledByTheTest() throws Exception {
        V3Client client = paidOrder("REF-ORDER-7");
        sim().refundScript("R-7", WechatPaySimulatorRefundScript.staysProcessing());
        client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-ORDER-7", "R-7", 100, 1000));

        List<String> before = refundStates(client, "R-7", 2);
        sim().settleRefund("R-7", "SUCCESS");

        assertThat(before).containsExactly("PROCESSING", "PROCESSING");
        assertThat(refundStates(client, "R-7", 1)).containsExactly("SUCCESS");
    }

    @Test
    void rejectedRefundCreatesNothing() throws Exception {
        V3Client client = paidOrder("REF-ORDER-8");
        sim().refundScript("R-8", WechatPaySimulatorRefundScript.rejectedWith(403, "NOT_ENOUGH", "商户可用余额不足"));

        V3Client.Response refund = client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-ORDER-8", "R-8", 100, 1000));

        assertThat(refund.status()).isEqualTo(403);
        assertThat(refund.code()).isEqualTo("NOT_ENOUGH");
        assertThat(sim().refund("R-8")).isEmpty();
        assertThat(client.get("/v3/refund/domestic/refunds/R-8").status()).isEqualTo(404);
    }

    @Test
    void laggingRefundQueryAnswers404ForAnExistingRefund() throws Exception {
        V3Client client = paidOrder("REF-ORDER-12");
        client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-ORDER-12", "R-12", 100, 1000));
        sim().lagRefundQueries("R-12", 1);

        V3Client.Response lagging = client.get("/v3/refund/domestic/refunds/R-12");
        V3Client.Response caughtUp = client.get("/v3/refund/domestic/refunds/R-12");

        assertThat(lagging.status()).isEqualTo(404);
        assertThat(lagging.code()).isEqualTo("RESOURCE_NOT_EXISTS");
        assertThat(caughtUp.json().path("status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void unknownRefundQueryIs404ResourceNotExists() throws Exception {
        V3Client.Response response = new V3Client(sim()).get("/v3/refund/domestic/refunds/R-NOBODY");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.code()).isEqualTo("RESOURCE_NOT_EXISTS");
    }

    @Test
    void refundOfUnpaidOrderIsRejected() throws Exception {
        V3Client client = new V3Client(sim());
        client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "REF-UNPAID-1", 1000));

        V3Client.Response refund = client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-UNPAID-1", "R-9", 100, 1000));

        assertThat(refund.status()).isEqualTo(400);
        assertThat(sim().refund("R-9")).isEmpty();
    }

    @Test
    void refundsBeyondTheOrderAmountAreRejected() throws Exception {
        V3Client client = paidOrder("REF-ORDER-10");
        client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-ORDER-10", "R-10A", 600, 1000));

        V3Client.Response tooMuch = client.post("/v3/refund/domestic/refunds", Bodies.refund("REF-ORDER-10", "R-10B", 500, 1000));

        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(sim().order("REF-ORDER-10").orElseThrow().refunds()).hasSize(1);
    }

    @Test
    void refundByTransactionIdIsAccountedToItsOrder() throws Exception {
        V3Client client = paidOrder("REF-ORDER-11");
        String transactionId = sim().order("REF-ORDER-11").orElseThrow().transactionId();
        String body = Bodies.refund("REF-ORDER-11", "R-11", 100, 1000)
                .replace("\"out_trade_no\":\"REF-ORDER-11\"", "\"transaction_id\":\"" + transactionId + "\"");

        V3Client.Response refund = client.post("/v3/refund/domestic/refunds", body);

        assertThat(refund.json().path("out_trade_no").asText()).isEqualTo("REF-ORDER-11");
        assertThat(sim().requestCount("REF-ORDER-11", WechatPaySimulator.REFUND)).isEqualTo(1);
    }
}
