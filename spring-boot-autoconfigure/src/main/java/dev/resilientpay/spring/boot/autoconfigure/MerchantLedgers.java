package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.spi.PaymentLedger;

/**
 * Chooses each merchant's {@link PaymentLedger}. By default every merchant shares the one
 * {@code PaymentLedger} bean (keys are namespaced by provider and merchant account); define a bean of
 * this type to give merchants ledgers of their own, e.g. in separate databases.
 */
@FunctionalInterface
public interface MerchantLedgers {

    /**
     * The ledger of one configured merchant.
     *
     * @param merchant the merchant name
     * @param provider {@code alipay} or {@code wechat}
     * @return the merchant's ledger
     */
    PaymentLedger ledgerFor(String merchant, String provider);
}
