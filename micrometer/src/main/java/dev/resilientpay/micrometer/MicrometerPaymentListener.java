package dev.resilientpay.micrometer;

import dev.resilientpay.PaymentListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Records resilient-pay's pipeline in Micrometer: an {@code Observation} per call
 * ({@code resilientpay.operation}), a timer of each call's duration, and counters of attempts,
 * retries, polls, circuit breaker transitions and reconciliation discrepancies, plus a gauge of the
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
 * <p><b>Timing.</b> {@link PaymentListener} reports a call only when it has finished, with its elapsed
 * time. The call's duration is therefore recorded exactly in the {@code resilientpay.calls} timer from
 * {@link CallFinished#elapsed()}, and the {@code resilientpay.operation} observation is recorded when the
 * call finishes (started and stopped at once, as a child of the caller's current observation): its key
 * values, context and count are right, but a duration derived from it (by a meter or tracing handler) is
 * not the call's. See {@code docs/observability.md} for the call-started event that fixes this.
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

    private static final Pattern KIND = Pattern.compile("[a-z][a-z0-9_]{0,47}");

    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final PaymentObservationConvention convention;
    private final String merchant;
    private final Map<String, BreakerState> breakers = new ConcurrentHashMap<>();

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
     * Records the call: its duration in {@code resilientpay.calls} and the {@code resilientpay.operation}
     * observation.
     *
     * @param event the finished call
     */
    @Override
    public void onOutcome(CallFinished event) {
        PaymentObservationContext context = new PaymentObservationContext(event.provider(), merchant,
                event.operation(), event.orderId(), event.outcome(), event.elapsed());
        breaker(event.provider());
        PaymentObservationConvention naming = convention != null ? convention : DefaultPaymentObservationConvention.INSTANCE;
        Timer.builder(CALLS)
                .description("Client calls from start to outcome, timed by the client's time source")
                .tags(naming.getLowCardinalityKeyValues(context).stream()
                        .map(kv -> Tag.of(kv.getKey(), kv.getValue()))
                        .toList())
                .register(meters)
                .record(Math.max(0, event.elapsed().toNanos()), TimeUnit.NANOSECONDS);
        PaymentObservationDocumentation.OPERATION
                .observation(convention, DefaultPaymentObservationConvention.INSTANCE, () -> context, observations)
                .start()
                .stop();
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

        /** @return the listener, to add with {@code PaymentClient.Builder#listener} */
        public MicrometerPaymentListener build() {
            return new MicrometerPaymentListener(this);
        }
    }
}
