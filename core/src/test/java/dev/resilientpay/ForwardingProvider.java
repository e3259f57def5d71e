package dev.resilientpay;

import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.PaymentProvider;

/** A provider that forwards every call; tests override what they break. */
class ForwardingProvider implements PaymentProvider {

    private final PaymentProvider delegate;

    ForwardingProvider(PaymentProvider delegate) {
        this.delegate = delegate;
    }

    @Override public String name() { return delegate.name(); }

    @Override public Attempt<PaymentOutcome> pay(PaymentRequest r, AttemptContext c) { return delegate.pay(r, c); }

    @Override public Attempt<TradeStatus> query(String o, AttemptContext c) { return delegate.query(o, c); }

    @Override public Attempt<CloseOutcome.Closed> close(String o, AttemptContext c) { return delegate.close(o, c); }

    @Override public Attempt<CloseOutcome.Closed> cancel(String o, AttemptContext c) { return delegate.cancel(o, c); }

    @Override public Attempt<RefundStatus> refund(RefundRequest r, AttemptContext c) { return delegate.refund(r, c); }

    @Override
    public Attempt<RefundStatus> queryRefund(String o, String r, AttemptContext c) {
        return delegate.queryRefund(o, r, c);
    }

    @Override public NotificationVerifier notifications() { return delegate.notifications(); }
}
