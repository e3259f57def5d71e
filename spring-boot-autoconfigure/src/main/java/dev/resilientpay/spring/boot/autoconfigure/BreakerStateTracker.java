package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.PaymentListener;

/** Remembers a merchant's breaker state from the client's events, for the health contributor. */
final class BreakerStateTracker implements PaymentListener {

    private volatile String state = "CLOSED";

    @Override
    public void onBreakerStateChange(BreakerStateChanged event) {
        state = event.to();
    }

    /** @return {@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ... as resilience4j names them */
    String state() {
        return state;
    }
}
