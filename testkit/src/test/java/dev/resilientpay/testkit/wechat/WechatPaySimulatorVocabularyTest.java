package dev.resilientpay.testkit.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorDelivery;
import dev.resilientpay.testkit.WechatPaySimulatorExtension;
import dev.resilientpay.testkit.WechatPaySimulatorOrder;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import dev.resilientpay.testkit.WechatPaySimulatorRequest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The names the WeChat Pay simulator shares with the Alipay one (docs/testkit.md).
 */
class WechatPaySimulatorVocabularyTest {

    @RegisterExtension
    static final WechatPaySimulatorExtension wechat = new WechatPaySimulatorExtension();

    private WechatPaySimulator sim() {
        return wechat.simulator();
    }

    private V3Client.Response codepay(String orderId, String authCode) throws IOException {
        return new V3Client(sim()).post("/v3/pay/transactions/codepay", Bodies.codepay(sim(), orderId, authCode, 300));
    }

    private List<String> queryStates(String orderId, int queries) throws IOException {
        List<String> states = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            states.add(new V3Client(sim()).query(orderId).json().path("trade_state").asText());
        }
        return states;
    }

    @Test
    void confirmsAfterTwoLetsTwoQueriesFindTheOrderWaitingAndTheThirdPaid() throws IOException {
        String code = sim().newPaymentCode(WechatPaySimulatorPayer.confirmsAfter(2));

        V3Client.Response response = codepay("V-CONFIRMS-2", code);

        assertThat(response.status()).isEqualTo(202);
        assertThat(queryStates("V-CONFIRMS-2", 3)).containsExactly("USERPAYING", "USERPAYING", "SUCCESS");
        assertThat(sim().order("V-CONFIRMS-2").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void newPaymentCodesAreFreshWellFormedWechatCodes() {
        String first = sim().newPaymentCode(WechatPaySimulatorPayer.paysAtOnce());
        String second = sim().newPaymentCode(WechatPaySimulatorPayer.paysAtOnce());

        assertThat(first).matches("1[0-5]\\d{16}");
        assertThat(second).matches("1[0-5]\\d{16}").isNotEqualTo(first);
    }

    @Test
    void insufficientFundsAndInvalidPaymentCodeAreRefusedWithTheGatewaysCodes() throws IOException {
        V3Client.Response broke = codepay("V-FUNDS-1", sim().newPaymentCode(WechatPaySimulatorPayer.insufficientFunds()));
        V3Client.Response invalid = codepay("V-INVALID-1",
                sim().newPaymentCode(WechatPaySimulatorPayer.invalidPaymentCode()));

        assertThat(broke.status()).isEqualTo(403);
        assertThat(broke.code()).isEqualTo("NOT_ENOUGH");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.code()).isEqualTo("AUTH_CODE_INVALID");
        assertThat(sim().order("V-FUNDS-1").orElseThrow().charges()).isZero();
    }

    @Test
    void defaultPayerAppliesToUnscriptedCodesUntilReset() throws IOException {
        sim().defaultPayer(WechatPaySimulatorPayer.neverConfirms());
        assertThat(codepay("V-DEFAULT-1", "134500000000000093").status()).isEqualTo(202);

        sim().reset();

        assertThat(codepay("V-DEFAULT-2", "134500000000000093").status()).isEqualTo(200);
    }

    @Test
    void scriptOrderTakesPrecedenceOverThePaymentCodesScriptForACodepay() throws IOException {
        String code = sim().newPaymentCode(WechatPaySimulatorPayer.paysAtOnce());
        sim().scriptOrder("V-ORDER-SCRIPT", WechatPaySimulatorPayer.confirmsAfter(1));

        assertThat(codepay("V-ORDER-SCRIPT", code).status()).isEqualTo(202);
        assertThat(queryStates("V-ORDER-SCRIPT", 2)).containsExactly("USERPAYING", "SUCCESS");
    }

    @Test
    void requestsAreCountedPerOrderAndPerOperationAndNameTheirOrderAndFault() throws IOException {
        sim().faults().next(1, Fault.responseLost(), WechatPaySimulator.CODEPAY::equals);
        String code = sim().newPaymentCode(WechatPaySimulatorPayer.paysAtOnce());
        assertThatThrownBy(() -> codepay("V-REQ-1", code)).isInstanceOf(IOException.class);   // processed, answer lost
        queryStates("V-REQ-1", 2);

        assertThat(sim().requestCount("V-REQ-1", WechatPaySimulator.QUERY)).isEqualTo(2);
        assertThat(sim().requestCount(WechatPaySimulator.QUERY)).isEqualTo(2);
        List<WechatPaySimulatorRequest> requests = sim().requests("V-REQ-1");
        assertThat(requests).extracting(WechatPaySimulatorRequest::operation)
                .containsExactly(WechatPaySimulator.CODEPAY, WechatPaySimulator.QUERY, WechatPaySimulator.QUERY);
        assertThat(requests.get(0).faultName()).contains("ResponseLost");
        assertThat(requests.get(1).faultName()).isEmpty();
        assertThat(requests).allSatisfy(r -> assertThat(r.orderId()).contains("V-REQ-1"));
        assertThat(requests.get(0).refundId()).isEmpty();
        assertThat(sim().orders()).extracting(WechatPaySimulatorOrder::orderId).containsExactly("V-REQ-1");
    }

    @Test
    void sendNotificationWithoutUrlPostsToTheOrdersNotifyUrl() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/notify", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String notifyUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/notify";
            new V3Client(sim()).post("/v3/pay/transactions/native",
                    Bodies.nativePrepay(sim(), "V-NOTIFY-1", 100).replace("https://merchant.example/notify", notifyUrl));
            sim().payerPays("V-NOTIFY-1");

            WechatPaySimulatorDelivery delivery = sim().sendNotification("V-NOTIFY-1");

            assertThat(delivery.acknowledged()).isTrue();
            assertThat(received).containsExactly(delivery.notification().body());
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void sendNotificationWithoutUrlRefusesACodepayOrderThatHasNone() throws IOException {
        codepay("V-NOTIFY-2", sim().newPaymentCode(WechatPaySimulatorPayer.paysAtOnce()));

        assertThatThrownBy(() -> sim().sendNotification("V-NOTIFY-2")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("V-NOTIFY-2");
    }
}
