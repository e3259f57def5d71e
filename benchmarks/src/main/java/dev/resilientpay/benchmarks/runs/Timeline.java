package dev.resilientpay.benchmarks.runs;

import dev.resilientpay.PaymentListener;
import dev.resilientpay.PaymentOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What our client did per order, with the time since the run began: so that a report can give the
 * sequence of events of an order that ended badly, next to what the gateway received. Also counts
 * the breaker's openings.
 */
public final class Timeline implements PaymentListener {

    private final long began = System.nanoTime();
    private final Map<String, List<String>> events = new ConcurrentHashMap<>();
    private final AtomicInteger breakerOpenings = new AtomicInteger();

    /** How often the breaker went to OPEN. */
    public int breakerOpenings() {
        return breakerOpenings.get();
    }

    /** The events of {@code orderId}, oldest first. */
    public List<String> of(String orderId) {
        List<String> list = events.get(orderId);
        if (list == null) {
            return List.of();
        }
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    private void add(String orderId, String text) {
        if (orderId == null) {
            return;
        }
        List<String> list = events.computeIfAbsent(orderId, id -> new ArrayList<>());
        synchronized (list) {
            list.add(String.format(Locale.ROOT, "%.2fs %s", (System.nanoTime() - began) / 1e9, text));
        }
    }

    @Override
    public void onAttempt(AttemptFinished e) {
        add(e.orderId(), e.operation() + "#" + e.attempt() + " " + e.classification()
                + (e.reason() == null ? "" : " " + e.reason()) + " (" + e.elapsed().toMillis() + " ms)");
    }

    @Override
    public void onRetryScheduled(RetryScheduled e) {
        add(e.orderId(), "retry " + e.operation() + "#" + e.attempt() + " in " + e.delay().toMillis() + " ms");
    }

    @Override
    public void onPoll(PollFinished e) {
        add(e.orderId(), "poll#" + e.poll() + " " + e.state());
    }

    @Override
    public void onOutcome(CallFinished e) {
        String outcome;
        if (e.outcome() instanceof PaymentOutcome.Failed f) {
            outcome = "Failed(" + f.failure().reason() + ")";
        } else if (e.outcome() instanceof PaymentOutcome.InDoubt d) {
            outcome = "InDoubt(" + d.lastFailure().reason() + ")";
        } else {
            outcome = e.outcome().getClass().getSimpleName();
        }
        add(e.orderId(), "→ " + e.operation() + " " + outcome + " after " + e.elapsed().toMillis() + " ms");
    }

    @Override
    public void onContradiction(Contradiction e) {
        add(e.orderId(), "contradiction: recorded " + e.recorded() + ", evidence " + e.evidence() + " (" + e.source() + ")");
    }

    @Override
    public void onBreakerStateChange(BreakerStateChanged e) {
        if ("OPEN".equals(e.to())) {
            breakerOpenings.incrementAndGet();
        }
    }
}
