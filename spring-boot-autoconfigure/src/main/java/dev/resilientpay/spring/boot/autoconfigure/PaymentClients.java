package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.PaymentClient;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every configured merchant's {@link PaymentClient}, by merchant name. Each client is also a bean of
 * its own, named {@code <name>PaymentClient} and qualified with the merchant name
 * ({@code @Qualifier("shop") PaymentClient shop}). Closing this registry closes the clients.
 */
public final class PaymentClients implements AutoCloseable {

    private final Map<String, Merchant> merchants;

    PaymentClients(List<Merchant> merchants) {
        Map<String, Merchant> byName = new LinkedHashMap<>();
        for (Merchant merchant : merchants) {
            byName.put(merchant.name(), merchant);
        }
        this.merchants = Collections.unmodifiableMap(byName);
    }

    /**
     * The client of a configured merchant.
     *
     * @param merchant a merchant name, as configured under {@code resilientpay.<provider>.merchants}
     * @return its client
     * @throws IllegalArgumentException if no merchant has that name
     */
    public PaymentClient get(String merchant) {
        Merchant found = merchants.get(merchant);
        if (found == null) {
            throw new IllegalArgumentException("merchant '" + merchant + "' is not configured; configured: "
                    + merchants.keySet());
        }
        return found.client();
    }

    /**
     * The client of a merchant, if one has that name.
     *
     * @param merchant a merchant name
     * @return its client, or empty if no merchant has that name
     */
    public Optional<PaymentClient> find(String merchant) {
        return Optional.ofNullable(merchants.get(merchant)).map(Merchant::client);
    }

    /** {@return the merchant names, in configuration order (Alipay first)} */
    public Set<String> names() {
        return merchants.keySet();
    }

    /**
     * The provider of a configured merchant.
     *
     * @param merchant a merchant name
     * @return {@code alipay} or {@code wechat}
     * @throws IllegalArgumentException if no merchant has that name
     */
    public String providerOf(String merchant) {
        get(merchant);
        return merchants.get(merchant).provider();
    }

    Collection<Merchant> merchants() {
        return merchants.values();
    }

    /** Closes every client (stops their background watchers). */
    @Override
    public void close() {
        merchants.values().forEach(m -> m.client().close());
    }

    @Override
    public String toString() {
        return "PaymentClients" + merchants.keySet();
    }
}
