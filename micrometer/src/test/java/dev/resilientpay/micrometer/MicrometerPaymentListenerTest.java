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
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.GlobalObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The listener driven with the pipeline's own event records. */
class MicrometerPaymentListenerTest {

    private static final String ORDER = "T20250101_000042";

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final TestObservationRegistry observations = TestObservationRegistry.create();
    private final MicrometerPaymentListener listener = MicrometerPaymentListener.builder(meters)
            .observationRegistry(observations).merchant("coffee-shop").build();

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
    void callDurationIsTheElapsedTimeTheClientMeasured() {
        listener.onOutcome(call(Operation.PAY_BY_CODE, paid(), Duration.ofMillis(4_250)));
        listener.onOutcome(call(Operation.PAY_BY_CODE, paid(), Duration.ofMillis(750)));

        var timer = meters.get("resilientpay.calls").tags("provider", "alipay", "merchant", "coffee-shop",
                "operation", "pay_by_code", "outcome", "paid", "failure.reason", "none").timer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5_000.0);
        assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(4_250.0);
    }

    @Test
    void observationCarriesTheLowCardinalityKeyValuesOfTheCall() {
        listener.onOutcome(call(Operation.PAY_BY_CODE, paid(), Duration.ofSeconds(2)));

        assertThat(observations).hasSingleObservationThat()
                .hasNameEqualTo("resilientpay.operation")
                .hasContextualNameEqualTo("alipay pay_by_code")
                .hasLowCardinalityKeyValue("provider", "alipay")
                .hasLowCardinalityKeyValue("merchant", "coffee-shop")
                .hasLowCardinalityKeyValue("operation", "pay_by_code")
                .hasLowCardinalityKeyValue("outcome", "paid")
                .hasLowCardinalityKeyValue("failure.reason", "none")
                .hasBeenStarted()
                .hasBeenStopped()
                .isInstanceOfSatisfying(PaymentObservationContext.class, context -> {
                    assertThat(context.elapsed()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(context.orderId()).isEqualTo(ORDER);
                });
    }

    @Test
    void orderIdIsNeitherATagNorAKeyValue() {
        listener.onAttempt(new PaymentListener.AttemptFinished("alipay", Operation.PAY_BY_CODE, ORDER, 1,
                Classification.PENDING, null, Duration.ofMillis(5)));
        listener.onRetryScheduled(new PaymentListener.RetryScheduled("alipay", Operation.PAY_BY_CODE, ORDER, 2,
                Duration.ofMillis(5), FailureReason.NETWORK_ERROR));
        listener.onPoll(new PaymentListener.PollFinished("alipay", ORDER, 1, TradeState.PAID));
        listener.onOutcome(call(Operation.PAY_BY_CODE, paid(), Duration.ofSeconds(1)));

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
        listener.onOutcome(call(Operation.PAY_BY_CODE, new PaymentOutcome.Failed(ORDER, declined), Duration.ZERO));
        listener.onOutcome(call(Operation.CREATE_ORDER, new PaymentOutcome.InDoubt(ORDER, timeout), Duration.ZERO));

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

        custom.onOutcome(call(Operation.REFUND, paid(), Duration.ofSeconds(1)));

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

        listener.onOutcome(call(Operation.QUERY, paid(), Duration.ofSeconds(1)));

        assertThat(observations).hasSingleObservationThat().hasNameEqualTo("global.payment");
    }

    @Test
    void withoutAnObservationRegistryOnlyMetersAreRecorded() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        MicrometerPaymentListener metersOnly = MicrometerPaymentListener.builder(own).build();

        metersOnly.onOutcome(call(Operation.CLOSE, new CloseOutcome.Closed(ORDER, false), Duration.ofSeconds(3)));

        assertThat(own.get("resilientpay.calls").tags("operation", "close", "outcome", "closed", "merchant", "default")
                .timer().totalTime(TimeUnit.SECONDS)).isEqualTo(3.0);
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

    private static PaymentListener.CallFinished call(Operation operation, Outcome outcome, Duration elapsed) {
        return new PaymentListener.CallFinished("alipay", operation, ORDER, outcome, elapsed);
    }

}
