package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.Operation;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/** What every merchant has, whichever its provider: its notification path, policies and breaker. */
public abstract class MerchantProperties {

    /**
     * Path of this merchant's notification endpoint in this application (servlet web applications);
     * default {@code <resilientpay.notifications.base-path>/<provider>/<merchant name>}. Point the
     * merchant's notify-url at it.
     */
    private String notifyPath;

    /** Policies of this merchant's operations, laid over the shared {@code resilientpay.policies}. */
    private Map<Operation, PolicyProperties> policies = new EnumMap<>(Operation.class);

    /** This merchant's circuit breaker, laid over the shared {@code resilientpay.breaker}. */
    @NestedConfigurationProperty
    private BreakerProperties breaker = new BreakerProperties();

    /** For the provider-specific subclasses; creates properties with the defaults below. */
    protected MerchantProperties() {}

    /** {@return the notification path, or {@code null} for the default} */
    public String getNotifyPath() { return notifyPath; }

    /**
     * Sets the {@code notifyPath} property.
     *
     * @param notifyPath the notification path
     */
    public void setNotifyPath(String notifyPath) { this.notifyPath = notifyPath; }

    /** {@return policies by operation} */
    public Map<Operation, PolicyProperties> getPolicies() { return policies; }

    /**
     * Sets the {@code policies} property.
     *
     * @param policies policies by operation
     */
    public void setPolicies(Map<Operation, PolicyProperties> policies) { this.policies = policies; }

    /** {@return the breaker settings} */
    public BreakerProperties getBreaker() { return breaker; }

    /**
     * Sets the {@code breaker} property.
     *
     * @param breaker the breaker settings
     */
    public void setBreaker(BreakerProperties breaker) { this.breaker = breaker; }
}
