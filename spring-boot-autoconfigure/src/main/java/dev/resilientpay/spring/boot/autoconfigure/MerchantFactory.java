package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.Operation;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.Policies;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.spi.PaymentProvider;
import dev.resilientpay.transport.GatewayHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.springframework.util.ClassUtils;

/**
 * Builds every configured merchant: validates names, builds the provider config (keys parsed once,
 * errors naming the property), merges policies and breaker (library defaults, then
 * {@code resilientpay.*}, then the merchant's own), and gives each its own ledger.
 */
final class MerchantFactory {

    /** Names become bean names and URL path segments. */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** What a provider-specific builder returns. */
    record Built(PaymentProvider provider, Map<String, Instant> certificates, Map<String, Object> info,
                 java.util.function.Supplier<dev.resilientpay.spi.BillSource> bills) {}

    private final ResilientPayProperties properties;
    private final GatewayHttp http;
    private final MerchantLedgers ledgers;
    private final List<PaymentListener> listeners;
    private final List<BiFunction<String, String, PaymentListener>> merchantListeners;
    private final ClassLoader classLoader;
    private final Map<String, String> accounts = new HashMap<>();

    MerchantFactory(ResilientPayProperties properties, GatewayHttp http, MerchantLedgers ledgers,
                    List<PaymentListener> listeners,
                    List<BiFunction<String, String, PaymentListener>> merchantListeners, ClassLoader classLoader) {
        this.properties = properties;
        this.http = http;
        this.ledgers = ledgers;
        this.listeners = listeners;
        this.merchantListeners = merchantListeners;
        this.classLoader = classLoader;
    }

    /** The configured merchant names by provider, validated (format, unique across providers). */
    static Map<String, String> names(ResilientPayProperties properties, ClassLoader classLoader) {
        Map<String, String> providerByName = new java.util.LinkedHashMap<>();
        addNames(providerByName, "alipay", properties.getAlipay().getMerchants().keySet(),
                AlipayMerchants.ADAPTER_CLASS, classLoader);
        addNames(providerByName, "wechat", properties.getWechat().getMerchants().keySet(),
                WechatMerchants.ADAPTER_CLASS, classLoader);
        return providerByName;
    }

    private static void addNames(Map<String, String> providerByName, String provider, Iterable<String> names,
                                 String adapterClass, ClassLoader classLoader) {
        for (String name : names) {
            String property = "resilientpay." + provider + ".merchants." + name;
            if (!ClassUtils.isPresent(adapterClass, classLoader)) {
                throw new ResilientPayConfigurationException(property, "the " + provider + " adapter (artifact"
                        + " resilient-pay-" + provider + ") is not on the class path", null);
            }
            if (!NAME.matcher(name).matches()) {
                throw new ResilientPayConfigurationException(property, "merchant name must be 1 to 63 lowercase"
                        + " letters, digits or '-', starting with a letter or digit, was '" + name + "'", null);
            }
            String other = providerByName.putIfAbsent(name, provider);
            if (other != null) {
                throw new ResilientPayConfigurationException(property, "merchant name '" + name
                        + "' is already used by resilientpay." + other + ".merchants." + name
                        + "; names are unique across providers", null);
            }
        }
    }

    List<Merchant> build() {
        names(properties, classLoader);
        int maxBody = properties.getNotifications().getMaxBodyBytes();
        if (maxBody < 1024 || maxBody > (16 << 20)) {
            throw new ResilientPayConfigurationException("resilientpay.notifications.max-body-bytes",
                    "must be 1 KiB to 16 MiB, was " + maxBody, null);
        }
        Duration warning = properties.getHealth().getCertificateWarning();
        if (warning == null || warning.isNegative()) {
            throw new ResilientPayConfigurationException("resilientpay.health.certificate-warning",
                    "must not be negative, was " + warning, null);
        }
        Duration interval = properties.getRecovery().getInterval();
        if (interval != null && (interval.isNegative() || interval.isZero())) {
            throw new ResilientPayConfigurationException("resilientpay.recovery.interval",
                    "must be positive, was " + interval, null);
        }
        Policies sharedPolicies = policies(Policies.defaults(), properties.getPolicies(), "resilientpay.policies");
        BreakerPolicy sharedBreaker = breaker(BreakerPolicy.defaults(), properties.getBreaker(), "resilientpay.breaker");
        List<Merchant> merchants = new ArrayList<>();
        Map<String, String> paths = new HashMap<>();
        try {
            properties.getAlipay().getMerchants().forEach((name, p) -> {
                String prefix = "resilientpay.alipay.merchants." + name;
                merchants.add(merchant(name, "alipay", prefix, p, AlipayMerchants.build(prefix, p, http),
                        sharedPolicies, sharedBreaker, paths));
            });
            properties.getWechat().getMerchants().forEach((name, p) -> {
                String prefix = "resilientpay.wechat.merchants." + name;
                merchants.add(merchant(name, "wechat", prefix, p, WechatMerchants.build(prefix, p, http),
                        sharedPolicies, sharedBreaker, paths));
            });
        } catch (RuntimeException e) {
            merchants.forEach(m -> m.client().close());
            throw e;
        }
        return merchants;
    }

