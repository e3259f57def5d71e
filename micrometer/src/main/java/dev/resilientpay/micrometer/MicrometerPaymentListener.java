package dev.resilientpay.micrometer;

import dev.resilientpay.Operation;
import dev.resilientpay.PaymentListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Records resilient-pay's pipeline in Micrometer: an {@code Observation} per call
 * ({@code resilientpay.operation}) from the call's start to its end, a timer of each call's duration,
 * and counters of attempts, retries, polls, circuit breaker transitions and reconciliation discrepancies, plus a gauge of the
 * breaker's state. Names and tags follow Micrometer's and resilience4j's conventions (dot-separated
 * lower-case names, base unit seconds, lower-case tag values); every meter is listed in
 * {@code docs/observability.md}. No order id, refund id or amount is ever a tag.
 *
 * <pre>{@code
 * MicrometerPaymentListener metrics = MicrometerPaymentListener.builder(meterRegistry)
 *         .observationRegistry(observationRegistry)   // optional: traces and observation handlers
 *         .merchant("coffee-shop")
 *         .build();
 * PaymentClient client = PaymentClient.builder().provider(alipay).listener(metrics).build();
 * }</pre>
 *
 * <p>Build one listener per merchant (the {@code merchant} tag); clients of both providers may share it.
 * Thread-safe. It never throws into the pipeline for valid events.
 *
 * <p><b>Timing.</b> The observation starts at {@link #onCallStarted} and its scope is opened there, on
 * the calling thread: a tracing span, a meter handler's timer and whatever the caller's handlers put in
 * the MDC cover the call itself, and what the call does (its HTTP requests, its log lines) runs inside
 * it. {@link #onOutcome} puts the outcome into the observation's context; {@link #onCallEnded} closes
 * the scope, stops the observation with the outcome's key values and records the call's duration, as the
 * client's time source measured it, in the {@code resilientpay.calls} timer.
 *
 * <p><b>Calls in flight</b> are kept per thread, as a stack: core reports a call's start and end on
 * the thread that makes it (an asynchronous call that waits leaves its thread with
 * {@link #onCallSuspended}, which closes the observation's scope there, and comes back with
 * {@link #onCallResumed} on the thread where it goes on, which opens it again: one observation spans
 * the whole call, and no thread holds it while the call waits), and calls nest (a {@code resolve} queries), so calls on different threads
 * never meet, even for the same order. A call's end matches the innermost call in flight on its thread
 * with the same provider, operation and order id; calls started after it on that thread whose end never
 * came are stopped then, as abandoned (with an {@link IllegalStateException} as the observation's error,
 * and no {@code resilientpay.calls} entry). At most 16 calls are kept per thread: a start beyond that
 * abandons the ones in flight first. A thread's entry is removed when its last call ends, so nothing is
 * held for a thread between calls.
 */
public final class MicrometerPaymentListener implements PaymentListener {

    static final String ATTEMPTS = "resilientpay.attempts";
    static final String RETRIES = "resilientpay.retries";
    static final String POLLS = "resilientpay.polls";
    static final String CALLS = "resilientpay.calls";
    static final String BREAKER_TRANSITIONS = "resilientpay.circuitbreaker.transitions";
    static final String BREAKER_STATE = "resilientpay.circuitbreaker.state";
    static final String DISCREPANCIES = "resilientpay.reconciliation.discrepancies";

    /** resilience4j's states, so that every state has its gauge from the start (as resilience4j does). */
    static final List<String> BREAKER_STATES = List.of("closed", "open", "half_open", "disabled", "forced_open",
            "metrics_only");

    /** Calls kept in flight per thread; legitimate nesting is two or three deep. */
    static final int MAX_IN_FLIGHT_PER_THREAD = 16;

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final PaymentObservationConvention convention;
    private final String merchant;
    private final Map<String, BreakerState> breakers = new ConcurrentHashMap<>();
    /** Calls in flight on each thread, innermost first; absent for a thread with none. */
    private final ThreadLocal<Deque<InFlight>> inFlight = new ThreadLocal<>();

    private MicrometerPaymentListener(Builder b) {
        this.meters = b.meters;
        this.observations = b.observations;
        this.convention = b.convention;
        this.merchant = b.merchant;
    }

    /**
     * A builder recording meters in {@code meterRegistry}.
     *
     * @param meterRegistry where the meters go
     * @return a builder; {@link Builder#merchant} defaults to {@code default}
     * @throws IllegalArgumentException if {@code meterRegistry} is null
     */
    public static Builder builder(MeterRegistry meterRegistry) {
        return new Builder(meterRegistry);
    }

    /** @param event one attempt finished: counted in {@code resilientpay.attempts} */
    @Override
    public void onAttempt(AttemptFinished event) {
        breaker(event.provider());
        Counter.builder(ATTEMPTS)
                .description("Attempts sent (or refused by the breaker) to the provider, by what they proved")
                .tag("provider", event.provider())
                .tag("merchant", merchant)
                .tag("operation", TagValues.of(event.operation()))
                .tag("classification", TagValues.of(event.classification()))
                .tag("failure.reason", TagValues.reason(event.reason()))
                .register(meters)
                .increment();
    }

    /** @param event a retry was scheduled: counted in {@code resilientpay.retries} */
    @Override
    public void onRetryScheduled(RetryScheduled event) {
        Counter.builder(RETRIES)
                .description("Requests scheduled to be sent again (same idempotency key), by the cause")
                .tag("provider", event.provider())
                .tag("merchant", merchant)
                .tag("operation", TagValues.of(event.operation()))
                .tag("failure.reason", TagValues.reason(event.cause()))
                .register(meters)
                .increment();
    }

    /** @param event a status poll returned: counted in {@code resilientpay.polls} */
    @Override
    public void onPoll(PollFinished event) {
        breaker(event.provider());
        Counter.builder(POLLS)
                .description("Status polls of a pending or unknown payment, by the state they returned")
                .tag("provider", event.provider())
                .tag("merchant", merchant)
                .tag("state", event.state() == null ? "error" : TagValues.of(event.state()))
                .register(meters)
                .increment();
    }

    /**
     * Starts the call's {@code resilientpay.operation} observation (a child of the thread's current
     * observation) and opens its scope, which stays open until {@link #onCallEnded}.
     *
     * @param event the call that starts on this thread
     */
    @Override
    public void onCallStarted(CallStarted event) {
        breaker(event.provider());
        PaymentObservationContext context = new PaymentObservationContext(event.provider(), merchant,
                event.operation(), event.orderId());
        enter(context, () -> PaymentObservationDocumentation.OPERATION
                .observation(convention, DefaultPaymentObservationConvention.INSTANCE, () -> context, observations)
                .start());
    }

    /**
     * Puts a call in flight on this thread with its observation's scope open; {@code observation}
     * gives its observation, started.
     */
    private void enter(PaymentObservationContext context, Supplier<Observation> observation) {
        Deque<InFlight> calls = inFlight.get();
        if (calls == null) {
            calls = new ArrayDeque<>(4);
            inFlight.set(calls);
        } else if (calls.size() >= MAX_IN_FLIGHT_PER_THREAD) {
            abandonAll(calls);
        }
        Observation started = observation.get();
        Observation.Scope scope;
        try {
            scope = started.openScope();
        } catch (RuntimeException e) {
            started.error(e);
            started.stop();
            if (calls.isEmpty()) {
                inFlight.remove();
            }
            throw e;
        }
        calls.push(new InFlight(context, started, scope));
    }

    /**
     * Takes the innermost call in flight on this thread with these coordinates off the thread's
     * stack, stopping the calls started after it as abandoned.
     *
     * @return the call, or {@code null} if none matches (nothing changes)
     */
    private InFlight leave(String provider, Operation operation, String orderId) {
        Deque<InFlight> calls = inFlight.get();
        if (calls == null) {
            return null;
        }
        InFlight leaving = null;
        for (InFlight call : calls) {
            if (call.matches(provider, operation, orderId)) {
                leaving = call;
                break;
            }
        }
        if (leaving == null) {
            return null;
        }
        try {
            while (calls.peek() != leaving) {
                abandon(calls.pop());
            }
            calls.pop();
        } finally {
            if (calls.isEmpty()) {
                inFlight.remove();
            }
        }
        return leaving;
    }

    /**
     * Puts the outcome into the context of the innermost call in flight on this thread for the same
     * provider and order id (the operation may differ: a {@code resolve} reports the payment's outcome).
     * An outcome outside any call in flight is not recorded.
     *
     * @param event the outcome of the call
     */
    @Override
    public void onOutcome(CallFinished event) {
        breaker(event.provider());
        Deque<InFlight> calls = inFlight.get();
        if (calls == null) {
            return;
        }
        for (InFlight call : calls) {
            if (call.context.provider().equals(event.provider()) && call.context.orderId().equals(event.orderId())) {
                call.context.outcome(event.outcome());
                return;
            }
        }
    }

    /**
     * Ends the innermost call in flight on this thread with the event's provider, operation and order id:
     * records its duration in {@code resilientpay.calls}, closes the observation's scope and stops it with
     * the outcome's key values. Calls started after it whose end never came are stopped as abandoned. An
     * end that matches no call in flight is ignored.
     *
     * @param event the call that ended on this thread
     */
    @Override
    public void onCallEnded(CallEnded event) {
        InFlight ended = leave(event.provider(), event.operation(), event.orderId());
        if (ended == null) {
            return;
        }
        ended.context.elapsed(event.elapsed());
        PaymentObservationConvention naming = convention != null ? convention : DefaultPaymentObservationConvention.INSTANCE;
        try {
            Timer.builder(CALLS)
                    .description("Client calls from start to end, timed by the client's time source")
                    .tags(naming.getLowCardinalityKeyValues(ended.context).stream()
                            .map(kv -> Tag.of(kv.getKey(), kv.getValue()))
                            .toList())
                    .register(meters)
                    .record(Math.max(0, event.elapsed().toNanos()), TimeUnit.NANOSECONDS);
        } finally {
            try {
                ended.scope.close();
            } finally {
                ended.observation.stop();
            }
        }
    }

    /**
     * Takes the innermost call in flight on this thread with the event's provider, operation and order
     * id off the thread while it waits: closes its observation's scope (the observation goes on) and
     * returns it, to be resumed wherever the call goes on. Calls started after it on this thread whose
     * end never came are stopped as abandoned, as in {@link #onCallEnded}.
     *
     * @param event the asynchronous call that leaves this thread
     * @return the call's observation, or {@code null} if no such call is in flight here
     */
    @Override
    public Object onCallSuspended(CallSuspended event) {
        InFlight leaving = leave(event.provider(), event.operation(), event.orderId());
        if (leaving == null) {
            return null;
        }
        leaving.scope.close();
        return new Suspended(leaving.context, leaving.observation);
    }

    /**
     * Brings a call {@link #onCallSuspended} set aside onto this thread: opens its observation's scope
     * again, so that what the call does next runs inside it, and keeps it in flight here until its end
     * or next wait.
     *
     * @param event   the call that goes on on this thread
     * @param carried what {@link #onCallSuspended} returned
     */
    @Override
    public void onCallResumed(CallResumed event, Object carried) {
        if (carried instanceof Suspended call) {
            enter(call.context, call::observation);
        }
    }

    /**
     * Counts the transition in {@code resilientpay.circuitbreaker.transitions} and moves the
     * {@code resilientpay.circuitbreaker.state} gauge.
     *
     * @param event the breaker's transition
     */
    @Override
    public void onBreakerStateChange(BreakerStateChanged event) {
        breaker(event.provider()).current = TagValues.state(event.to());
        Counter.builder(BREAKER_TRANSITIONS)
                .description("Circuit breaker state transitions")
                .tag("provider", event.provider())
                .tag("merchant", merchant)
                .tag("from", TagValues.state(event.from()))
                .tag("to", TagValues.state(event.to()))
                .register(meters)
                .increment();
    }

    /**
     * Counts one discrepancy that a reconciliation found between the ledger and the provider's records,
     * in {@code resilientpay.reconciliation.discrepancies}. For the reconciliation module (or your own
     * reconciliation job) to call once per discrepancy found.
     *
     * @param provider provider name ({@code alipay}, {@code wechat})
     * @param merchant merchant name, as given to the listener of that merchant's client
     * @param kind     what differs, a lower-case token such as {@code missing_at_provider},
     *                 {@code missing_in_ledger}, {@code amount_mismatch}, {@code state_mismatch}
     *                 (1 to 48 of {@code a-z 0-9 _}, starting with a letter: never an id)
     * @throws IllegalArgumentException if an argument is blank or {@code kind} breaks its rule
     */
    public void recordDiscrepancy(String provider, String merchant, String kind) {
        requireText("provider", provider);
        requireText("merchant", merchant);
        if (kind == null || !KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind must be 1 to 48 of a-z 0-9 _ starting with a letter"
                    + " (a low-cardinality tag, never an id), was '" + kind + "'");
        }
        Counter.builder(DISCREPANCIES)
                .description("Differences between the ledger and the provider's records found by reconciliation")
                .tag("provider", provider)
                .tag("merchant", merchant)
                .tag("kind", kind)
                .register(meters)
                .increment();
    }

    @Override
    public String toString() {
        return "MicrometerPaymentListener[merchant=" + merchant + "]";
    }

    /** The breaker of {@code provider}, its gauges registered on first sight (a breaker starts closed). */
    private BreakerState breaker(String provider) {
        return breakers.computeIfAbsent(provider, p -> {
            BreakerState state = new BreakerState();
            for (String s : BREAKER_STATES) {
                Gauge.builder(BREAKER_STATE, state, b -> s.equals(b.current) ? 1 : 0)
                        .description("The circuit breaker's state: 1 for the current state, 0 for the others")
                        .tag("provider", p)
                        .tag("merchant", merchant)
                        .tag("state", s)
                        .strongReference(true)
                        .register(meters);
            }
            return state;
        });
    }

    private static void requireNonNull(String field, Object value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
    }

    /** {@return how many calls this listener has in flight on the calling thread} For tests. */
    int callsInFlightOnThisThread() {
        Deque<InFlight> calls = inFlight.get();
        return calls == null ? 0 : calls.size();
    }

    private static void abandonAll(Deque<InFlight> calls) {
        while (!calls.isEmpty()) {
            abandon(calls.pop());
        }
    }

    /** Stops a call whose end never came, innermost first, so that scopes close in the order they opened. */
    private static void abandon(InFlight call) {
        try {
            call.scope.close();
        } finally {
            call.observation.error(new IllegalStateException("resilient-pay call " + call.context.provider() + " "
                    + TagValues.of(call.context.operation()) + " abandoned: its end was never reported"));
            call.observation.stop();
        }
    }

    /** A call started on this thread and not ended yet. */
    private record InFlight(PaymentObservationContext context, Observation observation, Observation.Scope scope) {

        boolean matches(String provider, Operation operation, String orderId) {
            return context.operation() == operation && context.provider().equals(provider)
                    && context.orderId().equals(orderId);
        }
    }

    /** A call set aside while it waits: its observation, whose scope is closed until it resumes. */
    private record Suspended(PaymentObservationContext context, Observation observation) {}

    /** The last state a breaker reported. */
    private static final class BreakerState {
        volatile String current = "closed";
    }

    /** Builds a {@link MicrometerPaymentListener}; every setter rejects null with an {@link IllegalArgumentException}. */
    public static final class Builder {
        private final MeterRegistry meters;
        private ObservationRegistry observations = ObservationRegistry.NOOP;
        private PaymentObservationConvention convention;
        private String merchant = "default";

        private Builder(MeterRegistry meters) {
            if (meters == null) {
                throw new IllegalArgumentException("meterRegistry must not be null");
            }
            this.meters = meters;
        }

        /**
         * Where the {@code resilientpay.operation} observations go (tracing, logging and meter handlers);
         * default {@link ObservationRegistry#NOOP}: meters only.
         *
         * @param observationRegistry the registry
         * @return this builder
         * @throws IllegalArgumentException if {@code observationRegistry} is null
         */
        public Builder observationRegistry(ObservationRegistry observationRegistry) {
            requireNonNull("observationRegistry", observationRegistry);
            this.observations = observationRegistry;
            return this;
        }

        /**
         * Replaces {@link DefaultPaymentObservationConvention}: names the observation and gives its key
         * values, which are also the tags of the {@code resilientpay.calls} timer. Without it, a global
         * convention registered on the observation registry applies to the observation, else the default.
         *
         * @param convention the convention
         * @return this builder
         * @throws IllegalArgumentException if {@code convention} is null
         */
        public Builder observationConvention(PaymentObservationConvention convention) {
            requireNonNull("convention", convention);
            this.convention = convention;
            return this;
        }

        /**
         * The {@code merchant} tag of every meter; default {@code default}. Use the merchant's name in
         * your configuration, never an id that varies per order.
         *
         * @param merchant 1 to 64 characters, not blank
         * @return this builder
         * @throws IllegalArgumentException if {@code merchant} is blank or longer than 64 characters
         */
        public Builder merchant(String merchant) {
            requireText("merchant", merchant);
            if (merchant.length() > 64) {
                throw new IllegalArgumentException("merchant must be at most 64 characters, was " + merchant.length());
            }
            this.merchant = merchant;
            return this;
        }

        /** {@return the listener, to add with {@code PaymentClient.Builder#listener}} */
        public MicrometerPaymentListener build() {
            return new MicrometerPaymentListener(this);
        }
    }
}
