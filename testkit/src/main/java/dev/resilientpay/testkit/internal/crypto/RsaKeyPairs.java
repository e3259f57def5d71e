package dev.resilientpay.testkit.internal.crypto;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RSA-2048 key pairs, shared by every simulator in the JVM: generating a key takes up to a few
 * hundred milliseconds, which would dominate a test suite that starts many simulators. A named
 * slot always returns the same pair within one JVM and is generated only when first asked for.
 * Fresh pairs are available for tests that need keys no other simulator shares.
 */
public final class RsaKeyPairs {

    private static final Map<String, KeyPair> SHARED = new ConcurrentHashMap<>();

    private RsaKeyPairs() {
    }

    /** The pair in {@code slot}, generated on first use, exactly once per JVM. */
    public static KeyPair shared(String slot) {
        return SHARED.computeIfAbsent(slot, s -> fresh());
    }

    /** A newly generated RSA-2048 key pair. */
    public static KeyPair fresh() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is missing from this JVM", e);
        }
    }
}
