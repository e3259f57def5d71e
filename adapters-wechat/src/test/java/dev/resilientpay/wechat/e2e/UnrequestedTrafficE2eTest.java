package dev.resilientpay.wechat.e2e;

import static dev.resilientpay.wechat.e2e.WechatE2e.codeOrder;
import static dev.resilientpay.wechat.e2e.WechatE2e.nativeOrder;
import static dev.resilientpay.wechat.e2e.WechatE2e.refund;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorOrder;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import dev.resilientpay.testkit.WechatPaySimulatorRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every request the gateway receives is one the pipeline decided to send: the simulator's journal,
 * order by order, equals the attempts the client reported, under a seeded storm of faults (resets,
 * lost answers, 5xx, HTML, 429, bad and stale signatures, malformed bodies). No hidden transport
 * retry, no extra query, no second order number.
 */
class UnrequestedTrafficE2eTest {

    private static final List<Fault> STORM = List.of(
            Fault.connectionReset(), Fault.responseLost(), Fault.http500(), Fault.http502Html(),
            Fault.http503Empty(), Fault.systemError(), Fault.systemErrorAfterProcessing(),
            Fault.rateLimited(Duration.ZERO), Fault.badSignature(), Fault.staleTimestamp(), Fault.malformedBody());

    @Test
    void gatewaySeesExactlyTheAttemptsThePipelineMade() {
        try (WechatE2e e2e = WechatE2e.start()) {
            WechatPaySimulator wechat = e2e.simulator;
            wechat.scriptPaymentCode("134500000000000001", WechatPaySimulatorPayer.paysAtOnce());
            wechat.scriptPaymentCode("134500000000000002", WechatPaySimulatorPayer.confirmsAfter(1));
            wechat.scriptPaymentCode("134500000000000003", WechatPaySimulatorPayer.insufficientFunds());
            wechat.faults().randomly(0.3, STORM, 20250101L);
            List<String> orders = new ArrayList<>();

            for (int i = 1; i <= 4; i++) {
                String orderId = "E2E-STORM-N" + i;
                orders.add(orderId);
                if (e2e.client.pay(nativeOrder(orderId, "10.00")) instanceof PaymentOutcome.AwaitingPayer
                        && i % 2 == 0) {
                    wechat.payerPays(orderId);
                    if (e2e.client.awaitPayment(orderId, WechatE2e.AWAIT) instanceof PaymentOutcome.Paid) {
                        e2e.client.refund(refund(orderId, orderId + "-R", "4.00", "10.00"));
                    }
                } else {
                    e2e.client.close(orderId);
                }
            }
            for (int i = 1; i <= 3; i++) {
                String orderId = "E2E-STORM-C" + i;
                orders.add(orderId);
                e2e.client.pay(codeOrder(orderId, "13450000000000000" + i, "7.00"));
            }

            assertThat(wechat.faults().injectedCount()).as("the storm happened").isGreaterThan(5);
            for (String orderId : orders) {
                assertThat(wechat.requests(orderId)).extracting(WechatPaySimulatorRequest::operation)
                        .as("requests for %s", orderId)
                        .containsExactlyElementsOf(e2e.attemptedOperations(orderId));
            }
            assertThat(wechat.requests()).hasSize(e2e.attempts.size());
            assertThat(wechat.orders()).extracting(WechatPaySimulatorOrder::outTradeNo).isSubsetOf(orders);
            assertThat(wechat.orders()).allSatisfy(order -> assertThat(order.charges()).isLessThanOrEqualTo(1));
        }
    }
}
