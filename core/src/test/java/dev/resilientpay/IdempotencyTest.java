package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.codePay;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class IdempotencyTest {

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider();
    private final PaymentLedger ledger = PaymentLedger.inMemory();
    private final PaymentClient client = client(provider, time).ledger(ledger).build();

    @Test
    void sameKeyWithAnotherAmountIsAConflictAndSendsNothing() {
        provider.onPay(Answers.awaitingPayer("o-1"));
        client.pay(qrPay("o-1"));

        PaymentOutcome outcome = client.pay(qrPay("o-1", Money.cny(1)));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class, f -> {
            assertThat(f.failure().reason()).isEqualTo(FailureReason.IDEMPOTENCY_CONFLICT);
            assertThat(f.failure().attempts()).isZero();
        });
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(e -> e.payment().amount()).isEqualTo(AMOUNT);
    }

    /** Issue 8, finding 10: fields that change what is sent are part of the request's identity. */
    @Test
    void sameKeyWithAnotherNotifyUrlExpiryMetadataOrReturnUrlIsAConflict() {
        provider.onPay(Answers.awaitingPayer("o-1"));
        PaymentRequest base = PaymentRequest.builder().orderId("o-1").amount(AMOUNT).subject("Coffee")
                .method(new PaymentMethod.Web(PaymentMethod.Web.Device.MOBILE, "https://shop.example/back", "10.0.0.1"))
                .notifyUrl("https://shop.example/notify").metadata("store", "7").build();
        client.pay(base);

        List<PaymentRequest> different = List.of(
                PaymentRequest.builder().orderId("o-1").amount(AMOUNT).subject("Coffee").method(base.method())
                        .notifyUrl("https://evil.example/notify").metadata("store", "7").build(),
                PaymentRequest.builder().orderId("o-1").amount(AMOUNT).subject("Coffee").method(base.method())
                        .notifyUrl(base.notifyUrl()).metadata("store", "8").build(),
                PaymentRequest.builder().orderId("o-1").amount(AMOUNT).subject("Coffee").method(base.method())
                        .notifyUrl(base.notifyUrl()).metadata("store", "7").expiresAt(VirtualTime.EPOCH).build(),
                PaymentRequest.builder().orderId("o-1").amount(AMOUNT).subject("Coffee")
                        .method(new PaymentMethod.Web(PaymentMethod.Web.Device.MOBILE, "https://other.example", "10.0.0.1"))
                        .notifyUrl(base.notifyUrl()).metadata("store", "7").build());

        assertThat(different).allSatisfy(request -> assertThat(client.pay(request))
                .isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                        f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.IDEMPOTENCY_CONFLICT)));
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
    }

    @Test
    void sameKeyFromAnotherPayerIpIsTheSameRequest() {
        provider.onPay(Answers.awaitingPayer("o-1"));
        PaymentRequest first = PaymentRequest.builder().orderId("o-1").amount(AMOUNT).subject("Coffee")
                .method(new PaymentMethod.Web(PaymentMethod.Web.Device.MOBILE, null, "10.0.0.1")).build();
        PaymentRequest movedNetwork = PaymentRequest.builder().orderId("o-1").amount(AMOUNT).subject("Coffee")
                .method(new PaymentMethod.Web(PaymentMethod.Web.Device.MOBILE, null, "10.0.0.2")).build();
        client.pay(first);

        assertThat(client.pay(movedNetwork)).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
    }

    @Test
    void sameKeyAfterAFinalOutcomeReplaysItAndSendsNothing() {
        provider.onPay(Answers.paid("o-1", AMOUNT));
        PaymentOutcome first = client.pay(codePay("o-1"));

        PaymentOutcome again = client.pay(codePay("o-1"));

        assertThat(again).isEqualTo(first).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(provider.executions(Endpoint.QUERY)).isZero();
    }

    @Test
    void aFreshPaymentCodeForTheSameOrderIsTheSameRequest() {
        provider.onPay(Answers.rejected(FailureReason.PAYMENT_CODE_INVALID));
        PaymentOutcome first = client.pay(codePay("o-1"));
        PaymentRequest refreshedCode = PaymentRequest.builder().orderId("o-1").amount(AMOUNT).subject("Coffee")
                .method(new PaymentMethod.PaymentCode("134567890123456789")).build();

        PaymentOutcome again = client.pay(refreshedCode);

        assertThat(again).isEqualTo(first);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
    }

    @Test
    void aRecordedFailureForAPassingReasonRunsAgain() {
        provider.onPay(Answers.rejected(FailureReason.RATE_LIMITED), Answers.awaitingPayer("o-1"));
        assertThat(client.pay(qrPay("o-1"))).isInstanceOf(PaymentOutcome.Failed.class);

        PaymentOutcome again = client.pay(qrPay("o-1"));

        assertThat(again).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(2);
    }

    @Test
    void hundredConcurrentCallsWithOneKeyShareOneExecution() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        provider.onPay(context -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answers.paid("o-1", AMOUNT);
        });
        ExecutorService threads = Executors.newFixedThreadPool(100);
        try {
            CountDownLatch ready = new CountDownLatch(100);
            List<Future<PaymentOutcome>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(threads.submit(() -> {
                    ready.countDown();
                    return client.pay(codePay("o-1"));
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> provider.executions(Endpoint.PAY) == 1);
            release.countDown();

            List<PaymentOutcome> outcomes = new ArrayList<>();
            for (Future<PaymentOutcome> call : calls) {
                outcomes.add(call.get(10, TimeUnit.SECONDS));
            }

            assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
            assertThat(outcomes).hasSize(100).allSatisfy(o -> assertThat(o).isEqualTo(outcomes.get(0)));
            assertThat(outcomes.get(0)).isInstanceOf(PaymentOutcome.Paid.class);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aConcurrentCallWithAnotherRequestForTheKeyIsAConflict() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        provider.onPay(context -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answers.awaitingPayer("o-1");
        });
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<PaymentOutcome> first = thread.submit(() -> client.pay(qrPay("o-1")));
            await().atMost(Duration.ofSeconds(10)).until(() -> provider.executions(Endpoint.PAY) == 1);

            PaymentOutcome other = client.pay(qrPay("o-1", Money.cny(1)));
            release.countDown();

            assertThat(other).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                    f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.IDEMPOTENCY_CONFLICT));
            assertThat(first.get(10, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
            assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        } finally {
            thread.shutdownNow();
        }
    }

    @Test
    void anInDoubtOrderIsQueriedBeforeAnythingIsSentAgain() {
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT)).onQuery(Answers.unknown(FailureReason.NETWORK_ERROR));
        assertThat(client.pay(qrPay("o-1"))).isInstanceOf(PaymentOutcome.InDoubt.class);
        provider.reset(Endpoint.QUERY).onQuery(Answers.paidStatus("o-1", AMOUNT));

        PaymentOutcome again = client.pay(qrPay("o-1"));

        assertThat(again).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
    }

    @Test
    void attemptContextCarriesTheOrderIdAsKeyForEveryMethod() {
        Attempt<PaymentOutcome> notSent = Answers.notSent(FailureReason.NETWORK_ERROR);
        provider.onPay(notSent, Answers.awaitingPayer("o-2"));

        client.pay(qrPay("o-2"));

        assertThat(provider.contexts(Endpoint.PAY)).allSatisfy(c -> assertThat(c.idempotencyKey()).isEqualTo("o-2"));
    }
}
