package dev.resilientpay.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.Classification;
import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.Operation;
import dev.resilientpay.Outcome;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeState;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The listener driven with the pipeline's own event records, in the order core emits them. */
class MicrometerPaymentListenerTest {

    private static final String ORDER = "T20250101_000042";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final MicrometerPaymentListener listener = MicrometerPaymentListener.builder(meters)
            .observationRegistry(observations).merchant("coffee-shop").build();
    private final EventLog handler = new EventLog();

    MicrometerPaymentListenerTest() {
        observations.observationConfig().observationHandler(handler);
    }

    @Test
    void attemptIsCountedByOperationClassificationAndReason() {
        listener.onAttempt(new PaymentListener.AttemptFinished("alipay", Operation.PAY_BY_CODE, ORDER, 1,
                Classification.UNKNOWN, FailureReason.TIMEOUT, Duration.ofSeconds(10)));
        listener.onAttempt(new PaymentListener.AttemptFinished("alipay", Operation.QUERY, ORDER, 2,
                Classification.DEFINITE, null, Duration.ofMillis(80)));

        assertThat(meters.get("resilientpay.attempts").tags("provider", "alipay", "merchant", "coffee-shop",
                "operation", "pay_by_code", "classification", "unknown", "failure.reason", "timeout").counter().count())
                .isEqualTo(1.0);
        assertThat(meters.get("resilientpay.attempts").tags("operation", "query", "classification", "definite",
                "failure.reason", "none").counter().count()).isEqualTo(1.0);
    }

    @Test
    void retryIsCountedWithItsCause() {
        listener.onRetryScheduled(new PaymentListener.RetryScheduled("wechat", Operation.REFUND, ORDER, 2,
                Duration.ofMillis(400), FailureReason.RATE_LIMITED));

        assertThat(meters.get("resilientpay.retries").tags("provider", "wechat", "merchant", "coffee-shop",
                "operation", "refund", "failure.reason", "rate_limited").counter().count()).isEqualTo(1.0);
    }

    @Test
    void pollIsCountedByTheStateItReturnedAndAFailedPollAsError() {
        listener.onPoll(new PaymentListener.PollFinished("alipay", ORDER, 1, TradeState.PROCESSING));
        listener.onPoll(new PaymentListener.PollFinished("alipay", ORDER, 2, TradeState.PROCESSING));
        listener.onPoll(new PaymentListener.PollFinished("alipay", ORDER, 3, null));

        assertThat(meters.get("resilientpay.polls").tags("provider", "alipay", "state", "processing").counter().count())
                .isEqualTo(2.0);
        assertThat(meters.get("resilientpay.polls").tags("state", "error").counter().count()).isEqualTo(1.0);
    }

    @Test
    void observationStartsAtCallStartedAndStopsAtCallEndedWithTheOutcomesKeyValues() {
        listener.onCallStarted(started(Operation.PAY_BY_CODE));

        Observation current = observations.getCurrentObservation();
        assertThat(current).as("the call's scope is open on the calling thread").isNotNull();
        assertThat(current.getContext()).isInstanceOf(PaymentObservationContext.class);
        assertThat(observations).hasSingleObservationThat()
                .hasNameEqualTo("resilientpay.operation")
                .hasBeenStarted()
                .isNotStopped()
                .hasLowCardinalityKeyValue("operation", "pay_by_code")
                .hasLowCardinalityKeyValue("outcome", "none")
                .doesNotHaveParentObservation();
        assertThat(handler.events).containsExactly("start pay_by_code outcome=none", "open pay_by_code");

        listener.onOutcome(finished(Operation.PAY_BY_CODE, paid(), Duration.ofMillis(1)));

        assertThat(observations).hasSingleObservationThat().isNotStopped();
        assertThat(observations.getCurrentObservation()).isSameAs(current);

        listener.onCallEnded(ended(Operation.PAY_BY_CODE, Duration.ofSeconds(2)));

        assertThat(observations.getCurrentObservation()).as("the scope is closed").isNull();
        assertThat(handler.events).containsExactly("start pay_by_code outcome=none", "open pay_by_code",
                "close pay_by_code", "stop pay_by_code outcome=paid");
        assertThat(observations).hasSingleObservationThat()
                .hasNameEqualTo("resilientpay.operation")
                .hasContextualNameEqualTo("alipay pay_by_code")
                .hasLowCardinalityKeyValue("provider", "alipay")
                .hasLowCardinalityKeyValue("merchant", "coffee-shop")
                .hasLowCardinalityKeyValue("operation", "pay_by_code")
                .hasLowCardinalityKeyValue("outcome", "paid")
                .hasLowCardinalityKeyValue("failure.reason", "none")
                .doesNotHaveError()
                .hasBeenStarted()
                .hasBeenStopped()
                .isInstanceOfSatisfying(PaymentObservationContext.class, context -> {
                    assertThat(context.elapsed()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(context.orderId()).isEqualTo(ORDER);
                });
        assertThat(listener.callsInFlightOnThisThread()).isZero();
    }

    @Test
    void observationTimingIsTheCallFromStartToEnd() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry own = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(own));
        MicrometerPaymentListener timed = MicrometerPaymentListener.builder(own).observationRegistry(registry).build();