    private Merchant merchant(String name, String providerName, String prefix, MerchantProperties p, Built built,
                              Policies sharedPolicies, BreakerPolicy sharedBreaker, Map<String, String> paths) {
        Policies policies = policies(sharedPolicies, p.getPolicies(), prefix + ".policies");
        BreakerPolicy breaker = breaker(sharedBreaker, p.getBreaker(), prefix + ".breaker");
        String path = notifyPath(name, providerName, prefix, p, paths);
        PaymentLedger ledger = ledgers.ledgerFor(name, providerName);
        if (ledger == null) {
            throw new IllegalStateException("MerchantLedgers returned no ledger for merchant '" + name + "'");
        }
        String account = providerName + "/" + built.provider().merchantId();
        String sameAccount = accounts.putIfAbsent(account, prefix);
        if (sameAccount != null) {
            throw new ResilientPayConfigurationException(prefix + ("alipay".equals(providerName) ? ".app-id" : ".mch-id"),
                    "is also the account of " + sameAccount + "; two merchants must be two accounts (their"
                    + " ledger entries are keyed by account and order id)", null);
        }
        BreakerStateTracker tracker = new BreakerStateTracker();
        ResilientPayProperties.Ledger ledgerProperties = properties.getLedger();
        PaymentClient.Builder client = PaymentClient.builder()
                .provider(built.provider())
                .ledger(ledger)
                .policies(policies)
                .breaker(breaker)
                .listener(tracker);
        try {
            if (ledgerProperties.getInstanceId() != null) {
                client.instanceId(ledgerProperties.getInstanceId());
            }
            client.lease(ledgerProperties.getLease());
        } catch (IllegalArgumentException e) {
            throw PropertyNames.translate("resilientpay.ledger", e, Map.of());
        }
        ResilientPayProperties.Recovery recovery = properties.getRecovery();
        try {
            client.recovery(recovery.getBatch(), recovery.getConcurrency());
        } catch (IllegalArgumentException e) {
            String field = e.getMessage() != null && e.getMessage().contains("concurrency") ? "concurrency" : "batch";
            throw new ResilientPayConfigurationException("resilientpay.recovery." + field, e.getMessage(), e);
        }
        listeners.forEach(client::listener);
        for (BiFunction<String, String, PaymentListener> factory : merchantListeners) {
            PaymentListener listener = factory.apply(name, providerName);
            if (listener != null) {
                client.listener(listener);
            }
        }
        return new Merchant(name, providerName, built.provider().merchantId(), client.build(), ledger, tracker, path, built.certificates(),
                built.info(), policies, breaker, built.bills());
    }

    private String notifyPath(String name, String provider, String prefix, MerchantProperties p,
                              Map<String, String> paths) {
        String path = p.getNotifyPath();
        String property = prefix + ".notify-path";
        if (path == null) {
            String base = properties.getNotifications().getBasePath();
            if (base == null || !base.startsWith("/")) {
                throw new ResilientPayConfigurationException("resilientpay.notifications.base-path",
                        "must start with '/', was " + (base == null ? "null" : "'" + base + "'"), null);
            }
            path = (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/" + provider + "/" + name;
            property = "resilientpay.notifications.base-path";
        } else if (!path.startsWith("/") || path.contains("?") || path.contains("*") || path.contains("{")
                || path.contains(" ")) {
            throw new ResilientPayConfigurationException(property, "must be a plain path starting with '/'"
                    + " (no query, spaces or patterns), was '" + path + "'", null);
        }
        String other = paths.putIfAbsent(path, property);
        if (other != null) {
            throw new ResilientPayConfigurationException(prefix + ".notify-path", "path '" + path
                    + "' is already the notification path of another merchant (" + other + ")", null);
        }
        return path;
    }

    private static Policies policies(Policies base, Map<Operation, PolicyProperties> overrides, String prefix) {
        Policies result = base;
        for (Map.Entry<Operation, PolicyProperties> entry : overrides.entrySet()) {
            Operation operation = entry.getKey();
            try {
                result = result.with(operation, entry.getValue().applyTo(result.of(operation)));
            } catch (IllegalArgumentException e) {
                throw PropertyNames.translate(prefix + "." + PropertyNames.of(operation), e, Map.of());
            }
        }
        return result;
    }

    private static BreakerPolicy breaker(BreakerPolicy base, BreakerProperties overrides, String prefix) {
        try {
            return overrides.applyTo(base);
        } catch (IllegalArgumentException e) {
            throw PropertyNames.translate(prefix, e, Map.of());
        }
    }
}
