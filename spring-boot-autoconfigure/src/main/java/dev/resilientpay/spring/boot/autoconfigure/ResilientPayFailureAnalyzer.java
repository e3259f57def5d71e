package dev.resilientpay.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a bad {@code resilientpay.*} property into a start-up report that names it, instead of a
 * stack trace. Registered in {@code META-INF/spring.factories}.
 */
public final class ResilientPayFailureAnalyzer extends AbstractFailureAnalyzer<ResilientPayConfigurationException> {

    /** Creates the analyzer (Spring Boot does). */
    public ResilientPayFailureAnalyzer() {}

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ResilientPayConfigurationException cause) {
        String description = "Invalid resilient-pay configuration:\n\n    Property: " + cause.property()
                + "\n    Reason:   " + cause.reason() + "\n";
        String action = "Update '" + cause.property() + "' in your application's configuration"
                + " (the resilientpay.* properties are documented in the README's Spring Boot section).";
        return new FailureAnalysis(description, action, cause);
    }
}
