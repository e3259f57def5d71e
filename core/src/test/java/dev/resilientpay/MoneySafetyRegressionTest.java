package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.codePay;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 8: the rare paths where a charged payer was told "not paid", a refund that never happened was
 * reported done, or an amount went unchecked — each pinned by the pipeline-level regression it needed.
 */
class MoneySafetyRegressionTest {

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider();
    private final PaymentLedger ledger = PaymentLedger.inMemory(time.clock(), PaymentLedger.DEFAULT_RETENTION);
    private final List<PaymentListener.Contradiction> contradictions = new CopyOnWriteArrayList<>();
    private final PaymentClient client = client(provider, time).ledger(ledger)
            .listener(new PaymentListener() {
                @Override
                public void onContradiction(Contradiction event) {
                    contradictions.add(event);
                }
            }).build();

    private static Notification paidNotification(String orderId, Money amount) {
        return new Notification.PaymentNotification("n-" + orderId, "TRANSACTION.SUCCESS",
                new TradeStatus(orderId, TradeState.PAID, "tx-" + orderId, amount, VirtualTime.EPOCH, "SUCCESS"));
    }

    // ---------------------------------------------------------------- finding 1

    @Test
    void aConsumedPaymentCodeRefusedOnAResendIsNeverRecordedFailed() {
        // The first send's answer is lost, the lagging query says "not found", the code is never sent
        // again, and the payment the first send made is found by a later query.
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT), Answers.rejected(FailureReason.PAYMENT_CODE_INVALID))
                .onQuery(Answers.status("o-1", TradeState.NOT_FOUND), Answers.status("o-1", TradeState.PROCESSING),
                        Answers.paidStatus("o-1", AMOUNT));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
    }

    @Test
    void aPaymentCodeNeverFoundIsCancelledAtTheDeadlineNotLeftOpen() {
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT))
                .onQuery(Answers.status("o-1", TradeState.NOT_FOUND))
                .onCancel(Answers.closed("o-1", false));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        // "Not found" from a query is no proof (queries lag): the reason promises any amount back.
        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.PAYER_DID_NOT_CONFIRM));
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(provider.executions(Endpoint.CANCEL)).isEqualTo(1);
    }

    @Test
    void aRefusedResendOfAnOrderAfterALostAnswerIsQueriedNotTakenAsNotCharged() {
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT), Answers.rejected(FailureReason.INVALID_REQUEST))
                .onQuery(Answers.status("o-1", TradeState.NOT_FOUND), Answers.paidStatus("o-1", AMOUNT));

        PaymentOutcome outcome = client.pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
    }

    @Test
    void aVerifiedPaidNotificationReopensARecordedFailureLoudlyAndTheQueryDecides() {
        provider.onPay(Answers.rejected(FailureReason.PAYMENT_DECLINED));
        assertThat(client.pay(qrPay("o-1"))).isInstanceOf(PaymentOutcome.Failed.class);

        NotificationResult result = client.notifications().verify(Map.of(),
                provider.signedNotification(paidNotification("o-1", AMOUNT)));

        assertThat(result).isInstanceOf(NotificationResult.Accepted.class);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(LedgerEntry::state)
                .isEqualTo(LedgerState.IN_DOUBT);
        assertThat(contradictions).singleElement().satisfies(c -> {
            assertThat(c.recorded()).isInstanceOf(PaymentOutcome.Failed.class);
            assertThat(c.evidence()).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(c.source()).isEqualTo("notification");
        });
        provider.onQuery(Answers.paidStatus("o-1", AMOUNT));
        assertThat(client.pay(qrPay("o-1"))).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(LedgerEntry::outcome)
                .isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(client.awaitPayment("o-1", Duration.ofSeconds(1))).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
    }

    @Test
    void resolveOfARecordedFailureFindsAPaymentByQuery() {
        provider.onPay(Answers.rejected(FailureReason.PAYMENT_DECLINED))
                .onQuery(Answers.paidStatus("o-1", AMOUNT));
        client.pay(qrPay("o-1"));

        assertThat(client.resolve("o-1")).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(LedgerEntry::outcome)
                .isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(contradictions).singleElement().extracting(PaymentListener.Contradiction::source).isEqualTo("query");
    }

    // ---------------------------------------------------------------- finding 3

    @Test
    void aQueryReportingPaidWithAnotherAmountIsInDoubtNeverPaid() {
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT))
                .onQuery(Answers.paidStatus("o-1", Money.cny(1)))
                .onCancel(Answers.closed("o-1", false));

        PaymentOutcome outcome = client.pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.InDoubt.class,
                d -> assertThat(d.lastFailure().reason()).isEqualTo(FailureReason.AMOUNT_MISMATCH));
    }

    @Test
    void aPayAnswerWithAnotherAmountIsNotTakenAsPaid() {
        provider.onPay(Answers.paid("o-1", Money.cny(1)))
                .onQuery(Answers.paidStatus("o-1", Money.cny(1)))
                .onCancel(Answers.closed("o-1", true));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.InDoubt.class,
                d -> assertThat(d.lastFailure().reason()).isEqualTo(FailureReason.AMOUNT_MISMATCH));
        assertThat(provider.executions(Endpoint.CANCEL)).isZero();
    }

    // ---------------------------------------------------------------- finding 6

    @Test
    void recoveryNeverResendsAPaymentCodeAndTheLedgerNeverHoldsIt() {
        PaymentRequest request = codePay("o-1");
        ledger.begin(LedgerEntry.start(Fixtures.payKey("o-1"), dev.resilientpay.internal.RequestFingerprint.of(request),
                request, null, "dead-instance", time.now()), Duration.ofSeconds(30));
        time.advance(Duration.ofSeconds(31));
        provider.onQuery(Answers.status("o-1", TradeState.NOT_FOUND)).onCancel(Answers.closed("o-1", false));

        List<Outcome> outcomes = client.recover();

        assertThat(outcomes).singleElement().isInstanceOf(PaymentOutcome.Failed.class);
        assertThat(provider.executions(Endpoint.PAY)).isZero();
        assertThat(provider.executions(Endpoint.CANCEL)).isEqualTo(1);
        assertThat(((PaymentMethod.PaymentCode) ledger.find(Fixtures.payKey("o-1")).orElseThrow().payment().method())
                .isRedacted()).isTrue();
    }

    // ---------------------------------------------------------------- finding 10

    @Test
    void aPublicCancelOfAPaidOrderRecordsItReversed() {
        provider.onPay(Answers.paid("o-1", AMOUNT)).onCancel(Answers.closed("o-1", true));
        assertThat(client.pay(codePay("o-1"))).isInstanceOf(PaymentOutcome.Paid.class);

        client.cancel("o-1");

        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(LedgerEntry::outcome)
                .isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                        f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.PAYMENT_REVERSED));
    }

    @Test
    void aCancelThatRefundsAPaidPaymentCodeIsReportedReversedNotUnconfirmed() {
        provider.onPay(Answers.pending())
                .onQuery(Answers.status("o-1", TradeState.PROCESSING))
                .onCancel(Answers.closed("o-1", true));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.PAYMENT_REVERSED));
    }

    @Test
    void aLastQueryBeforeTheDeadlineCancelFindsALateConfirmation() {
        provider.onPay(Answers.pending())
                .onQuery(context -> time.since(VirtualTime.EPOCH).compareTo(Duration.ofSeconds(44)) >= 0
                        ? Answers.paidStatus("o-1", AMOUNT) : Answers.status("o-1", TradeState.PROCESSING))
                .onCancel(Answers.closed("o-1", true));

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.CANCEL)).isZero();
    }

    @Test
    void aConflictingPayNeverJoinsARunningResolveOfTheSameOrder() throws Exception {
        CountDownLatch resolving = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        provider.onPay(Answers.awaitingPayer("o-1"));
        client.pay(qrPay("o-1"));
        provider.onQuery(context -> {
            resolving.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Answers.status("o-1", TradeState.AWAITING_PAYMENT);
        });
        CompletableFuture<PaymentOutcome> resolve = CompletableFuture.supplyAsync(() -> client.resolve("o-1"));
        assertThat(resolving.await(10, TimeUnit.SECONDS)).isTrue();

        PaymentOutcome conflicting = client.pay(qrPay("o-1", Money.cny(1)));
        release.countDown();

        assertThat(conflicting).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.IDEMPOTENCY_CONFLICT));
        assertThat(resolve.get(10, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
    }

    @Test
    void refundIdsUniquePerMerchantCannotBeReusedOnAnotherOrder() {
        ScriptedProvider wechatLike = new ScriptedProvider().merchantScopedRefunds();
        wechatLike.onRefund(Answers.refund("o-1", "r-1", RefundState.SUCCEEDED, Money.cny(1000)));
        PaymentClient wechat = client(wechatLike, time).build();
        assertThat(wechat.refund(Fixtures.refund("o-1", "r-1"))).isInstanceOf(RefundOutcome.Refunded.class);

        RefundOutcome reused = wechat.refund(Fixtures.refund("o-2", "r-1"));

        assertThat(reused).isInstanceOfSatisfying(RefundOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isEqualTo(FailureReason.IDEMPOTENCY_CONFLICT));
        assertThat(wechatLike.executions(Endpoint.REFUND)).isEqualTo(1);
    }

    @Test
    void aRefundAnswerForAnotherOrderIsNeverTakenAsThisRefund() {
        provider.onRefund(Answers.refund("o-2", "r-1", RefundState.SUCCEEDED, Money.cny(1000)))
                .onQueryRefund(Answers.refund("o-2", "r-1", RefundState.SUCCEEDED, Money.cny(1000)));

        RefundOutcome outcome = client.refund(Fixtures.refund("o-1", "r-1"));

        assertThat(outcome).isNotInstanceOf(RefundOutcome.Refunded.class);
        assertThat(ledger.find(Fixtures.refundKey("o-1", "r-1"))).get().extracting(LedgerEntry::state)
                .isNotEqualTo(LedgerState.COMPLETED);
    }
}
