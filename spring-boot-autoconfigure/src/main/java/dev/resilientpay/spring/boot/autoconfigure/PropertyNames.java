package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.Operation;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the library's {@link IllegalArgumentException}s, whose messages start with the builder field
 * they concern ({@code "appId must be 1 to 32 digits"}), into {@link ResilientPayConfigurationException}s
 * naming the Spring property ({@code resilientpay.alipay.merchants.shop.app-id}).
 */
final class PropertyNames {

    private static final Pattern LEADING_FIELD = Pattern.compile("^([a-z][A-Za-z0-9]*)\\b");

    private PropertyNames() {}

    /** {@code maxAttempts} → {@code max-attempts}, {@code apiV3Key} → {@code api-v3-key}. */
    static String kebab(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 8);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean boundary = i > 0 && (Character.isUpperCase(c)
                    || (Character.isDigit(c) && !Character.isDigit(camel.charAt(i - 1))));
            if (boundary) {
                out.append('-');
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /** {@code PAY_BY_CODE} → {@code pay-by-code}, as the policies map keys are written. */
    static String of(Operation operation) {
        return operation.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * @param prefix  the property prefix the builder's fields live under (ending without a dot)
     * @param e       the library's exception
     * @param renamed builder fields whose property is not just their kebab-case name
     * @return the exception naming the property
     */
    static ResilientPayConfigurationException translate(String prefix, IllegalArgumentException e,
                                                        Map<String, String> renamed) {
        String message = String.valueOf(e.getMessage());
        Matcher m = LEADING_FIELD.matcher(message);
        String property = prefix;
        if (m.find()) {
            String field = m.group(1);
            property = prefix + "." + renamed.getOrDefault(field, kebab(field));
        }
        return new ResilientPayConfigurationException(property, message, e);
    }
}
