package dev.resilientpay.testkit.internal.wechat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * RSA-2048 key pairs generated once per JVM and shared by every simulator: generating a key takes
 * up to a few hundred milliseconds, which would dominate a test suite that starts many simulators.
 * Index {@code i} always returns the same pair within one JVM.
 */
public final class KeyPool {

    /** The merchant API key. */
    public static final int MERCHANT = 0;
    /** The WeChat Pay public key (public-key mode). */
    public static final int PLATFORM_PUBLIC_KEY = 1;
    /** The first platform certificate's key. */
    public static final int FIRST_CERTIFICATE = 2;
    /** A key nobody trusts, for forged signatures. */
    public static final int FORGER = 3;
    /** The first index handed out to rotated certificates. */
    public static final int FIRST_ROTATION = 4;

    private static final Map<Integer, KeyPair> PAIRS = new ConcurrentHashMap<>();

    private KeyPool() {}

    /** The pair at {@code index}, generated on first use (only the indexes used are ever generated). */
    public static KeyPair rsa2048(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, was " + index);
        }
        return PAIRS.computeIfAbsent(index, i -> generate());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }
}
