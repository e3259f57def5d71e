package dev.resilientpay.internal;

import dev.resilientpay.PaymentListener;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans events out to the client's listeners. A listener that throws is logged and ignored: metrics
 * code must never change a payment's outcome.
 */
public final class Listeners {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private final List<PaymentListener> listeners;

    /** Listeners in the order they are told. */
    public Listeners(List<PaymentListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void attempt(PaymentListener.AttemptFinished event) {
        each(l -> l.onAttempt(event));
    }

    void retry(PaymentListener.RetryScheduled event) {
        each(l -> l.onRetryScheduled(event));
    }

    void poll(PaymentListener.PollFinished event) {
        each(l -> l.onPoll(event));
    }

    void outcome(PaymentListener.CallFinished event) {
        each(l -> l.onOutcome(event));
    }

    void breaker(PaymentListener.BreakerStateChanged event) {
        each(l -> l.onBreakerStateChange(event));
    }

    void callStarted(PaymentListener.CallStarted event) {
        each(l -> l.onCallStarted(event));
    }

    void callEnded(PaymentListener.CallEnded event) {
        each(l -> l.onCallEnded(event));
    }

    /** @return what each listener carries across the wait, by position */
    Object[] callSuspended(PaymentListener.CallSuspended event) {
        Object[] carried = new Object[listeners.size()];
        for (int i = 0; i < carried.length; i++) {
            PaymentListener listener = listeners.get(i);
            try {
                carried[i] = listener.onCallSuspended(event);
            } catch (RuntimeException e) {
                log.warn("payment listener {} threw; ignored", listener.getClass().getName(), e);
            }
        }
        return carried;
    }

    void callResumed(PaymentListener.CallResumed event, Object[] carried) {
        for (int i = 0; i < listeners.size(); i++) {
            PaymentListener listener = listeners.get(i);
            Object mine = carried == null ? null : carried[i];
            try {
                listener.onCallResumed(event, mine);
            } catch (RuntimeException e) {
                log.warn("payment listener {} threw; ignored", listener.getClass().getName(), e);
            }
        }
    }

    void contradiction(PaymentListener.Contradiction event) {
        each(l -> l.onContradiction(event));
    }

    private void each(Consumer<PaymentListener> call) {
        for (PaymentListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("payment listener {} threw; ignored", listener.getClass().getName(), e);
            }
        }
    }
}
