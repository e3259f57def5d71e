package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.PaymentListener;

/**
 * Makes a {@link PaymentListener} for one merchant, e.g. a metrics binding tagged with the merchant
 * name. Every bean of this type is asked once per merchant when the clients are built; plain
 * {@link PaymentListener} beans are given to every client as they are.
 */
@FunctionalInterface
public interface MerchantListenerFactory {

    /**
     * The listener of one configured merchant, given to its client with the shared listener beans.
     *
     * @param merchant the merchant name
     * @param provider {@code alipay} or {@code wechat}
     * @return the merchant's listener, or {@code null} for none
     */
    PaymentListener listenerFor(String merchant, String provider);
}
