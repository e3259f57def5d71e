package dev.resilientpay.internal;

import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.LedgerUnavailableException;
import dev.resilientpay.spi.PaymentLedger;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what queries and notifications learn about orders and refunds in the ledger, and wakes
 * whoever waits for a payment. Entries that wait for news are updated (awaiting payer, in doubt,
 * refund processing, or abandoned by a crashed owner); a call in flight records its own outcome.
 * Verified PAID evidence always overrides a recorded failure, loudly: it means money was taken.
 */
final class StatusRecorder {

    private static final Logger log = LoggerFactory.getLogger(StatusRecorder.class);
    private static final int CAS_TRIES = 3;

    private final PaymentLedger ledger;
    private final LedgerKeys keys;
    private final Listeners listeners;
    private final ConcurrentMap<String, Set<CompletableFuture<PaymentOutcome.Paid>>> waiters = new ConcurrentHashMap<>();
    /** Orders this process learned to be paid while their call was still running (checked before a cancel). */
    private final ConcurrentMap<String, PaymentOutcome.Paid> paidWhileRunning = new ConcurrentHashMap<>();

    StatusRecorder(PaymentLedger ledger, LedgerKeys keys, Listeners listeners) {
        this.ledger = ledger;
        this.keys = keys;
        this.listeners = listeners;
    }

    LedgerKeys keys() {
        return keys;
    }

