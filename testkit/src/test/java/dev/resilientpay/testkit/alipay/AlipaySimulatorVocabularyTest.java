package dev.resilientpay.testkit.alipay;

import static dev.resilientpay.testkit.alipay.AlipaySimulatorTradeTest.orderBiz;
import static dev.resilientpay.testkit.alipay.AlipaySimulatorTradeTest.payBiz;
import static dev.resilientpay.testkit.alipay.AlipaySimulatorTradeTest.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorDelivery;
import dev.resilientpay.testkit.AlipaySimulatorNotification;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.AlipaySimulatorRequest;
import dev.resilientpay.testkit.AlipaySimulatorTrade;
import dev.resilientpay.testkit.Fault;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The names the Alipay simulator shares with the WeChat Pay one (docs/testkit.md).
 */
class AlipaySimulatorVocabularyTest extends SimulatorTestBase {

    private GatewayTestClient.Answer pay(String orderId, AlipaySimulatorPayer payer) {
        return client.call(AlipaySimulator.PAY, payBiz(orderId, simulator.newPaymentCode(payer), "3.00"));
    }

    private List<String> queryStates(String orderId, int queries) {
        List<String> states = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            states.add(client.call(AlipaySimulator.QUERY, ref(orderId)).field("trade_status"));
        }
        return states;
    }

    @Test
    void confirmsAfterTwoLetsTwoQueriesFindTheTradeWaitingAndTheThirdPaid() {
        GatewayTestClient.Answer answer = pay("v_confirms2", AlipaySimulatorPayer.confirmsAfter(2));

        assertThat(answer.code()).isEqualTo("10003");
        assertThat(queryStates("v_confirms2", 3)).containsExactly("WAIT_BUYER_PAY", "WAIT_BUYER_PAY", "TRADE_SUCCESS");
        assertThat(simulator.order("v_confirms2").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void confirmsAfterZeroAnswersProcessingAndTheFirstQueryFindsItPaid() {
        assertThat(pay("v_confirms0", AlipaySimulatorPayer.confirmsAfter(0)).code()).isEqualTo("10003");

        assertThat(queryStates("v_confirms0", 1)).containsExactly("TRADE_SUCCESS");
    }

    @Test
    void insufficientFundsIsTheRefusalWithTheBalanceSubCode() {
        assertThat(AlipaySimulatorPayer.insufficientFunds())
                .isEqualTo(AlipaySimulatorPayer.fails("ACQ.BUYER_BALANCE_NOT_ENOUGH"));
    }

    @Test
    void insufficientFundsIsRefusedWithTheBalanceSubCodeAndCreatesNoOrder() {
        GatewayTestClient.Answer answer = pay("v_funds", AlipaySimulatorPayer.insufficientFunds());

        assertThat(answer.subCode()).isEqualTo("ACQ.BUYER_BALANCE_NOT_ENOUGH");
        assertThat(simulator.order("v_funds")).isEmpty();
    }

    @Test
    void ordersListsEveryOrderOldestFirstAndOrderFindsOne() {
        pay("v_o1", AlipaySimulatorPayer.paysAtOnce());
        pay("v_o2", AlipaySimulatorPayer.neverConfirms());

        assertThat(simulator.orders()).extracting(AlipaySimulatorTrade::orderId).containsExactly("v_o1", "v_o2");
        assertThat(simulator.order("v_o1").orElseThrow().orderId()).isEqualTo("v_o1");
    }

    @Test
    void scriptOrderAppliesAtOnceToAnOrderAlreadyWaitingForItsPayer() {
        pay("v_late_script", AlipaySimulatorPayer.neverConfirms());

        simulator.scriptOrder("v_late_script", AlipaySimulatorPayer.confirmsAfter(1));

        assertThat(queryStates("v_late_script", 2)).containsExactly("WAIT_BUYER_PAY", "TRADE_SUCCESS");
    }

    @Test
    void scriptOrderMakesAnUnscannedQrOrderVisibleAndPaysItAtOnce() {
        client.call(AlipaySimulator.PRECREATE, orderBiz("v_qr_late", "9.90"));
        assertThat(client.call(AlipaySimulator.QUERY, ref("v_qr_late")).subCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");

        simulator.scriptOrder("v_qr_late", AlipaySimulatorPayer.paysAtOnce());

        assertThat(queryStates("v_qr_late", 1)).containsExactly("TRADE_SUCCESS");
    }

    @Test
    void requestsAreCountedPerOrderAndPerOperationAndNameTheirOrderAndFault() {
        simulator.faults().next(1, Fault.responseLost(), AlipaySimulator.PAY::equals);
        assertThatThrownBy(() -> pay("v_req", AlipaySimulatorPayer.paysAtOnce()))   // processed, answer lost
                .isInstanceOf(UncheckedIOException.class);
        queryStates("v_req", 2);
        client.call(AlipaySimulator.REFUND, "{\"out_trade_no\":\"v_req\",\"refund_amount\":\"1.00\",\"out_request_no\":\"rf1\"}");

        assertThat(simulator.requestCount("v_req", AlipaySimulator.QUERY)).isEqualTo(2);
        assertThat(simulator.requestCount(AlipaySimulator.QUERY)).isEqualTo(2);
        assertThat(simulator.requestCount(AlipaySimulator.PAY)).isEqualTo(1);
        List<AlipaySimulatorRequest> requests = simulator.requests("v_req");
        assertThat(requests).extracting(AlipaySimulatorRequest::operation)
                .containsExactly(AlipaySimulator.PAY, AlipaySimulator.QUERY, AlipaySimulator.QUERY, AlipaySimulator.REFUND);
        assertThat(requests.get(0).faultName()).contains("ResponseLost");
        assertThat(requests.get(1).faultName()).isEmpty();
        assertThat(requests).allSatisfy(r -> assertThat(r.orderId()).contains("v_req"));
        assertThat(requests.get(3).refundId()).contains("rf1");
        assertThat(requests.get(0).refundId()).isEmpty();
    }

    @Test
    void notificationCarriesItsIdStatusHeadersAndBody() {
        pay("v_notify", AlipaySimulatorPayer.paysAtOnce());

        AlipaySimulatorNotification notification = simulator.notification("v_notify");

        assertThat(notification.tradeStatus()).isEqualTo("TRADE_SUCCESS");
        assertThat(notification.id()).isNotBlank().isEqualTo(notification.parameters().get("notify_id"));
        assertThat(notification.parameters()).containsEntry("out_trade_no", "v_notify").containsKey("sign");
        assertThat(notification.headers()).containsEntry("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        assertThat(notification.bodyBytes()).isEqualTo(notification.body().getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void deliverSendsABuiltNotificationByteForByteAndTheDeliveryNamesIt() throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/notify", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = "success".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        receiver.start();
        try {
            pay("v_deliver", AlipaySimulatorPayer.paysAtOnce());
            AlipaySimulatorNotification notification = simulator.notification("v_deliver");
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/notify";

            AlipaySimulatorDelivery delivery = simulator.deliver(notification, url);

            assertThat(delivery.acknowledged()).isTrue();
            assertThat(received).containsExactly(notification.body());
            assertThat(delivery.notification()).isEqualTo(notification);
        } finally {
            receiver.stop(0);
        }
    }
}
