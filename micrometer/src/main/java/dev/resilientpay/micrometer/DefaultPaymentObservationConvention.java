package dev.resilientpay.micrometer;

import dev.resilientpay.micrometer.PaymentObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The default naming: observation {@code resilientpay.operation}, contextual name
 * {@code "<provider> <operation>"} (e.g. {@code alipay pay_by_code}), and the low-cardinality key
 * values {@code provider}, {@code merchant}, {@code operation}, {@code outcome} and
 * {@code failure.reason} (values in {@code docs/observability.md}). No high-cardinality key values:
 * the order id stays out of tags and spans unless a convention adds it.
 */
public class DefaultPaymentObservationConvention implements PaymentObservationConvention {

    /** A shared instance; the class is stateless. */
    public static final DefaultPaymentObservationConvention INSTANCE = new DefaultPaymentObservationConvention();

    /** The observation's name. */
    static final String NAME = "resilientpay.operation";

    /** For subclasses; use {@link #INSTANCE} otherwise. */
    public DefaultPaymentObservationConvention() {}

    /** @return {@code resilientpay.operation} */
    @Override
    public String getName() {
        return NAME;
    }

    /**
     * @param context the call
     * @return {@code "<provider> <operation>"}, e.g. {@code alipay pay_by_code}
     */
    @Override
    public String getContextualName(PaymentObservationContext context) {
        return context.provider() + " " + TagValues.of(context.operation());
    }

    /**
     * @param context the call
     * @return provider, merchant, operation, outcome and failure reason
     */
    @Override
    public KeyValues getLowCardinalityKeyValues(PaymentObservationContext context) {
        return KeyValues.of(
                LowCardinalityKeys.PROVIDER.withValue(context.provider()),
                LowCardinalityKeys.MERCHANT.withValue(context.merchant()),
                LowCardinalityKeys.OPERATION.withValue(TagValues.of(context.operation())),
                LowCardinalityKeys.OUTCOME.withValue(TagValues.outcome(context.outcome())),
                LowCardinalityKeys.FAILURE_REASON.withValue(TagValues.reason(context.failureReason())));
    }
}
