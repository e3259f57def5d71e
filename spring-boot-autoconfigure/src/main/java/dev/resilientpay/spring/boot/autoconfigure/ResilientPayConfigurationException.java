package dev.resilientpay.spring.boot.autoconfigure;

/**
 * A {@code resilientpay.*} property breaks a rule: thrown at start-up, before anything is sent. The
 * failure analyzer turns it into a report that names the property. The message holds no secret
 * (the library's own messages never quote a key).
 */
public final class ResilientPayConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The full name of the offending property. */
    private final String property;
    /** The rule the property breaks. */
    private final String reason;

    /**
     * An exception naming the property and the rule it breaks.
     *
     * @param property the full property name, e.g. {@code resilientpay.alipay.merchants.shop.app-id}
     * @param reason   the rule it breaks
     * @param cause    the library's exception, or {@code null}
     */
    public ResilientPayConfigurationException(String property, String reason, Throwable cause) {
        super(property + ": " + reason, cause);
        this.property = property;
        this.reason = reason;
    }

    /** {@return the full name of the offending property} */
    public String property() {
        return property;
    }

    /** {@return the rule the property breaks} */
    public String reason() {
        return reason;
    }
}