    /**
     * What {@code status} proves: {@code Paid} or {@code Failed} for a final state, {@code InDoubt}
     * ({@link FailureReason#AMOUNT_MISMATCH}) for a payment of another amount, empty otherwise.
     *
     * @param expected the order's amount, or {@code null} if unknown
     */
    static Optional<PaymentOutcome> definite(TradeStatus status, Money expected, int attempts) {
        TradeState state = status.state();
        if (state.isPaid()) {
            Money amount = status.amount() != null ? status.amount() : expected;
            if (amount == null) {
                return Optional.empty();
            }
            if (expected != null && !expected.equals(amount)) {
                log.warn("order {} reported paid with {} but {} was requested: not taken as paid",
                        status.orderId(), amount, expected);
                return Optional.of(new PaymentOutcome.InDoubt(status.orderId(), new Failure(FailureReason.AMOUNT_MISMATCH,
                        null, null, "provider reports " + amount + " paid, the order is for " + expected, null, attempts)));
            }
            return Optional.of(new PaymentOutcome.Paid(status.orderId(), status.transactionId(), amount, status.paidAt()));
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

    /**
     * Records a payment status learned by a query or notification; returns what it proves.
     *
     * @param source {@code query} or {@code notification}, for the contradiction event
     */
    Optional<PaymentOutcome> learn(TradeStatus status, String source) {
        LedgerKey key = keys.pay(status.orderId());
        Optional<LedgerEntry> entry = find(key);
        Money expected = entry.map(e -> e.payment().amount()).orElse(null);
        Optional<PaymentOutcome> outcome = definite(status, expected, 0);
        if (outcome.isEmpty() || outcome.get() instanceof PaymentOutcome.InDoubt) {
            return outcome;
        }
        PaymentOutcome proven = outcome.get();
        if (proven instanceof PaymentOutcome.Paid paid) {
            paid(paid);
        }
        for (int i = 0; i < CAS_TRIES && entry.isPresent(); i++) {
            LedgerEntry current = entry.get();
            if (!acceptsNews(current, proven)) {
                if (proven instanceof PaymentOutcome.Paid paid && current.state() == LedgerState.IN_FLIGHT) {
                    paidWhileRunning.put(paid.orderId(), paid);
                }
                break;
            }
            boolean notification = "notification".equals(source);
            LedgerState state = LedgerState.COMPLETED;
            PaymentOutcome recordedNow = proven;
            if (current.outcome() instanceof PaymentOutcome.Failed recorded && proven instanceof PaymentOutcome.Paid) {
                listeners.contradiction(new PaymentListener.Contradiction(keys.provider(), status.orderId(), recorded,
                        proven, source));
                if (notification) {
                    // A notification can be stale (the payment it reports may since have been reversed):
                    // it reopens the order, and the next resolve()/recover() decides by query.
                    log.warn("order {} was recorded {} but a verified PAID notification contradicts it: reopened "
                            + "in doubt; resolve() decides by query", status.orderId(), CallPipeline.describe(recorded));
                    state = LedgerState.IN_DOUBT;
                    recordedNow = new PaymentOutcome.InDoubt(status.orderId(), Failure.of(FailureReason.PROVIDER_ERROR,
                            "a verified PAID notification contradicts the recorded " + CallPipeline.describe(recorded)));
                } else {
                    log.warn("order {} was recorded {} but a query proves it paid: recording Paid",
                            status.orderId(), CallPipeline.describe(recorded));
                }
            } else if (notification && current.state() != LedgerState.COMPLETED && current.payment() != null
                    && current.payment().method() instanceof dev.resilientpay.PaymentMethod.PaymentCode) {
                // An in-doubt payment code, or one whose till died mid-call, may have been cancelled by its
                // deadline cancel: only a query tells whether the money stayed (model finding 6).
                log.info("order {}: PAID notification for an in-doubt payment-code order; resolve() decides by query",
                        status.orderId());
                break;
            }
            try {
                if (ledger.complete(current, state, recordedNow, 0).isPresent()) {
                    break;
                }
            } catch (LedgerUnavailableException e) {
                log.warn("{} learned from {} not recorded: ledger unavailable", status.orderId(), source);
                break;
            }
            entry = find(key);
        }
        return outcome;
    }

    /**
     * Records that a cancel refunded a paid order: the payment entry becomes
     * {@code Failed(PAYMENT_REVERSED)}, even over a recorded {@code Paid} (this client's own verified
     * action moved the money back). An entry a live call holds is left to that call.
     */
    void reversed(String orderId, String how) {
        LedgerKey key = keys.pay(orderId);
        PaymentOutcome.Failed reversed = new PaymentOutcome.Failed(orderId, new Failure(FailureReason.PAYMENT_REVERSED,
                null, null, "cancelled (" + how + ") after it was paid; the payment is refunded", null, 0));
        Optional<LedgerEntry> entry = find(key);
        for (int i = 0; i < CAS_TRIES && entry.isPresent(); i++) {
            LedgerEntry current = entry.get();
            if (current.state() == LedgerState.IN_FLIGHT && !current.unowned(ledger.now())) {
                break;
            }
            try {
                if (ledger.complete(current, LedgerState.COMPLETED, reversed, 0).isPresent()) {
                    break;
                }
            } catch (LedgerUnavailableException e) {
                break;
            }
            entry = find(key);
        }
    }

    /** Records a refund status; returns the definite outcome it proves, if any. */
    Optional<RefundOutcome> learn(RefundStatus status) {
        Optional<RefundOutcome> outcome = definite(status, 0);
        if (outcome.isEmpty()) {
            return outcome;
        }
        LedgerKey key = keys.refund(status.orderId(), status.refundId());
        Optional<LedgerEntry> entry = find(key);
        for (int i = 0; i < CAS_TRIES && entry.isPresent(); i++) {
            LedgerEntry current = entry.get();
            if (!current.orderId().equals(status.orderId()) || !acceptsNews(current, outcome.get())) {
                break;
            }
            try {
                if (ledger.complete(current, LedgerState.COMPLETED, outcome.get(), 0).isPresent()) {
                    break;
                }
            } catch (LedgerUnavailableException e) {
                break;
            }
            entry = find(key);
        }
        return outcome;
    }

    /**
     * Whether {@code entry} may take {@code proven} from outside its own call: it waits for news, or
     * its owner died, or it is recorded failed and the evidence proves it paid. A recorded Paid is
     * never overwritten (a fully refunded order is reported closed afterwards).
     */
    private boolean acceptsNews(LedgerEntry entry, Outcome proven) {
        Outcome recorded = entry.outcome();
        if (recorded instanceof PaymentOutcome.Paid || recorded instanceof RefundOutcome.Refunded) {
            return false;
        }
        if (recorded instanceof PaymentOutcome.Failed failed && failed.failure().reason() == FailureReason.PAYMENT_REVERSED) {
            // This client's own verified cancel moved the money back: a PAID notification delivered
            // afterwards is genuine but stale (model finding 1).
            return false;
        }
        return switch (entry.state()) {
            case IN_DOUBT -> true;
            case IN_FLIGHT -> entry.unowned(ledger.now());
            case COMPLETED -> recorded instanceof PaymentOutcome.AwaitingPayer
                    || recorded instanceof RefundOutcome.Processing
                    || (recorded instanceof PaymentOutcome.Failed && proven instanceof PaymentOutcome.Paid);
        };
    }

    private Optional<LedgerEntry> find(LedgerKey key) {
        try {
            return ledger.find(key);
        } catch (LedgerUnavailableException e) {
            log.warn("{}: ledger unavailable ({})", key, e.getMessage());
            return Optional.empty();
        }
    }

    /** Wakes whoever awaits {@code paid}'s order. */
    void paid(PaymentOutcome.Paid paid) {
        Set<CompletableFuture<PaymentOutcome.Paid>> waiting = waiters.remove(paid.orderId());
        if (waiting != null) {
            waiting.forEach(w -> w.complete(paid));
        }
    }

    /** The PAID evidence learned for {@code orderId} while its own call was running, if any (consumed). */
    Optional<PaymentOutcome.Paid> paidWhileRunning(String orderId) {
        return Optional.ofNullable(paidWhileRunning.remove(orderId));
    }

    /** A future completed when the order is learned to be paid; {@link #forget} it when done. */
    CompletableFuture<PaymentOutcome.Paid> waiter(String orderId) {
        CompletableFuture<PaymentOutcome.Paid> waiter = new CompletableFuture<>();
        waiters.computeIfAbsent(orderId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        return waiter;
    }

    void forget(String orderId, CompletableFuture<PaymentOutcome.Paid> waiter) {
        waiters.computeIfPresent(orderId, (id, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }

    /** The recorded payment outcome of {@code orderId}, if any. */
    Optional<PaymentOutcome> recorded(String orderId) {
        return find(keys.pay(orderId)).map(LedgerEntry::outcome)
                .filter(PaymentOutcome.class::isInstance).map(PaymentOutcome.class::cast);
    }

    /** The ledger entry of {@code orderId}'s payment, if any. */
    Optional<LedgerEntry> payment(String orderId) {
        return find(keys.pay(orderId));
    }
}
