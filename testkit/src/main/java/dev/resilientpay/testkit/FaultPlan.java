package dev.resilientpay.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Decides which requests a simulator breaks: scripted faults for the next requests first, then a
 * seeded random fraction. Thread-safe; deterministic for a given seed and request order.
 *
 * <pre>{@code
 * simulator.faults().next(2, Fault.responseLost());            // the next two requests
 * simulator.faults().randomly(0.3, List.of(Fault.connectionReset(), Fault.http502Html()), 42L);
 * }</pre>
 */
public final class FaultPlan {

    private record Scripted(Fault fault, Predicate<String> appliesTo) {}

    /** An empty plan: no request is broken until faults are added. */
    public FaultPlan() {
        // explicit only to carry the comment (doclint flags the implicit constructor)
    }

    private final Deque<Scripted> scripted = new ArrayDeque<>();
    private double probability;
    private List<Fault> randomFaults = List.of();
    private Predicate<String> randomAppliesTo = op -> true;
    private Random random = new Random(0);
    private long injected;

    /**
     * Breaks the next {@code count} requests with {@code fault}.
     *
     * @param count how many requests
     * @param fault the fault to inject
     * @return this plan
     */
    public synchronized FaultPlan next(int count, Fault fault) {
        return next(count, fault, operation -> true);
    }

    /**
     * Breaks the next {@code count} requests whose operation matches with {@code fault}.
     *
     * @param count how many requests
     * @param fault the fault to inject
     * @return this plan
     * @param appliesTo tested with the simulator's operation name (Alipay method such as
     *                  {@code alipay.trade.pay}, WeChat operation such as {@code codepay})
     */
    public synchronized FaultPlan next(int count, Fault fault, Predicate<String> appliesTo) {
        Objects.requireNonNull(fault, "fault");
        for (int i = 0; i < count; i++) {
            scripted.add(new Scripted(fault, appliesTo));
        }
        return this;
    }

    /**
     * Breaks each request with {@code probability}, choosing uniformly among {@code faults}.
     *
     * @param faults the faults to choose from
     * @param probability the fraction of requests to break, 0 to 1
     * @param seed the seed of the random choices, so that a run can be repeated
     * @return this plan
     */
    public synchronized FaultPlan randomly(double probability, List<Fault> faults, long seed) {
        return randomly(probability, faults, seed, operation -> true);
    }

    /**
     * As {@link #randomly(double, List, long)}, for the operations {@code appliesTo} accepts.
     *
     * @param appliesTo tested with the simulator's operation name ({@code alipay.trade.pay}, {@code codepay})
     * @param faults the faults to choose from
     * @param probability the fraction of requests to break, 0 to 1
     * @param seed the seed of the random choices, so that a run can be repeated
     * @return this plan
     */
    public synchronized FaultPlan randomly(double probability, List<Fault> faults, long seed,
                                           Predicate<String> appliesTo) {
        if (probability < 0 || probability > 1) {
            throw new IllegalArgumentException("probability must be 0 to 1, was " + probability);
        }
        if (probability > 0 && faults.isEmpty()) {
            throw new IllegalArgumentException("faults must not be empty");
        }
        this.probability = probability;
        this.randomFaults = List.copyOf(faults);
        this.random = new Random(seed);
        this.randomAppliesTo = Objects.requireNonNull(appliesTo, "appliesTo");
        return this;
    }

    /**
     * Removes every scripted and random fault.
     *
     * @return this plan
     */
    public synchronized FaultPlan clear() {
        scripted.clear();
        probability = 0;
        randomFaults = List.of();
        return this;
    }

    /**
     * The fault for the next request of {@code operation}, if any; called by the simulator once per request.
     *
     * @param operation the simulator's operation name of the request
     * @return the fault for the next request of {@code operation}, if any; called by the simulator once per request
     */
    public synchronized Optional<Fault> nextFor(String operation) {
        for (var it = scripted.iterator(); it.hasNext(); ) {
            Scripted s = it.next();
            if (s.appliesTo.test(operation)) {
                it.remove();
                injected++;
                return Optional.of(s.fault);
            }
        }
        if (probability > 0 && randomAppliesTo.test(operation) && random.nextDouble() < probability) {
            injected++;
            return Optional.of(randomFaults.get(random.nextInt(randomFaults.size())));
        }
        return Optional.empty();
    }

    /** {@return how many faults were injected so far} */
    public synchronized long injectedCount() {
        return injected;
    }

    /** {@return how many scripted faults are still waiting} */
    public synchronized int pendingScripted() {
        return scripted.size();
    }
}
