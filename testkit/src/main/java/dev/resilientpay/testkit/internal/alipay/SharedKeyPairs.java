package dev.resilientpay.testkit.internal.alipay;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;

/**
 * RSA-2048 key pairs generated once per JVM: key generation costs ~100 ms, and a test run starts
 * many simulators. Fresh pairs are available for tests that need keys no other simulator shares.
 */
public final class SharedKeyPairs {

    private SharedKeyPairs() {
    }

    /** The app (merchant) key pair every simulator uses unless given another. */
    public static KeyPair app() {
        return Holder.APP;
    }

    /** The gateway key pair every simulator uses unless given another. */
    public static KeyPair gateway() {
        return Holder.GATEWAY;
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

    /** Lazy: the pairs are generated on first use, by the class loader's lock, exactly once. */
    private static final class Holder {
        static final KeyPair APP = fresh();
        static final KeyPair GATEWAY = fresh();
    }
}
