package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.Policies;
import dev.resilientpay.spi.BillSource;
import dev.resilientpay.spi.PaymentLedger;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One configured merchant with everything the beans around it need.
 *
 * @param name         the merchant name
 * @param provider     {@code alipay} or {@code wechat}
 * @param merchantId   the account at the provider (Alipay app id, WeChat mchid): its ledger namespace
 * @param client       its client
 * @param ledger       its own ledger
 * @param breaker      its breaker state
 * @param notifyPath   the path of its notification endpoint
 * @param certificates certificate label → expiry, where known
 * @param info         non-secret identity for the info contributor (app id, gateway, modes)
 * @param policies     its effective policies
 * @param breakerPolicy its effective breaker policy
 * @param bills        its provider's bill source (a new one per call), for reconciliation
 */
record Merchant(String name, String provider, String merchantId, PaymentClient client, PaymentLedger ledger,
                BreakerStateTracker breaker, String notifyPath, Map<String, Instant> certificates,
                Map<String, Object> info, Policies policies, BreakerPolicy breakerPolicy,
                Supplier<BillSource> bills) {
}
