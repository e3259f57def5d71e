package dev.resilientpay.examples.chaos;

import dev.resilientpay.Classification;
import dev.resilientpay.Operation;
import dev.resilientpay.PaymentListener;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one client did, as its {@link PaymentListener} saw it: attempts per order (the client's own
 * count of requests it decided to send, compared later with the gateway's), polls, retries, cancels
 * and breaker openings.
 */
final class ChaosStats implements PaymentListener {

    private final LongAdder sent = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder polls = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final LongAdder breakerOpenings = new LongAdder();
    private final Set<String> cancelled = ConcurrentHashMap.newKeySet();
    private final Map<String, LongAdder> sentPerOrder = new ConcurrentHashMap<>();

    @Override
    public void onAttempt(AttemptFinished event) {
        // An attempt the breaker (or an exhausted deadline) stopped is reported as NOT_SENT in no time:
        // nothing left the process. Every other attempt is a request the client decided to send.
        if (event.classification() == Classification.NOT_SENT && event.elapsed().isZero()) {
            refused.increment();
            return;
        }
        sent.increment();
        sentPerOrder.computeIfAbsent(event.orderId(), id -> new LongAdder()).increment();
        if (event.operation() == Operation.CANCEL) {
            cancelled.add(event.orderId());
        }
    }

    @Override
    public void onRetryScheduled(RetryScheduled event) {
        retries.increment();
    }

    @Override
    public void onPoll(PollFinished event) {
        polls.increment();
    }

    @Override
    public void onBreakerStateChange(BreakerStateChanged event) {
        if ("OPEN".equals(event.to())) {
            breakerOpenings.increment();
        }
    }

    /** Requests the client decided to send. */
    long sent() {
        return sent.sum();
    }

    /** Attempts refused before sending (breaker open, deadline reached). */
    long refused() {
        return refused.sum();
    }

    long polls() {
        return polls.sum();
    }

    long retries() {
        return retries.sum();
    }

    /** Orders the client cancelled (reversed) at least once. */
    long cancels() {
        return cancelled.size();
    }

    long breakerOpenings() {
        return breakerOpenings.sum();
    }

    /** Requests the client decided to send for {@code orderId}. */
    long sent(String orderId) {
        LongAdder count = sentPerOrder.get(orderId);
        return count == null ? 0 : count.sum();
    }
}
