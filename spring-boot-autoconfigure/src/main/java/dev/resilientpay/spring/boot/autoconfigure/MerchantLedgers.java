package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.spi.PaymentLedger;

/**
 * Gives each merchant its own {@link PaymentLedger}. Define a bean of this type to choose the ledgers
 * yourself when there are several merchants: ledger keys are order ids, so two merchants must not
 * share one ledger (one merchant's recovery would otherwise query the other's orders).
 */
@FunctionalInterface
public interface MerchantLedgers {

    /**
     * @param merchant the merchant name
     * @param provider {@code alipay} or {@code wechat}
     * @return the merchant's ledger, never shared with another merchant
     */
    PaymentLedger ledgerFor(String merchant, String provider);
}
