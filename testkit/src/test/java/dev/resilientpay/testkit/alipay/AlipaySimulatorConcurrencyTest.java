package dev.resilientpay.testkit.alipay;

import static dev.resilientpay.testkit.alipay.AlipaySimulatorTradeTest.payBiz;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The trade book under concurrent requests: the out_trade_no check-and-create is atomic. */
class AlipaySimulatorConcurrencyTest {

    @Test
    void concurrentPaysForOneOrderChargeOnceAndTheRestAreAnsweredTradeHasSuccess() throws Exception {
        int senders = 16;
        try (AlipaySimulator simulator = AlipaySimulator.start()) {
            GatewayTestClient client = new GatewayTestClient(simulator);
            String code = simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce());
            ExecutorService pool = Executors.newFixedThreadPool(senders);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<GatewayTestClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < senders; i++) {
                answers.add(pool.submit(() -> {
                    go.await();
                    return client.call("alipay.trade.pay", payBiz("c_race", code, "10.00"));
                }));
            }
            go.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<GatewayTestClient.Answer> answer : answers) {
                GatewayTestClient.Answer a = answer.get(20, TimeUnit.SECONDS);
                outcomes.add(a.code() + "/" + a.subCode());
            }
            pool.shutdown();

            assertThat(outcomes).containsOnlyOnce("10000/null");
            assertThat(outcomes).filteredOn(o -> o.equals("40004/ACQ.TRADE_HAS_SUCCESS")).hasSize(senders - 1);
            assertThat(simulator.order("c_race").orElseThrow().charges()).isEqualTo(1);
            assertThat(simulator.requestCount("c_race", "alipay.trade.pay")).isEqualTo(senders);
        }
    }
}
