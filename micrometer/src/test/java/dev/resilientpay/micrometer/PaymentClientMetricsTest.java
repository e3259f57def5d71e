package dev.resilientpay.micrometer;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.Operation;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.Policies;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.TradeState;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.VirtualTime;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A real {@link PaymentClient} over a scripted provider and virtual time, observed by the listener. */
class PaymentClientMetricsTest {

    private static final Money AMOUNT = Money.cny(2350);

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider("alipay");
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final MicrometerPaymentListener listener = MicrometerPaymentListener.builder(meters)
            .observationRegistry(observations).merchant("coffee-shop").build();
    private final PaymentClient client = PaymentClient.builder().provider(provider).timeSource(time).seed(42)
            .breaker(new BreakerPolicy(50, 4, 4, Duration.ofSeconds(30), 1))
            .listener(listener).build();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void paymentCodePolledUntilPaidIsRecordedAttemptByAttempt() {
        provider.onPay(Answers.pending())
                .onQuery(Answers.status("o-1", TradeState.PROCESSING), Answers.paidStatus("o-1", AMOUNT));
        Instant start = time.now();

        PaymentOutcome outcome = client.pay(codePay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        Duration elapsed = time.since(start);
        assertThat(elapsed).isPositive();
        var calls = meters.get("resilientpay.calls").tags("provider", "alipay", "merchant", "coffee-shop",
                "operation", "pay_by_code", "outcome", "paid", "failure.reason", "none").timer();
        assertThat(calls.count()).isEqualTo(1);
        assertThat(calls.totalTime(TimeUnit.NANOSECONDS)).isEqualTo((double) elapsed.toNanos());
        assertThat(meters.get("resilientpay.attempts").tags("operation", "pay_by_code", "classification", "pending")
                .counter().count()).isEqualTo(1.0);
        assertThat(meters.get("resilientpay.polls").tags("state", "processing").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("resilientpay.polls").tags("state", "paid").counter().count()).isEqualTo(1.0);
        assertThat(observations).hasSingleObservationThat()
                .hasNameEqualTo("resilientpay.operation")
                .hasLowCardinalityKeyValue("operation", "pay_by_code")
                .hasLowCardinalityKeyValue("outcome", "paid")
                .isInstanceOfSatisfying(PaymentObservationContext.class,
                        context -> assertThat(context.elapsed()).isEqualTo(elapsed));
    }

    @Test
    void transientFailureIsRetriedAndCountedByItsCause() {
        provider.onPay(Answers.notSent(FailureReason.NETWORK_ERROR), Answers.awaitingPayer("o-2"));

        PaymentOutcome outcome = client.pay(qrPay("o-2"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        assertThat(meters.get("resilientpay.retries").tags("operation", "create_order", "failure.reason", "network_error")
                .counter().count()).isEqualTo(1.0);
        assertThat(meters.get("resilientpay.attempts").tags("classification", "not_sent").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("resilientpay.attempts").tags("classification", "definite").counter().count()).isEqualTo(1.0);
        assertThat(meters.get("resilientpay.calls").tags("outcome", "awaiting_payer").timer().count()).isEqualTo(1);
    }

    @Test
    void outageOpensTheBreakerAndTheGaugeShowsIt() {
        provider.onPay(Answers.notSent(FailureReason.NETWORK_ERROR));

        client.pay(qrPay("o-3"));
        client.pay(qrPay("o-4"));
        PaymentOutcome refused = client.pay(qrPay("o-5"));

        assertThat(refused).isInstanceOf(PaymentOutcome.Failed.class);
        assertThat(meters.get("resilientpay.circuitbreaker.transitions").tags("from", "closed", "to", "open")
                .counter().count()).isEqualTo(1.0);
        assertThat(meters.get("resilientpay.circuitbreaker.state").tags("state", "open").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("resilientpay.circuitbreaker.state").tags("state", "closed").gauge().value()).isEqualTo(0.0);
        assertThat(meters.get("resilientpay.calls").tags("outcome", "failed", "failure.reason", "provider_unavailable")
                .timer().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void observationIsAChildOfTheCallersObservation() {
        provider.onPay(Answers.awaitingPayer("o-6"));
        Observation checkout = Observation.createNotStarted("shop.checkout", observations);

        checkout.observe(() -> client.pay(qrPay("o-6")));

        assertThat(observations).hasObservationWithNameEqualTo("resilientpay.operation").that()
                .hasParentObservationEqualTo(checkout);
    }

    @Test
    void observationScopeIsOpenWhileTheProviderIsCalled() {
        observations.observationConfig().observationHandler(new MdcHandler());
        AtomicReference<Observation> current = new AtomicReference<>();
        AtomicReference<String> mdc = new AtomicReference<>();
        provider.onPay(context -> {
            current.set(observations.getCurrentObservation());
            mdc.set(MDC.get("span"));
            return Answers.awaitingPayer("o-7");
        });

        client.pay(qrPay("o-7"));

        assertThat(current.get()).as("the call's observation is current inside the call").isNotNull();
        assertThat(current.get().getContext()).isInstanceOfSatisfying(PaymentObservationContext.class,
                context -> assertThat(context.orderId()).isEqualTo("o-7"));
        assertThat(mdc.get()).as("what a tracing handler puts in the MDC is there inside the call")
                .isEqualTo("alipay create_order");
        assertThat(MDC.get("span")).isNull();
        assertThat(observations.getCurrentObservation()).isNull();
        assertThat(observations).hasSingleObservationThat()
                .hasLowCardinalityKeyValue("outcome", "awaiting_payer")
                .hasBeenStopped();
    }

    @Test
    void observationTimerCoversTheProvidersCall() {
        MockClock clock = new MockClock();
        SimpleMeterRegistry own = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(own));
        ScriptedProvider slow = new ScriptedProvider("wechat");
        slow.onPay(context -> {
            clock.add(Duration.ofMillis(2_400));
            time.advance(Duration.ofMillis(2_400));
            return Answers.awaitingPayer("o-9");
        });
        try (PaymentClient timed = PaymentClient.builder().provider(slow).timeSource(time).seed(42)
                .listener(MicrometerPaymentListener.builder(own).observationRegistry(registry).build()).build()) {

            timed.pay(qrPay("o-9"));
        }

        var operation = own.get("resilientpay.operation").tags("provider", "wechat", "outcome", "awaiting_payer").timer();
        assertThat(operation.count()).isEqualTo(1);
        assertThat(operation.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2_400.0);
        assertThat(own.get("resilientpay.calls").tags("provider", "wechat", "outcome", "awaiting_payer").timer()
                .totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2_400.0);
        assertThat(own.get("resilientpay.operation.active").longTaskTimer().activeTasks()).isZero();
    }

    @Test
    void queryIsObservedWithoutAnOutcome() {
        provider.onQuery(Answers.status("o-8", TradeState.PROCESSING));

        client.query("o-8");

        assertThat(observations).hasSingleObservationThat()
                .hasContextualNameEqualTo("alipay query")
                .hasLowCardinalityKeyValue("operation", "query")
                .hasLowCardinalityKeyValue("outcome", "none")
                .hasBeenStopped();
        assertThat(meters.get("resilientpay.calls").tags("operation", "query", "outcome", "none").timer().count())
                .isEqualTo(1);
    }

    @Test
    void anAsynchronousCallThatWaitsIsOneObservationScopedWhereverItsStepsRun() throws Exception {
        observations.observationConfig().observationHandler(new MdcHandler());
        List<Observation> currentInQueries = new CopyOnWriteArrayList<>();
        List<String> spansInQueries = new CopyOnWriteArrayList<>();
        ScriptedProvider polled = new ScriptedProvider("alipay")
                .onPay(Answers.pending());
        for (TradeState state : List.of(TradeState.PROCESSING, TradeState.PROCESSING)) {
            polled.onQuery(context -> {
                currentInQueries.add(observations.getCurrentObservation());
                spansInQueries.add(MDC.get("span"));
                return Answers.status("o-10", state);
            });
        }
        polled.onQuery(context -> {
            currentInQueries.add(observations.getCurrentObservation());
            spansInQueries.add(MDC.get("span"));
            return Answers.paidStatus("o-10", AMOUNT);
        });
        OperationPolicy quick = Policies.defaults().of(Operation.PAY_BY_CODE).toBuilder()
                .deadline(Duration.ofSeconds(20)).polling(Duration.ofMillis(20), Duration.ofMillis(50)).build();
        ExecutorService steps = Executors.newFixedThreadPool(2);
        // The system clock: the client's scheduler times the waits, and the steps hop between threads.
        try (PaymentClient async = PaymentClient.builder().provider(polled).asyncExecutor(steps)
                .listener(listener).build()) {

            PaymentOutcome outcome = async.payAsync(codePay("o-10"), quick).get(20, TimeUnit.SECONDS);

            assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(observations).hasSingleObservationThat()
                    .hasNameEqualTo("resilientpay.operation")
                    .hasLowCardinalityKeyValue("operation", "pay_by_code")
                    .hasLowCardinalityKeyValue("outcome", "paid")
                    .hasBeenStopped();
            // Every step after a wait ran inside the call's one observation, its scope open again there.
            assertThat(currentInQueries).hasSize(3).doesNotContainNull()
                    .allSatisfy(current -> assertThat(current.getContext())
                            .isInstanceOfSatisfying(PaymentObservationContext.class,
                                    context -> assertThat(context.orderId()).isEqualTo("o-10")));
            assertThat(currentInQueries.stream().distinct().count()).isEqualTo(1);
            assertThat(spansInQueries).containsOnly("alipay pay_by_code");
            assertThat(meters.get("resilientpay.calls").tags("operation", "pay_by_code", "outcome", "paid").timer()
                    .count()).isEqualTo(1);
            // Nothing is left on the threads the call ran on.
            for (int i = 0; i < 4; i++) {
                assertThat(steps.submit(() -> listener.callsInFlightOnThisThread() + " "
                        + observations.getCurrentObservation() + " " + MDC.get("span")).get(10, TimeUnit.SECONDS))
                        .isEqualTo("0 null null");
            }
        } finally {
            steps.shutdown();
        }
    }

    /** Puts the observation's contextual name into the MDC while its scope is open, as a tracing handler would. */
    private static final class MdcHandler implements ObservationHandler<PaymentObservationContext> {
        @Override
        public void onScopeOpened(PaymentObservationContext context) {
            MDC.put("span", context.provider() + " " + context.operation().name().toLowerCase(Locale.ROOT));
        }

        @Override
        public void onScopeClosed(PaymentObservationContext context) {
            MDC.remove("span");
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof PaymentObservationContext;
        }
    }

    private static PaymentRequest codePay(String orderId) {
        return PaymentRequest.builder().orderId(orderId).amount(AMOUNT).subject("Flat white")
                .method(new PaymentMethod.PaymentCode("287634438256643941")).build();
    }

    private static PaymentRequest qrPay(String orderId) {
        return PaymentRequest.builder().orderId(orderId).amount(AMOUNT).subject("Flat white")
                .method(new PaymentMethod.QrCode()).build();
    }
}
