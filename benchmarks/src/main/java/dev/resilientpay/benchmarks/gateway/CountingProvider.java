package dev.resilientpay.benchmarks.gateway;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.PaymentProvider;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the attempts the pipeline decided to make. The SPI makes one HTTP exchange per call, so this
 * is what the simulator should see; anything beyond it was re-sent below the pipeline.
 */
final class CountingProvider implements PaymentProvider {

    private final PaymentProvider delegate;
    private final LongAdder calls = new LongAdder();

    CountingProvider(PaymentProvider delegate) {
        this.delegate = delegate;
    }

    long calls() {
        return calls.sum();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public void validate(PaymentRequest request) {
        delegate.validate(request);
    }

    @Override
    public void validate(RefundRequest request) {
        delegate.validate(request);
    }

    @Override
    public Attempt<PaymentOutcome> pay(PaymentRequest request, AttemptContext context) {
        calls.increment();
        return delegate.pay(request, context);
    }

    @Override
    public Attempt<TradeStatus> query(String orderId, AttemptContext context) {
        calls.increment();
        return delegate.query(orderId, context);
    }

    @Override
    public Attempt<CloseOutcome.Closed> close(String orderId, AttemptContext context) {
        calls.increment();
        return delegate.close(orderId, context);
    }

    @Override
    public Attempt<CloseOutcome.Closed> cancel(String orderId, AttemptContext context) {
        calls.increment();
        return delegate.cancel(orderId, context);
    }

    @Override
    public Attempt<RefundStatus> refund(RefundRequest request, AttemptContext context) {
        calls.increment();
        return delegate.refund(request, context);
    }

    @Override
    public Attempt<RefundStatus> queryRefund(String orderId, String refundId, AttemptContext context) {
        calls.increment();
        return delegate.queryRefund(orderId, refundId, context);
    }

    @Override
    public NotificationVerifier notifications() {
        return delegate.notifications();
    }
}
