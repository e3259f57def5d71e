package dev.resilientpay.alipay.internal;

import dev.resilientpay.spi.RsaSha256;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Signs gateway requests the way Alipay checks them (RSA2): every sent parameter except {@code sign},
 * without empty or whitespace-only values, sorted by key, joined raw as {@code k=v&k=v}, and signed as
 * UTF-8 with SHA256withRSA. Thread-safe; the key is parsed once by the caller.
 */
public final class AlipayRequestSigner {

    private static final Set<String> REQUEST_EXCLUDED = Set.of("sign");

    private final RsaSha256.Signer signer;

    /** A signer with the merchant (app) private key. */
    public AlipayRequestSigner(PrivateKey merchantPrivateKey) {
        this.signer = RsaSha256.signer(merchantPrivateKey);
    }

    /** The Base64 RSA2 signature of {@code params} (which may contain {@code sign}: it is left out). */
    public String sign(Map<String, String> params) {
        return signer.sign(stringToSign(params));
    }

    /** The canonical request string of {@code params}. */
    public static String stringToSign(Map<String, String> params) {
        return canonical(params, REQUEST_EXCLUDED);
    }

    /**
     * {@code k=v} pairs joined with {@code &}, sorted by key (UTF-16 code units, as {@link String#compareTo}),
     * raw values, leaving out the {@code excluded} keys and every value that is empty or made only of
     * whitespace as {@link Character#isWhitespace(int)} defines it (U+3000 is whitespace, U+00A0 is not).
     */
    public static String canonical(Map<String, String> params, Set<String> excluded) {
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey() != null && !excluded.contains(e.getKey()) && !isBlank(e.getValue())) {
                sorted.put(e.getKey(), e.getValue());
            }
        }
        StringBuilder b = new StringBuilder(256);
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    /** Empty, or only {@link Character#isWhitespace(int)} code points. */
    static boolean isBlank(String value) {
        if (value == null) {
            return true;
        }
        return value.codePoints().allMatch(Character::isWhitespace);
    }

    @Override
    public String toString() {
        return "AlipayRequestSigner[RSA2, key=***]";
    }
}
