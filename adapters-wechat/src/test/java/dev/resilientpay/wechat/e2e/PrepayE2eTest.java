package dev.resilientpay.wechat.e2e;

import static dev.resilientpay.wechat.e2e.WechatE2e.AWAIT;
import static dev.resilientpay.wechat.e2e.WechatE2e.nativeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Classification;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.QueryResult;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorAlreadyPaid;
import dev.resilientpay.testkit.WechatPaySimulatorDelivery;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import dev.resilientpay.testkit.WechatPaySimulatorRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Native prepay through PaymentClient and WechatPayProvider against the WeChat Pay simulator. */
class PrepayE2eTest extends E2eTestBase {

    @Test
    void paidOrderIsSeenByAwaitPaymentThroughTheVerifiedNotification() {
        PaymentOutcome created = e2e.client.pay(nativeOrder("E2E-NTF-0001", "12.34"));
        wechat.payerPays("E2E-NTF-0001");

        WechatPaySimulatorDelivery delivery = wechat.sendNotification("E2E-NTF-0001", e2e.notifyUrl());
        PaymentOutcome awaited = e2e.client.awaitPayment("E2E-NTF-0001", AWAIT);

        assertThat(created).isInstanceOfSatisfying(PaymentOutcome.AwaitingPayer.class, awaiting ->
                assertThat(awaiting.action()).isEqualTo(new PayerAction.ScanQrCode(
                        wechat.order("E2E-NTF-0001").orElseThrow().credential())));
        assertThat(delivery.acknowledged()).as("answer %s %s", delivery.status(), delivery.body()).isTrue();
        assertThat(e2e.notifications).singleElement().isInstanceOf(NotificationResult.Accepted.class);
        assertThat(awaited).isInstanceOfSatisfying(PaymentOutcome.Paid.class, paid -> {
            assertThat(paid.transactionId()).isEqualTo(wechat.order("E2E-NTF-0001").orElseThrow().transactionId());
            assertThat(paid.amount()).isEqualTo(Money.of("12.34", "CNY"));
        });
        assertThat(wechat.requestCount("E2E-NTF-0001", WechatPaySimulator.QUERY))
                .as("the notification alone proved the payment").isZero();
    }

