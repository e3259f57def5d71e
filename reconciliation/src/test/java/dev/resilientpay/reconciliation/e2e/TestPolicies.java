package dev.resilientpay.reconciliation.e2e;

import dev.resilientpay.Operation;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.Policies;
import java.time.Duration;

/** Short policies for end-to-end runs in virtual time: seconds of deadline, polls every 20 to 50 ms. */
final class TestPolicies {

    private TestPolicies() {}

    static Policies quick() {
        Policies defaults = Policies.defaults();
        OperationPolicy quick = defaults.of(Operation.QUERY).toBuilder()
                .attemptTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(5)).maxAttempts(4)
                .backoff(Duration.ofMillis(20), 2.0, Duration.ofMillis(100)).jitter(0.0)
                .polling(Duration.ofMillis(20), Duration.ofMillis(50)).build();
        OperationPolicy cancel = defaults.of(Operation.CANCEL).toBuilder()
                .attemptTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(5)).maxAttempts(5)
                .backoff(Duration.ofMillis(50), 1.0, Duration.ofMillis(50)).jitter(0.0)
                .polling(Duration.ofMillis(50), Duration.ofMillis(50)).build();
        return defaults
                .with(Operation.PAY_BY_CODE, quick)
                .with(Operation.CREATE_ORDER, quick)
                .with(Operation.REFUND, quick)
                .with(Operation.QUERY, quick)
                .with(Operation.CLOSE, quick)
                .with(Operation.REFUND_QUERY, quick)
                .with(Operation.CANCEL, cancel);
    }
}
