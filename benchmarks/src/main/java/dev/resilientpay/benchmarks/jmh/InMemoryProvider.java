package dev.resilientpay.benchmarks.jmh;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.PaymentProvider;

/**
 * A provider that answers every payment-code payment "paid" at once, without I/O: what is left of a
 * {@code PaymentClient.pay} call is the pipeline's own cost. Only {@code pay} is reached on the
 * happy path; the other operations answer "not sent" so that a stray call would show as a failure.
 */
final class InMemoryProvider implements PaymentProvider {

    private static final Failure UNUSED = Failure.of(FailureReason.PROVIDER_ERROR, "not part of this benchmark");

    @Override
    public String name() {
        return "in-memory";
    }

    @Override
    public Attempt<PaymentOutcome> pay(PaymentRequest request, AttemptContext context) {
        return new Attempt.Succeeded<>(new PaymentOutcome.Paid(request.orderId(), "T" + request.orderId(),
                request.amount(), null));
    }

    @Override
    public Attempt<TradeStatus> query(String orderId, AttemptContext context) {
        return new Attempt.NotSent<>(UNUSED, null);
    }

    @Override
    public Attempt<CloseOutcome.Closed> close(String orderId, AttemptContext context) {
        return new Attempt.NotSent<>(UNUSED, null);
    }

    @Override
    public Attempt<CloseOutcome.Closed> cancel(String orderId, AttemptContext context) {
        return new Attempt.NotSent<>(UNUSED, null);
    }

    @Override
    public Attempt<RefundStatus> refund(RefundRequest request, AttemptContext context) {
        return new Attempt.NotSent<>(UNUSED, null);
    }

    @Override
    public Attempt<RefundStatus> queryRefund(String orderId, String refundId, AttemptContext context) {
        return new Attempt.NotSent<>(UNUSED, null);
    }

    @Override
    public NotificationVerifier notifications() {
        return (headers, body) -> new NotificationResult.Rejected(NotificationRejection.MALFORMED,
                "no notifications in this benchmark", new NotificationReply(400, "text/plain", "fail"));
    }
}
