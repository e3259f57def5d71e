package dev.resilientpay.internal;

import org.slf4j.MDC;

/**
 * Puts the call's provider, order id and attempt number into the SLF4J MDC for the duration of a
 * call, and restores whatever was there before (calls nest: a payment's settle step cancels).
 */
final class CallScope implements AutoCloseable {

    static final String PROVIDER = "payment.provider";
    static final String ORDER_ID = "payment.orderId";
    static final String ATTEMPT = "payment.attempt";

    private final String previousProvider;
    private final String previousOrderId;
    private final String previousAttempt;

    private CallScope(String provider, String orderId) {
        previousProvider = MDC.get(PROVIDER);
        previousOrderId = MDC.get(ORDER_ID);
        previousAttempt = MDC.get(ATTEMPT);
        MDC.put(PROVIDER, provider);
        MDC.put(ORDER_ID, orderId);
        MDC.remove(ATTEMPT);
    }

    static CallScope open(String provider, String orderId) {
        return new CallScope(provider, orderId);
    }

    static void attempt(int number) {
        MDC.put(ATTEMPT, Integer.toString(number));
    }

    @Override
    public void close() {
        restore(PROVIDER, previousProvider);
        restore(ORDER_ID, previousOrderId);
        restore(ATTEMPT, previousAttempt);
    }

    private static void restore(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
