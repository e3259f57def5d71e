package dev.resilientpay;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A request to take a payment. Immutable; build it with {@link #builder()}.
 *
 * <p>The {@linkplain #orderId() merchant order id} is the idempotency key: sending the same id again
 * (after a crash, a timeout, a retry) never charges twice. The same id with a different amount,
 * subject or method is rejected locally as {@link FailureReason#IDEMPOTENCY_CONFLICT} before anything
 * is sent.
 *
 * @param orderId   merchant order id: 1 to 64 of {@code A-Z a-z 0-9 _ - | *}; providers may narrow it
 * @param amount    the amount to charge
 * @param subject   what is bought, shown to the payer: 1 to 256 characters
 * @param method    how the payer pays
 * @param notifyUrl where the provider posts the result, or {@code null} to use the provider's default
 * @param expiresAt when an unpaid order expires, or {@code null} for the provider's default
 * @param metadata  merchant data returned with the payment (Alipay passback_params, WeChat attach)
 */
public record PaymentRequest(
        String orderId,
        Money amount,
        String subject,
        PaymentMethod method,
        String notifyUrl,
        Instant expiresAt,
        Map<String, String> metadata) {

    static final Pattern ORDER_ID = Pattern.compile("[A-Za-z0-9_\\-|*]{1,64}");
    static final Pattern NOTIFY_URL = Pattern.compile("https?://\\S{1,250}");

    /** Validates every field; the message names the field and the rule. */
    public PaymentRequest {
        requireId("orderId", orderId);
        Objects.requireNonNull(amount, "amount must not be null");
        if (subject == null || subject.isBlank() || subject.length() > 256) {
            throw new IllegalArgumentException("subject must be 1 to 256 characters and not blank");
        }
        Objects.requireNonNull(method, "method must not be null");
        if (notifyUrl != null && !NOTIFY_URL.matcher(notifyUrl).matches()) {
            throw new IllegalArgumentException("notifyUrl must be an http(s) URL of at most 256 characters");
        }
        metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    static void requireId(String field, String value) {
        if (value == null || !ORDER_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    field + " must be 1 to 64 characters of A-Z a-z 0-9 _ - | *, was "
                            + (value == null ? "null" : "'" + value + "'"));
        }
    }

    /**
     * This request without its secrets: a payment code is {@linkplain PaymentMethod.PaymentCode#redacted()
     * redacted}. What ledgers keep.
     *
     * @return this request, or a copy with the code redacted
     */
    public PaymentRequest withoutSecrets() {
        if (method instanceof PaymentMethod.PaymentCode code && !code.isRedacted()) {
            return new PaymentRequest(orderId, amount, subject, code.redacted(), notifyUrl, expiresAt, metadata);
        }
        return this;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link PaymentRequest}; {@link #build()} validates. */
    public static final class Builder {
        private String orderId;
        private Money amount;
        private String subject;
        private PaymentMethod method;
        private String notifyUrl;
        private Instant expiresAt;
        private final Map<String, String> metadata = new LinkedHashMap<>();

        private Builder() {}

        /** Merchant order id (the idempotency key). */
        public Builder orderId(String orderId) { this.orderId = orderId; return this; }

        /** Amount to charge. */
        public Builder amount(Money amount) { this.amount = amount; return this; }

        /** What is bought. */
        public Builder subject(String subject) { this.subject = subject; return this; }

        /** How the payer pays. */
        public Builder method(PaymentMethod method) { this.method = method; return this; }

        /** Where the provider posts the result (overrides the provider's default). */
        public Builder notifyUrl(String notifyUrl) { this.notifyUrl = notifyUrl; return this; }

        /** When an unpaid order expires. */
        public Builder expiresAt(Instant expiresAt) { this.expiresAt = expiresAt; return this; }

        /** Adds one metadata entry, returned with the payment. */
        public Builder metadata(String key, String value) { metadata.put(key, value); return this; }

        /** Validates and builds. */
        public PaymentRequest build() {
            return new PaymentRequest(orderId, amount, subject, method, notifyUrl, expiresAt, metadata);
        }
    }
}
