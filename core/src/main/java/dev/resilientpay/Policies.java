package dev.resilientpay;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link OperationPolicy} of every {@link Operation}. Immutable; {@link #defaults()} follows the
 * providers' official guidance, {@link #with} replaces one operation's policy.
 *
 * <table>
 *   <caption>Defaults</caption>
 *   <tr><th>operation</th><th>attempt</th><th>deadline</th><th>sends</th><th>polling</th></tr>
 *   <tr><td>PAY_BY_CODE</td><td>10 s</td><td>45 s (then cancel)</td><td>3</td><td>3 s, up to every 5 s</td></tr>
 *   <tr><td>CREATE_ORDER</td><td>10 s</td><td>30 s</td><td>3</td><td>1 s, up to every 5 s</td></tr>
 *   <tr><td>REFUND</td><td>10 s</td><td>60 s</td><td>3</td><td>5 s, up to every 20 s</td></tr>
 *   <tr><td>CANCEL</td><td>10 s</td><td>30 s</td><td>5</td><td>5 s apart (Alipay's rule)</td></tr>
 *   <tr><td>QUERY, CLOSE, REFUND_QUERY</td><td>5 s</td><td>15 s</td><td>3</td><td>1 s, up to every 5 s</td></tr>
 * </table>
 */
public final class Policies {

    private static final Policies DEFAULTS = new Policies(defaultMap());

    private final Map<Operation, OperationPolicy> byOperation;

    private Policies(Map<Operation, OperationPolicy> byOperation) {
        this.byOperation = byOperation;
    }

    /** {@return the defaults of the table above} */
    public static Policies defaults() {
        return DEFAULTS;
    }

    /**
     * The policy of {@code operation}.
     *
     * @param operation the operation
     * @return the policy of {@code operation}
     */
    public OperationPolicy of(Operation operation) {
        return byOperation.get(Objects.requireNonNull(operation, "operation"));
    }

    /**
     * A copy with {@code operation}'s policy replaced.
     *
     * @param operation the operation whose policy is replaced
     * @param policy the policy for this call instead of the client's
     * @return a copy with {@code operation}'s policy replaced
     */
    public Policies with(Operation operation, OperationPolicy policy) {
        Objects.requireNonNull(operation, "operation must not be null");
        Objects.requireNonNull(policy, "policy must not be null");
        EnumMap<Operation, OperationPolicy> copy = new EnumMap<>(byOperation);
        copy.put(operation, policy);
        return new Policies(copy);
    }

    @Override
    public String toString() {
        return "Policies" + byOperation;
    }

    private static Map<Operation, OperationPolicy> defaultMap() {
        EnumMap<Operation, OperationPolicy> m = new EnumMap<>(Operation.class);
        m.put(Operation.PAY_BY_CODE, policy(10, 45, 3, 3_000, 5_000));
        m.put(Operation.CREATE_ORDER, policy(10, 30, 3, 1_000, 5_000));
        m.put(Operation.REFUND, policy(10, 60, 3, 5_000, 20_000));
        m.put(Operation.CANCEL, new OperationPolicy(Duration.ofSeconds(10), Duration.ofSeconds(30), 5,
                Duration.ofSeconds(5), 1.0, Duration.ofSeconds(5), 0.0, Duration.ofSeconds(5), Duration.ofSeconds(5)));
        OperationPolicy query = policy(5, 15, 3, 1_000, 5_000);
        m.put(Operation.QUERY, query);
        m.put(Operation.CLOSE, query);
        m.put(Operation.REFUND_QUERY, query);
        return m;
    }

    private static OperationPolicy policy(int attemptSeconds, int deadlineSeconds, int sends,
                                          long pollInitialMillis, long pollMaxMillis) {
        return new OperationPolicy(Duration.ofSeconds(attemptSeconds), Duration.ofSeconds(deadlineSeconds), sends,
                Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 0.5,
                Duration.ofMillis(pollInitialMillis), Duration.ofMillis(pollMaxMillis));
    }
}
