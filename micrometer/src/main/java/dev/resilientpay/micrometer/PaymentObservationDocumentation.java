package dev.resilientpay.micrometer;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/** The observations resilient-pay records, in Micrometer's documentation form. */
public enum PaymentObservationDocumentation implements ObservationDocumentation {

    /**
     * One client call (pay, refund, query, queryRefund, close, cancel, resolve, awaitPayment, and each
     * call of a recovery), from its start to its end, on the calling thread.
     */
    OPERATION {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultPaymentObservationConvention.class;
        }

        @Override
        public KeyName[] getLowCardinalityKeyNames() {
            return LowCardinalityKeys.values();
        }
    };

    /** The low-cardinality keys of {@link #OPERATION}. */
    public enum LowCardinalityKeys implements KeyName {
        /** Provider name: {@code alipay}, {@code wechat}. */
        PROVIDER("provider"),
        /** The merchant name given to the listener. */
        MERCHANT("merchant"),
        /** The operation, lower case: {@code pay_by_code}, {@code create_order}, {@code refund}, ... */
        OPERATION("operation"),
        /**
         * How the call ended: {@code paid}, {@code awaiting_payer}, {@code failed}, {@code in_doubt}, ...;
         * {@code none} while it runs and for a call that reports no outcome (a query).
         */
        OUTCOME("outcome"),
        /** The failure reason, lower case ({@code insufficient_funds}), or {@code none}. */
        FAILURE_REASON("failure.reason");

        private final String key;

        LowCardinalityKeys(String key) {
            this.key = key;
        }

        /** @return the key as it appears on meters and spans */
        @Override
        public String asString() {
            return key;
        }
    }
}
