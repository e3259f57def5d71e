package dev.resilientpay.wechat.e2e;

import static dev.resilientpay.wechat.e2e.WechatE2e.nativeOrder;
import static dev.resilientpay.wechat.e2e.WechatE2e.refund;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Money;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundState;
import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorDelivery;
import dev.resilientpay.testkit.WechatPaySimulatorOrder;
import dev.resilientpay.testkit.WechatPaySimulatorRefundScript;
import dev.resilientpay.testkit.WechatPaySimulatorRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Refunds through PaymentClient and WechatPayProvider against the WeChat Pay simulator. */
class RefundE2eTest extends E2eTestBase {

    @BeforeEach
    void paidOrder() {
        e2e.client.pay(nativeOrder("E2E-REFUND-0001", "50.00"));
        wechat.payerPays("E2E-REFUND-0001");
    }

    @Test
    void refundResentWithTheSameOutRefundNoAfterALostAnswerRefundsOnce() {
        wechat.faults().next(1, Fault.responseLost(), WechatPaySimulator.REFUND::equals);
        wechat.lagRefundQueries("E2E-R-0001", 1); // the first refund query does not see it yet: re-send
        wechat.refundScript("E2E-R-0001", WechatPaySimulatorRefundScript.succeedsAfterQueries(1));

        RefundOutcome outcome = e2e.client.refund(refund("E2E-REFUND-0001", "E2E-R-0001", "20.00", "50.00"));

        assertThat(outcome).isInstanceOfSatisfying(RefundOutcome.Refunded.class, refunded ->
                assertThat(refunded.status().amount()).isEqualTo(Money.of("20.00", "CNY")));
        assertThat(wechat.requests("E2E-REFUND-0001")).filteredOn(r -> "E2E-R-0001".equals(r.outRefundNo()))
                .extracting(WechatPaySimulatorRequest::operation)
                .startsWith("refund", "refund-query", "refund")
                .containsOnly("refund", "refund-query");
        WechatPaySimulatorOrder order = wechat.order("E2E-REFUND-0001").orElseThrow();
        assertThat(order.refunds()).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo("SUCCESS"));
        assertThat(order.netCharged()).isEqualTo(3000);
    }

    @Test
    void refundNotificationSettlesARefundTheCallerLeftProcessing() {
        wechat.refundScript("E2E-R-0003", WechatPaySimulatorRefundScript.staysProcessing());
        RefundOutcome processing = e2e.client.refund(refund("E2E-REFUND-0001", "E2E-R-0003", "3.00", "50.00"),
                WechatE2e.shortPolicy(java.time.Duration.ofMillis(300), 3));
        wechat.settleRefund("E2E-R-0003", "SUCCESS");
        // A query the call gave up on (its attempt timed out on a loaded machine) may still reach the
        // simulator after refund() returned: count once the requests have settled.
        java.util.concurrent.atomic.AtomicInteger seen = new java.util.concurrent.atomic.AtomicInteger(-1);
        org.awaitility.Awaitility.await().pollInterval(java.time.Duration.ofMillis(200))
                .atMost(java.time.Duration.ofSeconds(10)).until(() -> {
                    int count = wechat.requestCount("E2E-REFUND-0001", WechatPaySimulator.REFUND_QUERY);
                    return seen.getAndSet(count) == count;
                });
        int queriesBefore = wechat.requestCount("E2E-REFUND-0001", WechatPaySimulator.REFUND_QUERY);

        WechatPaySimulatorDelivery delivery = wechat.sendRefundNotification("E2E-R-0003", e2e.notifyUrl());

        assertThat(processing).isInstanceOf(RefundOutcome.Processing.class);
        assertThat(delivery.acknowledged()).as("answer %s %s", delivery.status(), delivery.body()).isTrue();
        assertThat(e2e.notifications).singleElement().isInstanceOfSatisfying(NotificationResult.Accepted.class,
                accepted -> assertThat(accepted.notification()).isInstanceOfSatisfying(
                        Notification.RefundNotification.class, refund -> {
                            assertThat(refund.status().state()).isEqualTo(RefundState.SUCCEEDED);
                            assertThat(refund.status().amount()).isEqualTo(Money.of("3.00", "CNY"));
                        }));
        assertThat(wechat.requestCount("E2E-REFUND-0001", WechatPaySimulator.REFUND_QUERY)).isEqualTo(queriesBefore);
    }

    @Test
    void refundRepeatedByTheCallerIsReplayedWithoutSendingAgain() {
        RefundOutcome first = e2e.client.refund(refund("E2E-REFUND-0001", "E2E-R-0002", "50.00", "50.00"));

        RefundOutcome again = e2e.client.refund(refund("E2E-REFUND-0001", "E2E-R-0002", "50.00", "50.00"));

        assertThat(first).isInstanceOf(RefundOutcome.Refunded.class);
        assertThat(again).isEqualTo(first);
        assertThat(wechat.requestCount("E2E-REFUND-0001", WechatPaySimulator.REFUND)).isEqualTo(1);
        assertThat(wechat.order("E2E-REFUND-0001").orElseThrow().netCharged()).isZero();
    }
}
