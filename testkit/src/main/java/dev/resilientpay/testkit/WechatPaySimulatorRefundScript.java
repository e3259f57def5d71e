package dev.resilientpay.testkit;

import java.util.Objects;
import java.util.Set;

/**
 * How the simulated gateway settles a refund ({@link WechatPaySimulator#refundScript}). The default
 * is {@code succeedsAfterQueries(0)}: the refund request answers {@code PROCESSING} and the first
 * refund query answers {@code SUCCESS}.
 */
public sealed interface WechatPaySimulatorRefundScript {

    /** The final refund statuses. */
    Set<String> FINAL_STATUSES = Set.of("SUCCESS", "CLOSED", "ABNORMAL");

    /**
     * Answers {@code PROCESSING}; the first {@code queries} refund queries answer {@code PROCESSING}
     * too, then the refund becomes {@code finalStatus}.
     *
     * @param finalStatus {@code SUCCESS}, {@code CLOSED} or {@code ABNORMAL}
     * @param queries how many queries answer "still paying" first
     */
    record SettlesAfterQueries(String finalStatus, int queries) implements WechatPaySimulatorRefundScript {
        /**
         * Validates the components.
         *
         * @param finalStatus {@code SUCCESS}, {@code CLOSED} or {@code ABNORMAL}
         * @param queries how many queries answer "still paying" first
         */
        public SettlesAfterQueries {
            requireFinal(finalStatus);
            if (queries < 0) {
                throw new IllegalArgumentException("queries must be >= 0, was " + queries);
            }
        }
    }

    /**
     * The refund request itself already answers {@code finalStatus}.
     *
     * @param finalStatus {@code SUCCESS}, {@code CLOSED} or {@code ABNORMAL}
     */
    record SettlesAtOnce(String finalStatus) implements WechatPaySimulatorRefundScript {
        /**
         * Validates the status.
         *
         * @param finalStatus {@code SUCCESS}, {@code CLOSED} or {@code ABNORMAL}
         */
        public SettlesAtOnce {
            requireFinal(finalStatus);
        }
    }

    /** The refund stays {@code PROCESSING} (until {@link WechatPaySimulator#settleRefund}). */
    record StaysProcessing() implements WechatPaySimulatorRefundScript {}

    /**
     * The refund request is refused with {@code status} and {@code code}; no refund is created.
     *
     * @param code the code
     * @param message the provider's message, or {@code null}
     * @param status the HTTP status to answer, 400 to 599
     */
    record Rejected(int status, String code, String message) implements WechatPaySimulatorRefundScript {
        /**
         * Validates the components.
         *
         * @param code the code
         * @param message the provider's message, or {@code null}
         * @param status the HTTP status to answer, 400 to 599
         */
        public Rejected {
            if (status < 400 || status > 599) {
                throw new IllegalArgumentException("status must be an HTTP error status, was " + status);
            }
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    /** {@return {@link SettlesAtOnce} with {@code SUCCESS}} */
    static WechatPaySimulatorRefundScript succeedsAtOnce() {
        return new SettlesAtOnce("SUCCESS");
    }

    /**
     * {@link SettlesAfterQueries} with {@code SUCCESS}.
     *
     * @param queries how many queries answer "still paying" first
     * @return {@link SettlesAfterQueries} with {@code SUCCESS}
     */
    static WechatPaySimulatorRefundScript succeedsAfterQueries(int queries) {
        return new SettlesAfterQueries("SUCCESS", queries);
    }

    /**
     * {@link SettlesAfterQueries} with {@code CLOSED}.
     *
     * @param queries how many queries answer "still paying" first
     * @return {@link SettlesAfterQueries} with {@code CLOSED}
     */
    static WechatPaySimulatorRefundScript closesAfterQueries(int queries) {
        return new SettlesAfterQueries("CLOSED", queries);
    }

    /**
     * {@link SettlesAfterQueries} with {@code ABNORMAL} (needs merchant action).
     *
     * @param queries how many queries answer "still paying" first
     * @return {@link SettlesAfterQueries} with {@code ABNORMAL} (needs merchant action)
     */
    static WechatPaySimulatorRefundScript abnormalAfterQueries(int queries) {
        return new SettlesAfterQueries("ABNORMAL", queries);
    }

    /** {@return {@link StaysProcessing}} */
    static WechatPaySimulatorRefundScript staysProcessing() {
        return new StaysProcessing();
    }

    /**
     * {@link Rejected}, e.g. {@code rejectedWith(403, "NOT_ENOUGH", "商户可用余额不足")}.
     *
     * @param code the code
     * @param message the provider's message, or {@code null}
     * @param status the HTTP status to answer, 400 to 599
     * @return {@link Rejected}, e.g. {@code rejectedWith(403, "NOT_ENOUGH", "商户可用余额不足")}
     */
    static WechatPaySimulatorRefundScript rejectedWith(int status, String code, String message) {
        return new Rejected(status, code, message);
    }

    private static void requireFinal(String status) {
        if (!FINAL_STATUSES.contains(status)) {
            throw new IllegalArgumentException("finalStatus must be one of " + FINAL_STATUSES + ", was " + status);
        }
    }
}
