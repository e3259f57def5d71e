package dev.resilientpay;

import java.util.Objects;

/**
 * The answer to a status query ({@link PaymentClient#query}, {@link PaymentClient#queryRefund}).
 *
 * @param <T> {@link TradeStatus} or {@link RefundStatus}
 */
public sealed interface QueryResult<T> {

    /**
     * The provider answered (which may be "no such order": {@link TradeState#NOT_FOUND}).
     *
     * @param status what the provider reported
     * @param <T>    the status type
     */
    record Known<T>(T status) implements QueryResult<T> {
        /**
         * Validates the status.
         *
         * @param status what the provider reported
         */
        public Known {
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * The provider could not be asked, or its answer could not be trusted.
     *
     * @param failure why
     * @param <T>     the status type
     */
    record Unknown<T>(Failure failure) implements QueryResult<T> {
        /**
         * Validates the failure.
         *
         * @param failure why
         */
        public Unknown {
            Objects.requireNonNull(failure, "failure");
        }
    }
}
