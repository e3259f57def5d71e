package dev.resilientpay.spi;

import java.util.Objects;

/**
 * The identity of one idempotent call in a ledger, namespaced by provider and merchant so that two
 * merchants (or two providers) may use the same order id.
 *
 * @param provider the provider's name ({@code alipay}, {@code wechat})
 * @param merchant the merchant account at that provider (Alipay app id, WeChat mchid)
 * @param id       the call within the merchant: {@code pay:<orderId>}, {@code refund:<orderId>:<refundId>}
 *                 for refund ids unique per order, or {@code refund:<refundId>} for refund ids the
 *                 provider requires unique per merchant
 */
public record LedgerKey(String provider, String merchant, String id) {

    /** Validates that every part is present. */
    public LedgerKey {
        requirePart("provider", provider, 32);
        requirePart("merchant", merchant, 64);
        requirePart("id", id, 160);
    }

    /** The key of a payment of {@code orderId}. */
    public static LedgerKey payment(String provider, String merchant, String orderId) {
        return new LedgerKey(provider, merchant, "pay:" + orderId);
    }

    /**
     * The key of a refund.
     *
     * @param merchantScoped whether the provider requires refund ids unique per merchant (WeChat Pay)
     *                       rather than per order (Alipay)
     */
    public static LedgerKey refund(String provider, String merchant, String orderId, String refundId,
                                   boolean merchantScoped) {
        return new LedgerKey(provider, merchant, merchantScoped ? "refund:" + refundId : "refund:" + orderId + ":" + refundId);
    }

    /** Whether this key is a payment's. */
    public boolean isPayment() {
        return id.startsWith("pay:");
    }

    private static void requirePart(String field, String value, int max) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty() || value.length() > max) {
            throw new IllegalArgumentException("ledger key " + field + " must be 1 to " + max + " characters");
        }
    }

    @Override
    public String toString() {
        return provider + "/" + merchant + "/" + id;
    }
}