    @Test
    void lostNotificationIsMadeUpForByAwaitPaymentPolling() {
        e2e.client.pay(nativeOrder("E2E-LOSTNTF-01", "5.00"));
        wechat.scriptOrder("E2E-LOSTNTF-01", WechatPaySimulatorPayer.confirmsAfter(2));

        PaymentOutcome awaited = e2e.client.awaitPayment("E2E-LOSTNTF-01", AWAIT);

        assertThat(awaited).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(wechat.requestCount("E2E-LOSTNTF-01", WechatPaySimulator.QUERY)).isEqualTo(3);
        assertThat(wechat.order("E2E-LOSTNTF-01").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void lostPrepayResponseIsResentWithTheSameOutTradeNoAndMakesOneOrder() {
        wechat.faults().next(1, Fault.responseLost(), WechatPaySimulator.NATIVE::equals);

        PaymentOutcome outcome = e2e.client.pay(nativeOrder("E2E-LOSTPREPAY-1", "9.99"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.AwaitingPayer.class, awaiting ->
                assertThat(awaiting.action()).isEqualTo(new PayerAction.ScanQrCode(
                        wechat.order("E2E-LOSTPREPAY-1").orElseThrow().credential())));
        assertThat(wechat.orders()).singleElement().satisfies(order ->
                assertThat(order.outTradeNo()).isEqualTo("E2E-LOSTPREPAY-1"));
        assertThat(wechat.requests("E2E-LOSTPREPAY-1")).extracting(WechatPaySimulatorRequest::operation)
                .containsExactly("native", "query", "native");
    }

    @Test
    void prepayResentForAnOrderPaidMeanwhileEndsPaidOnTheAlreadyPaidAnswer() {
        wechat.alreadyPaidAnswer(WechatPaySimulatorAlreadyPaid.orderPaid());
        wechat.faults().next(1, Fault.responseLost(), WechatPaySimulator.NATIVE::equals);
        wechat.scriptOrder("E2E-PAIDMEANWHILE", WechatPaySimulatorPayer.paysAtOnce());
        wechat.lagQueries("E2E-PAIDMEANWHILE", 1); // the first query does not see the order yet: re-send

        PaymentOutcome outcome = e2e.client.pay(nativeOrder("E2E-PAIDMEANWHILE", "9.99"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(wechat.requests("E2E-PAIDMEANWHILE"))
                .extracting(WechatPaySimulatorRequest::operation, WechatPaySimulatorRequest::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("native", 0),
                        org.assertj.core.groups.Tuple.tuple("query", 404),
                        org.assertj.core.groups.Tuple.tuple("native", 400),
                        org.assertj.core.groups.Tuple.tuple("query", 200));
        assertThat(wechat.order("E2E-PAIDMEANWHILE").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void changedParametersOnTheSameOrderIdAreAConflictDecidedLocally() {
        e2e.client.pay(nativeOrder("E2E-CONFLICT-1", "10.00"));

        PaymentOutcome changed = e2e.client.pay(nativeOrder("E2E-CONFLICT-1", "20.00"));

        assertThat(changed).isInstanceOfSatisfying(PaymentOutcome.Failed.class, failed ->
                assertThat(failed.failure().reason()).isEqualTo(FailureReason.IDEMPOTENCY_CONFLICT));
        assertThat(wechat.requests("E2E-CONFLICT-1")).as("nothing sent for the changed request").hasSize(1);
        assertThat(wechat.order("E2E-CONFLICT-1").orElseThrow().total()).isEqualTo(1000);
    }

    @Test
    void concurrentPaysOfOneOrderSendOnce() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<PaymentOutcome>> outcomes = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                outcomes.add(callers.submit(() -> {
                    go.await();
                    return e2e.client.pay(nativeOrder("E2E-CONCURRENT-1", "8.00"));
                }));
            }
            go.countDown();
            List<PaymentOutcome> results = new ArrayList<>();
            for (Future<PaymentOutcome> outcome : outcomes) {
                results.add(outcome.get(10, TimeUnit.SECONDS));
            }

            assertThat(results).hasSize(8).containsOnly(results.get(0));
            assertThat(results.get(0)).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
            assertThat(wechat.requests("E2E-CONCURRENT-1")).hasSize(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void html502IsUnknownThenAQueryDecides() {
        wechat.faults().next(1, Fault.http502Html(), WechatPaySimulator.NATIVE::equals);

        PaymentOutcome outcome = e2e.client.pay(nativeOrder("E2E-HTML502-1", "3.00"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        assertThat(e2e.attempts).first().satisfies(first -> {
            assertThat(first.classification()).isEqualTo(Classification.UNKNOWN);
            assertThat(first.reason()).isEqualTo(FailureReason.PROVIDER_UNAVAILABLE);
        });
        assertThat(wechat.requests("E2E-HTML502-1"))
                .extracting(WechatPaySimulatorRequest::operation, WechatPaySimulatorRequest::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("native", 502),
                        org.assertj.core.groups.Tuple.tuple("query", 404),
                        org.assertj.core.groups.Tuple.tuple("native", 200));
        assertThat(wechat.orders()).hasSize(1);
    }

    @Test
    void lowercaseResponseHeadersAreAccepted() {
        wechat.lowercaseResponseHeaders(true);

        PaymentOutcome outcome = e2e.client.pay(nativeOrder("E2E-LOWER-0001", "1.00"));
        wechat.payerPays("E2E-LOWER-0001");
        QueryResult<TradeStatus> query = e2e.client.query("E2E-LOWER-0001");

        assertThat(outcome).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        assertThat(query).isInstanceOfSatisfying(QueryResult.Known.class, known ->
                assertThat(((TradeStatus) known.status()).state()).isEqualTo(TradeState.PAID));
        assertThat(e2e.attempts).extracting(PaymentListener.AttemptFinished::classification)
                .containsOnly(Classification.DEFINITE);
    }
}
