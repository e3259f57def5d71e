package dev.resilientpay.testkit.internal.wechat;

import java.util.concurrent.ThreadLocalRandom;

/** Random identifiers in the shapes WeChat Pay uses (nonces, ids, serial numbers). Not for secrets' strength. */
public final class Randomness {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String DIGITS = "0123456789";
    private static final String HEX = "0123456789ABCDEF";

    private Randomness() {}

    /** {@code length} characters of {@code [A-Za-z0-9]}. */
    public static String alphanumeric(int length) {
        return pick(ALPHANUMERIC, length);
    }

    /** {@code length} decimal digits. */
    public static String digits(int length) {
        return pick(DIGITS, length);
    }

    /** {@code length} uppercase hexadecimal digits. */
    public static String hex(int length) {
        return pick(HEX, length);
    }

    private static String pick(String alphabet, int length) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
