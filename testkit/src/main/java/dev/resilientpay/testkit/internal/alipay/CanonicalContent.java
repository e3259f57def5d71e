package dev.resilientpay.testkit.internal.alipay;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Alipay string to sign: the parameters minus the excluded names and minus empty or
 * whitespace-only values ({@link Character#isWhitespace}: U+3000 counts, U+00A0 does not), sorted by
 * key (UTF-16 code units), joined as raw {@code key=value} pairs with {@code &}, nothing encoded.
 */
public final class CanonicalContent {

    private CanonicalContent() {
    }

    /** The canonical content of {@code parameters} without the names in {@code excluded}. */
    public static String of(Map<String, String> parameters, Set<String> excluded) {
        TreeMap<String, String> sorted = new TreeMap<>();
        parameters.forEach((key, value) -> {
            if (!excluded.contains(key) && !isBlank(value)) {
                sorted.put(key, value);
            }
        });
        StringBuilder content = new StringBuilder();
        sorted.forEach((key, value) -> {
            if (content.length() > 0) {
                content.append('&');
            }
            content.append(key).append('=').append(value);
        });
        return content.toString();
    }

    /** Whether a value is left out of the string to sign: null, empty, or whitespace only. */
    public static boolean isBlank(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!Character.isWhitespace(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
