package dev.resilientpay;

import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.VirtualTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Requests and clients shared by core's tests. */
final class Fixtures {

    static final Money AMOUNT = Money.cny(8888);
    static final String AUTH_CODE = "287634438256643941";

    private Fixtures() {}

    static dev.resilientpay.spi.LedgerKey payKey(String orderId) {
        return dev.resilientpay.spi.LedgerKey.payment("scripted", "default", orderId);
    }

    static dev.resilientpay.spi.LedgerKey refundKey(String orderId, String refundId) {
        return dev.resilientpay.spi.LedgerKey.refund("scripted", "default", orderId, refundId, false);
    }

    static PaymentRequest codePay(String orderId) {
        return PaymentRequest.builder().orderId(orderId).amount(AMOUNT).subject("Coffee")
                .method(new PaymentMethod.PaymentCode(AUTH_CODE)).build();
    }

    static PaymentRequest qrPay(String orderId) {
        return qrPay(orderId, AMOUNT);
    }

    static PaymentRequest qrPay(String orderId, Money amount) {
        return PaymentRequest.builder().orderId(orderId).amount(amount).subject("Coffee")
                .method(new PaymentMethod.QrCode()).build();
    }

    static RefundRequest refund(String orderId, String refundId) {
        return RefundRequest.builder().orderId(orderId).refundId(refundId).amount(Money.cny(1000))
                .orderAmount(AMOUNT).reason("broken cup").build();
    }

    static PaymentClient.Builder client(ScriptedProvider provider, VirtualTime time) {
        return PaymentClient.builder().provider(provider).timeSource(time).seed(42);
    }

    /** Records every listener event. */
    static final class RecordingListener implements PaymentListener {
        final List<AttemptFinished> attempts = new CopyOnWriteArrayList<>();
        final List<RetryScheduled> retries = new CopyOnWriteArrayList<>();
        final List<PollFinished> polls = new CopyOnWriteArrayList<>();
        final List<CallFinished> outcomes = new CopyOnWriteArrayList<>();
        final List<BreakerStateChanged> breaker = new CopyOnWriteArrayList<>();

        @Override public void onAttempt(AttemptFinished e) { attempts.add(e); }
        @Override public void onRetryScheduled(RetryScheduled e) { retries.add(e); }
        @Override public void onPoll(PollFinished e) { polls.add(e); }
        @Override public void onOutcome(CallFinished e) { outcomes.add(e); }
        @Override public void onBreakerStateChange(BreakerStateChanged e) { breaker.add(e); }
    }
}
