package dev.resilientpay.testing;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import java.time.Duration;
import java.time.Instant;

/** Ready-made provider answers for {@link ScriptedProvider} scripts. */
public final class Answers {

    private Answers() {}

    /** The request did not reach the provider. */
    public static <T> Attempt<T> notSent(FailureReason reason) {
        return new Attempt.NotSent<>(Failure.of(reason, "scripted " + reason), null);
    }

    /** The provider asks to try again after {@code retryAfter}. */
    public static <T> Attempt<T> notSent(FailureReason reason, Duration retryAfter) {
        return new Attempt.NotSent<>(Failure.of(reason, "scripted " + reason), retryAfter);
    }

    /** The request may have been processed. */
    public static <T> Attempt<T> unknown(FailureReason reason) {
        return new Attempt.Unknown<>(Failure.of(reason, "scripted " + reason));
    }

    /** A definite refusal with a provider code. */
    public static <T> Attempt<T> rejected(FailureReason reason) {
        return new Attempt.Rejected<>(Failure.of(reason, "SCRIPTED_CODE", null, "scripted " + reason, "req-1"));
    }

    /** Accepted, in progress. */
    public static <T> Attempt<T> pending() {
        return new Attempt.Pending<>("scripted: payer confirming");
    }

    /** A payment-code payment that succeeded. */
    public static Attempt<PaymentOutcome> paid(String orderId, Money amount) {
        return new Attempt.Succeeded<>(new PaymentOutcome.Paid(orderId, "tx-" + orderId, amount,
                VirtualTime.EPOCH));
    }

    /** An order created and awaiting its payer, with a QR code. */
    public static Attempt<PaymentOutcome> awaitingPayer(String orderId) {
        return new Attempt.Succeeded<>(new PaymentOutcome.AwaitingPayer(orderId,
                new PayerAction.ScanQrCode("https://qr.example/" + orderId)));
    }

    /** A query answer in {@code state}, without an amount. */
    public static Attempt<TradeStatus> status(String orderId, TradeState state) {
        return new Attempt.Succeeded<>(new TradeStatus(orderId, state,
                state.isPaid() ? "tx-" + orderId : null, null, null, state.name()));
    }

    /** A query answer: paid with {@code amount}. */
    public static Attempt<TradeStatus> paidStatus(String orderId, Money amount) {
        return new Attempt.Succeeded<>(new TradeStatus(orderId, TradeState.PAID, "tx-" + orderId, amount,
                VirtualTime.EPOCH, "TRADE_SUCCESS"));
    }

    /** A close or cancel that worked. */
    public static Attempt<CloseOutcome.Closed> closed(String orderId, boolean refunded) {
        return new Attempt.Succeeded<>(new CloseOutcome.Closed(orderId, refunded));
    }

    /** A refund (or refund query) answer in {@code state}. */
    public static Attempt<RefundStatus> refund(String orderId, String refundId, RefundState state, Money amount) {
        return new Attempt.Succeeded<>(new RefundStatus(orderId, refundId, "rf-" + refundId, amount, state,
                state == RefundState.SUCCEEDED ? Instant.parse("2025-01-01T00:00:05Z") : null, state.name()));
    }
}
