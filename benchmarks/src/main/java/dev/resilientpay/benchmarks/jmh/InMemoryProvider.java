package dev.resilientpay.benchmarks.jmh;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.PaymentProvider;
import java.time.Instant;

/**
 * A provider that answers every payment-code payment "paid" at once, without I/O: what is left of a
 * {@code PaymentClient.pay} call is the pipeline's own cost. Only {@code pay} is reached on the
 * happy path; the other operations answer "not sent" so that a stray call would show as a failure.
 * {@link #chargedEvery(Money)} also answers every status query "paid" with that amount at once, as a
 * gateway that charged every order would: what is left of {@code recover()} is the library's and the
 * ledger's cost.
 */
public class InMemoryProvider implements PaymentProvider {

    private static final Failure UNUSED = Failure.of(FailureReason.PROVIDER_ERROR, "not part of this benchmark");
    private static final Instant PAID_AT = Instant.parse("2026-01-01T00:00:00Z");

    private final Money charged;

    /** Answers payments "paid"; queries are not part of its benchmark ("not sent"). */
    public InMemoryProvider() {
        this(null);
    }

    /**
     * A provider whose queries answer "paid" with {@code charged}, or "not sent" if null.
     *
     * @param charged what every order was charged, or null
     */
    protected InMemoryProvider(Money charged) {
        this.charged = charged;
    }

    /**
     * A provider whose gateway charged every order {@code amount}: each query answers "paid" at once.
     *
     * @param amount what every order was charged
     * @return the provider
     */
    public static InMemoryProvider chargedEvery(Money amount) {
        return new InMemoryProvider(amount);
    }

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
        if (charged != null) {
            return new Attempt.Succeeded<>(new TradeStatus(orderId, TradeState.PAID, "T" + orderId, charged, PAID_AT,
                    "TRADE_SUCCESS"));
        }
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
