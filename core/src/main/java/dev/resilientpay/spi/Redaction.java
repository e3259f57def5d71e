package dev.resilientpay.spi;

/** Shortens secrets and signatures for logs and messages so that they can be recognised but not used. */
public final class Redaction {

    private Redaction() {}

    /**
     * The first 6 characters of {@code secret} and its length, e.g. {@code "Vx3kQ9…(344 chars)"};
     * {@code "(none)"} for null or empty.
     *
     * @param secret the first 6 characters of {@code secret} and its length, e.g
     * @return the first 6 characters of {@code secret} and its length, e.g
     */
    public static String abbreviate(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "(none)";
        }
        int shown = Math.min(6, secret.length() / 4);
        return secret.substring(0, shown) + "…(" + secret.length() + " chars)";
    }
}
