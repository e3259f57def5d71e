package dev.resilientpay.internal;

import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Records what queries and notifications learn about orders and refunds in the ledger, and wakes
 * whoever waits for a payment. Only entries that wait for news are updated (awaiting payer, in doubt,
 * refund processing): a call in flight records its own outcome.
 */
final class StatusRecorder {

    private final PaymentLedger ledger;
    private final ConcurrentMap<String, CompletableFuture<PaymentOutcome.Paid>> waiters = new ConcurrentHashMap<>();

    StatusRecorder(PaymentLedger ledger) {
        this.ledger = ledger;
    }

    static String payKey(String orderId) {
        return "pay:" + orderId;
    }

    static String refundKey(String orderId, String refundId) {
        return "refund:" + orderId + ":" + refundId;
    }

    /**
     * What {@code status} proves: {@code Paid} or {@code Failed} for a final state, empty otherwise.
     *
     * @param fallbackAmount the order's amount if the status does not say, or {@code null}
     */
    static Optional<PaymentOutcome> definite(TradeStatus status, Money fallbackAmount, int attempts) {
        TradeState state = status.state();
        if (state.isPaid()) {
            Money amount = status.amount() != null ? status.amount() : fallbackAmount;
            return amount == null ? Optional.empty() : Optional.of(
                    new PaymentOutcome.Paid(status.orderId(), status.transactionId(), amount, status.paidAt()));
        }
        if (state == TradeState.CLOSED || state == TradeState.FAILED) {
            FailureReason reason = state == TradeState.CLOSED ? FailureReason.ORDER_CLOSED : FailureReason.PAYMENT_DECLINED;
            return Optional.of(new PaymentOutcome.Failed(status.orderId(), new Failure(reason, null, null,
                    "order is " + (status.rawState() != null ? status.rawState() : state), null, attempts)));
        }
        return Optional.empty();
    }

    /** What a refund status proves: refunded or failed for a final state, empty otherwise. */
    static Optional<RefundOutcome> definite(RefundStatus status, int attempts) {
        return switch (status.state()) {
            case SUCCEEDED -> Optional.of(new RefundOutcome.Refunded(status));
            case ABNORMAL -> Optional.of(new RefundOutcome.Failed(status.orderId(), status.refundId(),
                    new Failure(FailureReason.REFUND_ABNORMAL, null, null, describe(status), null, attempts)));
            case CLOSED -> Optional.of(new RefundOutcome.Failed(status.orderId(), status.refundId(),
                    new Failure(FailureReason.REFUND_NOT_ALLOWED, null, null, describe(status), null, attempts)));
            default -> Optional.empty();
        };
    }

    private static String describe(RefundStatus status) {
        return "refund is " + (status.rawState() != null ? status.rawState() : status.state());
    }

    /** Records a payment status; returns the definite outcome it proves, if any. */
    Optional<PaymentOutcome> learn(TradeStatus status) {
        Optional<LedgerEntry> entry = ledger.find(payKey(status.orderId()));
        Money fallback = entry.map(e -> e.payment().amount()).orElse(null);
        Optional<PaymentOutcome> outcome = definite(status, fallback, 0);
        outcome.ifPresent(o -> {
            entry.filter(StatusRecorder::waitsForNews)
                    .ifPresent(e -> ledger.complete(e.key(), o, LedgerState.COMPLETED));
            if (o instanceof PaymentOutcome.Paid paid) {
                paid(paid);
            }
        });
        return outcome;
    }

    /** Records a refund status; returns the definite outcome it proves, if any. */
    Optional<RefundOutcome> learn(RefundStatus status) {
        Optional<RefundOutcome> outcome = definite(status, 0);
        outcome.ifPresent(o -> ledger.find(refundKey(status.orderId(), status.refundId()))
                .filter(StatusRecorder::waitsForNews)
                .ifPresent(e -> ledger.complete(e.key(), o, LedgerState.COMPLETED)));
        return outcome;
    }

    private static boolean waitsForNews(LedgerEntry entry) {
        Outcome outcome = entry.outcome();
        return entry.state() == LedgerState.IN_DOUBT
                || (entry.state() == LedgerState.COMPLETED
                    && (outcome instanceof PaymentOutcome.AwaitingPayer || outcome instanceof RefundOutcome.Processing));
    }

    /** Wakes whoever awaits {@code paid}'s order. */
    void paid(PaymentOutcome.Paid paid) {
        CompletableFuture<PaymentOutcome.Paid> waiter = waiters.remove(paid.orderId());
        if (waiter != null) {
            waiter.complete(paid);
        }
    }

    /** A future completed when the order is learned to be paid; {@link #forget} it when done. */
    CompletableFuture<PaymentOutcome.Paid> waiter(String orderId) {
        return waiters.computeIfAbsent(orderId, id -> new CompletableFuture<>());
    }

    void forget(String orderId, CompletableFuture<PaymentOutcome.Paid> waiter) {
        waiters.remove(orderId, waiter);
    }

    /** The recorded payment outcome of {@code orderId}, if any. */
    Optional<PaymentOutcome> recorded(String orderId) {
        return ledger.find(payKey(orderId)).map(LedgerEntry::outcome)
                .filter(PaymentOutcome.class::isInstance).map(PaymentOutcome.class::cast);
    }
}
