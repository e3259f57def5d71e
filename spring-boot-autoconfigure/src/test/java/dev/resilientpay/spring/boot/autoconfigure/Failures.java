package dev.resilientpay.spring.boot.autoconfigure;

import org.springframework.boot.test.context.assertj.ApplicationContextAssertProvider;

/** Finds the configuration error in a failed start-up, however Spring wrapped it. */
final class Failures {

    private Failures() {}

    static ResilientPayConfigurationException configurationFailure(ApplicationContextAssertProvider<?> context) {
        Throwable failure = context.getStartupFailure();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ResilientPayConfigurationException e) {
                return e;
            }
        }
        throw new AssertionError("start-up did not fail with a ResilientPayConfigurationException", failure);
    }
}
