package dev.resilientpay.internal;

import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.PaymentProvider;

/** The ledger keys of one provider's merchant: payments by order id, refunds as the provider scopes them. */
final class LedgerKeys {

    private final String provider;
    private final String merchant;
    private final boolean refundsPerMerchant;

    LedgerKeys(PaymentProvider provider) {
        this.provider = provider.name();
        String merchant = provider.merchantId();
        this.merchant = merchant == null || merchant.isBlank() ? "default" : merchant;
        this.refundsPerMerchant = provider.refundIdsUniquePerMerchant();
    }

    LedgerKey pay(String orderId) {
        return LedgerKey.payment(provider, merchant, orderId);
    }

    LedgerKey refund(String orderId, String refundId) {
        return LedgerKey.refund(provider, merchant, orderId, refundId, refundsPerMerchant);
    }

    String provider() {
        return provider;
    }

    String merchant() {
        return merchant;
    }
}
