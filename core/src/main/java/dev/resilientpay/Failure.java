package dev.resilientpay;

import java.util.Locale;
import java.util.Objects;

/**
 * A failure with its provider-neutral {@link FailureReason} and everything the provider said, kept
 * for support and logs.
 *
 * @param reason          the provider-neutral reason
 * @param providerCode    the provider's code ({@code 40004}, {@code NOT_ENOUGH}), or {@code null}
 * @param providerSubCode the provider's sub-code ({@code ACQ.BUYER_BALANCE_NOT_ENOUGH}), or {@code null}
 * @param providerMessage the provider's or transport's message, or {@code null}; never holds secrets
 * @param requestId       the provider's request id (WeChat {@code Request-ID}), or {@code null}
 * @param attempts        how many attempts were sent before the failure was final (0: nothing sent)
 */
public record Failure(
        FailureReason reason,
        String providerCode,
        String providerSubCode,
        String providerMessage,
        String requestId,
        int attempts) {

    /**
     * Validates the reason and attempt count.
     *
     * @param attempts how many attempts were sent before the failure was final (0: nothing sent)
     * @param providerCode the provider's code ({@code 40004}, {@code NOT_ENOUGH}), or {@code null}
     * @param providerMessage the provider's or transport's message, or {@code null}; never holds secrets
     * @param providerSubCode the provider's sub-code ({@code ACQ.BUYER_BALANCE_NOT_ENOUGH}), or {@code null}
     * @param reason the provider-neutral reason
     * @param requestId the provider's request id (WeChat {@code Request-ID}), or {@code null}
     */
    public Failure {
        Objects.requireNonNull(reason, "reason must not be null");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    /**
     * A failure with only a reason and a message.
     *
     * @param message the provider's message, or {@code null}
     * @param reason the provider-neutral reason
     * @return a failure with only a reason and a message
     */
    public static Failure of(FailureReason reason, String message) {
        return new Failure(reason, null, null, message, null, 0);
    }

    /**
     * A failure with the provider's codes.
     *
     * @param code the code
     * @param message the provider's message, or {@code null}
     * @param reason the provider-neutral reason
     * @param requestId the provider's request id (WeChat {@code Request-ID}), or {@code null}
     * @param subCode the provider's sub-code, or {@code null}
     * @return a failure with the provider's codes
     */
    public static Failure of(FailureReason reason, String code, String subCode, String message, String requestId) {
        return new Failure(reason, code, subCode, message, requestId, 0);
    }

    /**
     * This failure with the given attempt count.
     *
     * @param attempts how many attempts were sent before the failure was final (0: nothing sent)
     * @return this failure with the given attempt count
     */
    public Failure withAttempts(int attempts) {
        return new Failure(reason, providerCode, providerSubCode, providerMessage, requestId, attempts);
    }

    /** {@return whether trying the same request again later may succeed} */
    public boolean retryable() {
        return reason.retryable();
    }

    /**
     * The end-user message for {@code locale} (see {@link FailureReason#userMessage(Locale)}).
     *
     * @param locale the language of the message
     * @return the end-user message for {@code locale} (see {@link FailureReason#userMessage(Locale)})
     */
    public String userMessage(Locale locale) {
        return reason.userMessage(locale);
    }
}