        timed.onCallStarted(started(Operation.CREATE_ORDER));
        clock.add(Duration.ofMillis(1_200));
        assertThat(own.get("resilientpay.operation.active").longTaskTimer().activeTasks()).isEqualTo(1);
        timed.onOutcome(finished(Operation.CREATE_ORDER, awaitingPayer(), Duration.ofMillis(1_200)));
        clock.add(Duration.ofMillis(300));
        timed.onCallEnded(ended(Operation.CREATE_ORDER, Duration.ofMillis(1_500)));

        var operation = own.get("resilientpay.operation").tags("operation", "create_order", "outcome", "awaiting_payer",
                "failure.reason", "none", "error", "none").timer();
        assertThat(operation.count()).isEqualTo(1);
        assertThat(operation.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_500.0);
        assertThat(own.get("resilientpay.operation.active").longTaskTimer().activeTasks()).isZero();
    }

    @Test
    void callTimerRecordsTheDurationOfCallEndedNotOfTheOutcome() {
        call(listener, Operation.PAY_BY_CODE, paid(), Duration.ofMillis(4_250));
        call(listener, Operation.PAY_BY_CODE, paid(), Duration.ofMillis(750));

        var timer = meters.get("resilientpay.calls").tags("provider", "alipay", "merchant", "coffee-shop",
                "operation", "pay_by_code", "outcome", "paid", "failure.reason", "none").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5_000.0);
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(4_250.0);
    }

    @Test
    void callWithoutOutcomeIsObservedWithOutcomeNone() {
        listener.onCallStarted(started(Operation.QUERY));
        listener.onCallEnded(ended(Operation.QUERY, Duration.ofMillis(90)));

        assertThat(observations).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("operation", "query")
                .hasLowCardinalityKeyValue("outcome", "none")
                .hasLowCardinalityKeyValue("failure.reason", "none")
                .hasBeenStopped();
        assertThat(meters.get("resilientpay.calls").tags("operation", "query", "outcome", "none").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(90.0);
    }

    @Test
    void nestedCallIsAChildOfTheOuterCallAndTheOutcomeGoesToTheCallInFlight() {
        // resolve (started as a query) queries the order, then reports the payment's outcome
        listener.onCallStarted(started(Operation.QUERY));
        Observation resolve = observations.getCurrentObservation();
        listener.onCallStarted(started(Operation.QUERY));
        Observation query = observations.getCurrentObservation();
        assertThat(query).isNotSameAs(resolve);
        assertThat(query.getContext().getParentObservation()).isSameAs(resolve);

        listener.onCallEnded(ended(Operation.QUERY, Duration.ofMillis(40)));

        assertThat(observations.getCurrentObservation()).isSameAs(resolve);
        assertThat(listener.callsInFlightOnThisThread()).isEqualTo(1);

        listener.onOutcome(finished(Operation.PAY_BY_CODE, paid(), Duration.ofMillis(60)));
        listener.onCallEnded(ended(Operation.QUERY, Duration.ofMillis(60)));

        assertThat(observations.getCurrentObservation()).isNull();
        assertThat(query.getContext().getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("none");
        assertThat(resolve.getContext().getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("paid");
        assertThat(meters.get("resilientpay.calls").tags("operation", "query", "outcome", "none").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
        assertThat(meters.get("resilientpay.calls").tags("operation", "query", "outcome", "paid").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(60.0);
        assertThat(handler.events).containsExactly("start query outcome=none", "open query",
                "start query outcome=none", "open query", "close query", "stop query outcome=none",
                "close query", "stop query outcome=paid");
    }

    @Test
    void callsOfTheSameOrderOnDifferentThreadsDoNotMeet() throws Exception {
        ExecutorService first = Executors.newSingleThreadExecutor();
        ExecutorService second = Executors.newSingleThreadExecutor();
        try {
            Observation one = first.submit(() -> {
                listener.onCallStarted(started(Operation.PAY_BY_CODE));
                return observations.getCurrentObservation();
            }).get();
            Observation two = second.submit(() -> {
                listener.onCallStarted(started(Operation.PAY_BY_CODE));
                return observations.getCurrentObservation();
            }).get();
            assertThat(two).isNotSameAs(one);
            assertThat(two.getContext().getParentObservation()).as("not nested in the other thread's call").isNull();

            first.submit(() -> listener.onOutcome(finished(Operation.PAY_BY_CODE,
                    new PaymentOutcome.Failed(ORDER, Failure.of(FailureReason.IDEMPOTENCY_CONFLICT, "in use")),
                    Duration.ZERO))).get();
            second.submit(() -> {
                listener.onOutcome(finished(Operation.PAY_BY_CODE, paid(), Duration.ofMillis(700)));
                listener.onCallEnded(ended(Operation.PAY_BY_CODE, Duration.ofMillis(700)));
            }).get();

            assertThat(one.getContext().getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("none");
            assertThat(two.getContext().getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("paid");
            assertThat(first.submit(() -> observations.getCurrentObservation()).get()).isSameAs(one);
            assertThat(second.submit(() -> observations.getCurrentObservation()).get()).isNull();

            first.submit(() -> listener.onCallEnded(ended(Operation.PAY_BY_CODE, Duration.ofMillis(5)))).get();

            assertThat(one.getContext().getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("failed");
            assertThat(one.getContext().getLowCardinalityKeyValue("failure.reason").getValue())
                    .isEqualTo("idempotency_conflict");
            assertThat(first.submit(() -> observations.getCurrentObservation()).get()).isNull();
            assertThat(first.submit(listener::callsInFlightOnThisThread).get()).isZero();
            assertThat(second.submit(listener::callsInFlightOnThisThread).get()).isZero();
        } finally {
            first.shutdownNow();
            second.shutdownNow();
        }
    }

    @Test
    void callsWhoseEndNeverCameAreAbandonedWhenAnEnclosingCallEnds() {
        listener.onCallStarted(started(Operation.REFUND));
        listener.onCallStarted(new PaymentListener.CallStarted("alipay", Operation.REFUND_QUERY, "lost-1"));
        listener.onCallStarted(new PaymentListener.CallStarted("alipay", Operation.QUERY, "lost-2"));

        listener.onCallEnded(ended(Operation.REFUND, Duration.ofSeconds(1)));

        assertThat(observations.getCurrentObservation()).isNull();
        assertThat(listener.callsInFlightOnThisThread()).isZero();
        assertThat(handler.events).containsSubsequence("close query", "error query", "stop query outcome=none",
                "close refund_query", "error refund_query", "stop refund_query outcome=none",
                "close refund", "stop refund outcome=none");
        assertThat(handler.events).doesNotContain("error refund");
        assertThat(meters.find("resilientpay.calls").timers()).singleElement()
                .satisfies(timer -> assertThat(timer.getId().getTag("operation")).isEqualTo("refund"));
    }

    @Test
    void startsWhoseEndNeverComesAreBoundedPerThread() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry own = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(own));
        MicrometerPaymentListener leaky = MicrometerPaymentListener.builder(own).observationRegistry(registry).build();

        for (int i = 0; i < 1_000; i++) {
            leaky.onCallStarted(new PaymentListener.CallStarted("wechat", Operation.CREATE_ORDER, "o-" + i));
            assertThat(leaky.callsInFlightOnThisThread()).isBetween(1, MicrometerPaymentListener.MAX_IN_FLIGHT_PER_THREAD);
        }

        // each 17th start abandons the 16 before it: 1_000 = 62 * 16 + 8
        assertThat(leaky.callsInFlightOnThisThread()).isEqualTo(8);
        assertThat(own.get("resilientpay.operation.active").longTaskTimer().activeTasks()).isEqualTo(8);
        var abandoned = own.get("resilientpay.operation").tag("error", "IllegalStateException").timer();
        assertThat(abandoned.count()).isEqualTo(992);

        // the end of the oldest call still in flight stops it and abandons the 7 started after it
        leaky.onCallEnded(new PaymentListener.CallEnded("wechat", Operation.CREATE_ORDER, "o-992", Duration.ZERO));

        assertThat(leaky.callsInFlightOnThisThread()).isZero();
        assertThat(registry.getCurrentObservation()).isNull();
        assertThat(own.get("resilientpay.operation.active").longTaskTimer().activeTasks()).isZero();
        assertThat(abandoned.count()).isEqualTo(999);
        assertThat(own.get("resilientpay.operation").tag("error", "none").timer().count()).isEqualTo(1);
        assertThat(own.get("resilientpay.calls").timer().count()).isEqualTo(1);
    }

    @Test
    void endOrOutcomeOutsideAnyCallInFlightIsIgnored() {
        listener.onOutcome(finished(Operation.PAY_BY_CODE, paid(), Duration.ofSeconds(1)));
        listener.onCallEnded(ended(Operation.PAY_BY_CODE, Duration.ofSeconds(1)));

        listener.onCallStarted(started(Operation.CLOSE));
        listener.onCallEnded(ended(Operation.CANCEL, Duration.ofSeconds(1)));
        listener.onCallEnded(new PaymentListener.CallEnded("wechat", Operation.CLOSE, ORDER, Duration.ofSeconds(1)));

        assertThat(meters.find("resilientpay.calls").timers()).isEmpty();
        assertThat(observations).hasSingleObservationThat().hasLowCardinalityKeyValue("operation", "close").isNotStopped();
        assertThat(listener.callsInFlightOnThisThread()).isEqualTo(1);

        listener.onCallEnded(ended(Operation.CLOSE, Duration.ofSeconds(1)));

        assertThat(observations).hasSingleObservationThat().hasBeenStopped();
        assertThat(listener.callsInFlightOnThisThread()).isZero();
    }

    @Test
    void orderIdIsNeitherATagNorAKeyValue() {
        listener.onAttempt(new PaymentListener.AttemptFinished("alipay", Operation.PAY_BY_CODE, ORDER, 1,
                Classification.PENDING, null, Duration.ofMillis(5)));
        listener.onRetryScheduled(new PaymentListener.RetryScheduled("alipay", Operation.PAY_BY_CODE, ORDER, 2,
                Duration.ofMillis(5), FailureReason.NETWORK_ERROR));
        listener.onPoll(new PaymentListener.PollFinished("alipay", ORDER, 1, TradeState.PAID));
        call(listener, Operation.PAY_BY_CODE, paid(), Duration.ofSeconds(1));

        assertThat(meters.getMeters()).flatExtracting(m -> m.getId().getTags()).extracting(Tag::getValue)
                .isNotEmpty()
                .noneMatch(value -> value.contains(ORDER) || value.contains("tx-"));
        assertThat(observations).hasSingleObservationThat()
                .satisfies(context -> assertThat(context.getAllKeyValues())
                        .noneMatch(kv -> kv.getValue().contains(ORDER)));
    }

    @Test
    void failedAndInDoubtOutcomesTagTheirReason() {
        Failure declined = Failure.of(FailureReason.INSUFFICIENT_FUNDS, "ACQ.BUYER_BALANCE_NOT_ENOUGH");
        Failure timeout = Failure.of(FailureReason.TIMEOUT, "read timed out");
        call(listener, Operation.PAY_BY_CODE, new PaymentOutcome.Failed(ORDER, declined), Duration.ZERO);
        call(listener, Operation.CREATE_ORDER, new PaymentOutcome.InDoubt(ORDER, timeout), Duration.ZERO);

        assertThat(meters.get("resilientpay.calls").tags("operation", "pay_by_code", "outcome", "failed",
                "failure.reason", "insufficient_funds").timer().count()).isEqualTo(1);
        assertThat(meters.get("resilientpay.calls").tags("operation", "create_order", "outcome", "in_doubt",
                "failure.reason", "timeout").timer().count()).isEqualTo(1);
    }

    @Test
    void everyOutcomeKindHasItsTagValue() {
        Failure failure = Failure.of(FailureReason.ORDER_NOT_FOUND, "no such order");
        RefundStatus status = new RefundStatus(ORDER, "R1", "rf-1", Money.cny(100), RefundState.SUCCEEDED,
                Instant.EPOCH, "SUCCESS");

        assertThat(TagValues.outcome(null)).isEqualTo("none");
        assertThat(TagValues.outcome(paid())).isEqualTo("paid");
        assertThat(TagValues.outcome(new PaymentOutcome.AwaitingPayer(ORDER, new PayerAction.ScanQrCode("https://qr"))))
                .isEqualTo("awaiting_payer");
        assertThat(TagValues.outcome(new RefundOutcome.Refunded(status))).isEqualTo("refunded");
        assertThat(TagValues.outcome(new RefundOutcome.Processing(status))).isEqualTo("processing");
        assertThat(TagValues.outcome(new RefundOutcome.Failed(ORDER, "R1", failure))).isEqualTo("failed");
        assertThat(TagValues.outcome(new RefundOutcome.InDoubt(ORDER, "R1", failure))).isEqualTo("in_doubt");
        assertThat(TagValues.outcome(new CloseOutcome.Closed(ORDER, true))).isEqualTo("closed");
        assertThat(TagValues.outcome(new CloseOutcome.Failed(ORDER, failure))).isEqualTo("failed");
        assertThat(TagValues.outcome(new CloseOutcome.InDoubt(ORDER, failure))).isEqualTo("in_doubt");
    }

    @Test
    void breakerTransitionsAreCountedAndTheStateGaugeFollowsThem() {
        listener.onAttempt(new PaymentListener.AttemptFinished("wechat", Operation.CREATE_ORDER, ORDER, 1,
                Classification.NOT_SENT, FailureReason.NETWORK_ERROR, Duration.ofMillis(3)));
        assertThat(breakerGauge("wechat", "closed")).isEqualTo(1.0);

        listener.onBreakerStateChange(new PaymentListener.BreakerStateChanged("wechat", "CLOSED", "OPEN"));

        assertThat(breakerGauge("wechat", "closed")).isEqualTo(0.0);
        assertThat(breakerGauge("wechat", "open")).isEqualTo(1.0);
        assertThat(meters.get("resilientpay.circuitbreaker.state").tags("provider", "wechat").gauges())
                .extracting(g -> g.getId().getTag("state"))
                .containsExactlyInAnyOrder("closed", "open", "half_open", "disabled", "forced_open", "metrics_only");
        assertThat(meters.get("resilientpay.circuitbreaker.transitions").tags("provider", "wechat",
                "merchant", "coffee-shop", "from", "closed", "to", "open").counter().count()).isEqualTo(1.0);

        listener.onBreakerStateChange(new PaymentListener.BreakerStateChanged("wechat", "OPEN", "HALF_OPEN"));

        assertThat(breakerGauge("wechat", "open")).isEqualTo(0.0);
        assertThat(breakerGauge("wechat", "half_open")).isEqualTo(1.0);
    }

    @Test
    void customConventionRenamesTheObservationAndAddsKeyValues() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        MicrometerPaymentListener custom = MicrometerPaymentListener.builder(own).observationRegistry(registry)
                .observationConvention(new DefaultPaymentObservationConvention() {
                    @Override
                    public String getName() {
                        return "shop.payment";
                    }

                    @Override
                    public KeyValues getLowCardinalityKeyValues(PaymentObservationContext context) {
                        return super.getLowCardinalityKeyValues(context).and("region", "cn-east");
                    }
                })
                .build();

        call(custom, Operation.REFUND, paid(), Duration.ofSeconds(1));

        assertThat(registry).hasSingleObservationThat()
                .hasNameEqualTo("shop.payment")
                .hasLowCardinalityKeyValue("region", "cn-east")
                .hasLowCardinalityKeyValue("merchant", "default");
        assertThat(own.get("resilientpay.calls").tags("region", "cn-east").timer().count()).isEqualTo(1);
    }

    @Test
    void globalConventionOnTheRegistryIsUsedWhenTheListenerHasNone() {
        class GlobalNaming implements PaymentObservationConvention, GlobalObservationConvention<PaymentObservationContext> {
            @Override
            public boolean supportsContext(Observation.Context context) {
                return PaymentObservationConvention.super.supportsContext(context);
            }

            @Override
            public String getName() {
                return "global.payment";
            }
        }
        observations.observationConfig().observationConvention(new GlobalNaming());

        call(listener, Operation.QUERY, paid(), Duration.ofSeconds(1));

        assertThat(observations).hasSingleObservationThat().hasNameEqualTo("global.payment");
    }

    @Test
    void withoutAnObservationRegistryOnlyMetersAreRecorded() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        MicrometerPaymentListener metersOnly = MicrometerPaymentListener.builder(own).build();

        call(metersOnly, Operation.CLOSE, new CloseOutcome.Closed(ORDER, false), Duration.ofSeconds(3));

        assertThat(own.get("resilientpay.calls").tags("operation", "close", "outcome", "closed", "merchant", "default")
                .timer().totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
        assertThat(metersOnly.callsInFlightOnThisThread()).isZero();
    }

    @Test
    void discrepancyIsCountedByProviderMerchantAndKind() {
        listener.recordDiscrepancy("alipay", "coffee-shop", "missing_in_ledger");
        listener.recordDiscrepancy("alipay", "coffee-shop", "missing_in_ledger");
        listener.recordDiscrepancy("wechat", "tea-house", "amount_mismatch");

        assertThat(meters.get("resilientpay.reconciliation.discrepancies").tags("provider", "alipay",
                "merchant", "coffee-shop", "kind", "missing_in_ledger").counter().count()).isEqualTo(2.0);
        assertThat(meters.get("resilientpay.reconciliation.discrepancies").tags("provider", "wechat",
                "merchant", "tea-house", "kind", "amount_mismatch").counter().count()).isEqualTo(1.0);
    }

    @Test
    void discrepancyKindThatCouldBeAnIdIsRejected() {
        assertThatThrownBy(() -> listener.recordDiscrepancy("alipay", "coffee-shop", ORDER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> listener.recordDiscrepancy("alipay", "coffee-shop", "x".repeat(49)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> listener.recordDiscrepancy(" ", "coffee-shop", "amount_mismatch"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provider");
        assertThatThrownBy(() -> listener.recordDiscrepancy("alipay", null, "amount_mismatch"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merchant");
        assertThat(meters.find("resilientpay.reconciliation.discrepancies").meters()).isEmpty();
    }

    @Test
    void builderRejectsMissingOrOversizedSettingsNamingTheField() {
        assertThatThrownBy(() -> MicrometerPaymentListener.builder(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("meterRegistry");
        assertThatThrownBy(() -> MicrometerPaymentListener.builder(meters).merchant(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merchant");
        assertThatThrownBy(() -> MicrometerPaymentListener.builder(meters).merchant("m".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("merchant");
        assertThatThrownBy(() -> MicrometerPaymentListener.builder(meters).observationRegistry(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("observationRegistry");
        assertThatThrownBy(() -> MicrometerPaymentListener.builder(meters).observationConvention(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("convention");
    }

    private double breakerGauge(String provider, String state) {
        return meters.get("resilientpay.circuitbreaker.state").tags("provider", provider, "state", state).gauge().value();
    }

    private static PaymentOutcome.Paid paid() {
        return new PaymentOutcome.Paid(ORDER, "tx-4200000001", Money.cny(2350), Instant.EPOCH);
    }

    private static PaymentOutcome.AwaitingPayer awaitingPayer() {
        return new PaymentOutcome.AwaitingPayer(ORDER, new PayerAction.ScanQrCode("https://qr"));
    }

    /** A whole call as core reports it: started, its outcome, ended (the outcome's own elapsed is ignored). */
    private static void call(MicrometerPaymentListener target, Operation operation, Outcome outcome, Duration elapsed) {
        target.onCallStarted(started(operation));
        target.onOutcome(finished(operation, outcome, Duration.ofNanos(1)));
        target.onCallEnded(ended(operation, elapsed));
    }

    private static PaymentListener.CallStarted started(Operation operation) {
        return new PaymentListener.CallStarted("alipay", operation, ORDER);
    }

    private static PaymentListener.CallFinished finished(Operation operation, Outcome outcome, Duration elapsed) {
        return new PaymentListener.CallFinished("alipay", operation, ORDER, outcome, elapsed);
    }

    private static PaymentListener.CallEnded ended(Operation operation, Duration elapsed) {
        return new PaymentListener.CallEnded("alipay", operation, ORDER, elapsed);
    }

    @Test
    void aSuspendedCallLeavesItsThreadAndEndsWhereItResumes() throws Exception {
        listener.onCallStarted(new PaymentListener.CallStarted("alipay", Operation.PAY_BY_CODE, ORDER));
        listener.onCallStarted(new PaymentListener.CallStarted("alipay", Operation.CANCEL, ORDER)); // never ended

        Object carried = listener.onCallSuspended(new PaymentListener.CallSuspended("alipay", Operation.PAY_BY_CODE,
                ORDER));

        assertThat(carried).isNotNull();
        assertThat(listener.callsInFlightOnThisThread()).isZero();
        assertThat(observations.getCurrentObservation()).isNull();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            other.submit(() -> {
                listener.onCallResumed(new PaymentListener.CallResumed("alipay", Operation.PAY_BY_CODE, ORDER), carried);
                assertThat(listener.callsInFlightOnThisThread()).isEqualTo(1);
                listener.onOutcome(new PaymentListener.CallFinished("alipay", Operation.PAY_BY_CODE, ORDER,
                        new PaymentOutcome.Paid(ORDER, "T1", Money.cny(100), Instant.EPOCH), Duration.ofSeconds(3)));
                listener.onCallEnded(new PaymentListener.CallEnded("alipay", Operation.PAY_BY_CODE, ORDER,
                        Duration.ofSeconds(3)));
                assertThat(listener.callsInFlightOnThisThread()).isZero();
            }).get(10, TimeUnit.SECONDS);
        } finally {
            other.shutdown();
        }

        assertThat(handler.events).containsExactly(
                "start pay_by_code outcome=none", "open pay_by_code",
                "start cancel outcome=none", "open cancel",
                "close cancel", "error cancel", "stop cancel outcome=none", // abandoned when the payment left
                "close pay_by_code", "open pay_by_code", // the wait, then the other thread
                "close pay_by_code", "stop pay_by_code outcome=paid");
        assertThat(meters.get("resilientpay.calls").tags("operation", "pay_by_code", "outcome", "paid").timer()
                .totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
    }

    @Test
    void suspendAndResumeOfUnknownCallsAreIgnored() {
        assertThat(listener.onCallSuspended(new PaymentListener.CallSuspended("alipay", Operation.QUERY, ORDER)))
                .isNull();
        listener.onCallResumed(new PaymentListener.CallResumed("alipay", Operation.QUERY, ORDER), null);
        listener.onCallResumed(new PaymentListener.CallResumed("alipay", Operation.QUERY, ORDER), "not ours");

        assertThat(listener.callsInFlightOnThisThread()).isZero();
        assertThat(handler.events).isEmpty();
    }

    /** Logs each observation's life: "start op outcome=..", "open op", "close op", "error op", "stop op outcome=..". */
    static final class EventLog implements ObservationHandler<PaymentObservationContext> {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onStart(PaymentObservationContext context) {
            events.add("start " + TagValues.of(context.operation()) + " outcome=" + outcome(context));
        }

        @Override
        public void onScopeOpened(PaymentObservationContext context) {
            events.add("open " + TagValues.of(context.operation()));
        }

        @Override
        public void onScopeClosed(PaymentObservationContext context) {
            events.add("close " + TagValues.of(context.operation()));
        }

        @Override
        public void onError(PaymentObservationContext context) {
            events.add("error " + TagValues.of(context.operation()));
        }

        @Override
        public void onStop(PaymentObservationContext context) {
            events.add("stop " + TagValues.of(context.operation()) + " outcome=" + outcome(context));
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof PaymentObservationContext;
        }

        private static String outcome(PaymentObservationContext context) {
            KeyValue outcome = context.getLowCardinalityKeyValue("outcome");
            return outcome == null ? "?" : outcome.getValue();
        }
    }
}
