package dev.resilientpay.internal;

import org.slf4j.MDC;

/**
 * Puts the call's provider, order id and attempt number into the SLF4J MDC for the duration of a
 * call, and restores whatever was there before (calls nest: a payment's settle step cancels). An
 * asynchronous call that waits leaves its thread with {@link #suspend} and comes back, maybe on
 * another thread, with {@link #resume}.
 */
final class CallScope implements AutoCloseable {

    static final String PROVIDER = "payment.provider";
    static final String ORDER_ID = "payment.orderId";
    static final String ATTEMPT = "payment.attempt";

    private final Listeners listeners;
    private final dev.resilientpay.TimeSource time;
    private final dev.resilientpay.Operation operation;
    private final String provider;
    private final String orderId;
    private final java.time.Instant startedAt;
    private String previousProvider;
    private String previousOrderId;
    private String previousAttempt;
    /** What the listeners carry across a wait, between {@link #suspend} and {@link #resume}. */
    private Object[] carried;

    private CallScope(String provider, String orderId) {
        this(null, null, null, provider, orderId);
    }

    private CallScope(Listeners listeners, dev.resilientpay.TimeSource time, dev.resilientpay.Operation operation,
                      String provider, String orderId) {
        this.listeners = listeners;
        this.time = time;
        this.operation = operation;
        this.provider = provider;
        this.orderId = orderId;
        this.startedAt = time == null ? null : time.now();
        enter();
    }

    private void enter() {
        previousProvider = MDC.get(PROVIDER);
        previousOrderId = MDC.get(ORDER_ID);
        previousAttempt = MDC.get(ATTEMPT);
        MDC.put(PROVIDER, provider);
        MDC.put(ORDER_ID, orderId);
        MDC.remove(ATTEMPT);
    }

    private void leave() {
        restore(PROVIDER, previousProvider);
        restore(ORDER_ID, previousOrderId);
        restore(ATTEMPT, previousAttempt);
    }

    /** The call leaves this thread to wait: the listeners are told, the thread's MDC is restored. */
    void suspend() {
        if (listeners != null) {
            carried = listeners.callSuspended(new dev.resilientpay.PaymentListener.CallSuspended(provider, operation,
                    orderId));
        }
        leave();
    }

    /** The call goes on, on this thread: its MDC is set again and the listeners are told. */
    void resume() {
        enter();
        if (listeners != null) {
            Object[] mine = carried;
            carried = null;
            listeners.callResumed(new dev.resilientpay.PaymentListener.CallResumed(provider, operation, orderId), mine);
        }
    }

    static CallScope open(String provider, String orderId) {
        return new CallScope(provider, orderId);
    }

    /** A public call's scope: the MDC, and the listeners' call-started and call-ended events. */
    static CallScope call(Listeners listeners, dev.resilientpay.TimeSource time, String provider,
                          dev.resilientpay.Operation operation, String orderId) {
        CallScope scope = new CallScope(listeners, time, operation, provider, orderId);
        listeners.callStarted(new dev.resilientpay.PaymentListener.CallStarted(provider, operation, orderId));
        return scope;
    }

    static void attempt(int number) {
        MDC.put(ATTEMPT, Integer.toString(number));
    }

    @Override
    public void close() {
        if (listeners != null) {
            listeners.callEnded(new dev.resilientpay.PaymentListener.CallEnded(provider, operation, orderId,
                    java.time.Duration.between(startedAt, time.now())));
        }
        leave();
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
