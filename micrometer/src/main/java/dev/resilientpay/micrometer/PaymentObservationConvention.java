package dev.resilientpay.micrometer;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the {@code resilientpay.operation} observation. Implement it (or extend
 * {@link DefaultPaymentObservationConvention}) to rename the observation or change its key values, and
 * pass it to {@link MicrometerPaymentListener.Builder#observationConvention}, or register it on the
 * {@code ObservationRegistry} as a global convention.
 *
 * <pre>{@code
 * class WithRegion extends DefaultPaymentObservationConvention {
 *     @Override
 *     public KeyValues getLowCardinalityKeyValues(PaymentObservationContext context) {
 *         return super.getLowCardinalityKeyValues(context).and("region", "cn-east");
 *     }
 * }
 * }</pre>
 *
 * <p>Keep low-cardinality key values low: never an order id, refund id, transaction id or amount. Return
 * the same keys for every call (a missing value as {@code none}): the key values also tag the
 * {@code resilientpay.calls} timer, and some registries (Prometheus) refuse one meter name with two sets
 * of tag keys.
 */
public interface PaymentObservationConvention extends ObservationConvention<PaymentObservationContext> {

    /**
     * @param context any observation context
     * @return whether it is a {@link PaymentObservationContext}
     */
    @Override
    default boolean supportsContext(Observation.Context context) {
        return context instanceof PaymentObservationContext;
    }
}
