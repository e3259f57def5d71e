package dev.resilientpay.spi;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Objects;

/**
 * {@code SHA256withRSA} signing and verification with keys parsed once. Thread-safe; each thread
 * reuses its own {@link Signature} engine.
 */
public final class RsaSha256 {

    private static final ThreadLocal<Signature> ENGINE = ThreadLocal.withInitial(() -> {
        try {
            return Signature.getInstance("SHA256withRSA");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA256withRSA", e);
        }
    });

    private RsaSha256() {}

    /**
     * A signer for {@code key}.
     *
     * @param key an RSA private key
     * @return a signer for {@code key}
     */
    public static Signer signer(PrivateKey key) {
        return new Signer(Objects.requireNonNull(key, "key"));
    }

    /**
     * A verifier for {@code key}.
     *
     * @param key an RSA public key
     * @return a verifier for {@code key}
     */
    public static Verifier verifier(PublicKey key) {
        return new Verifier(Objects.requireNonNull(key, "key"));
    }

    /** Signs with one private key. */
    public static final class Signer {
        private final PrivateKey key;

        private Signer(PrivateKey key) {
            this.key = key;
        }

        /**
         * The Base64 signature of the UTF-8 bytes of {@code message}.
         *
         * @param message the provider's message, or {@code null}
         * @return the Base64 signature of the UTF-8 bytes of {@code message}
         */
        public String sign(String message) {
            return sign(message.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * The Base64 signature of {@code message}.
         *
         * @param message the provider's message, or {@code null}
         * @return the Base64 signature of {@code message}
         */
        public String sign(byte[] message) {
            Signature engine = ENGINE.get();
            try {
                engine.initSign(key);
                engine.update(message);
                return Base64.getEncoder().encodeToString(engine.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("signing failed: " + e.getClass().getSimpleName());
            }
        }

        @Override
        public String toString() {
            return "RsaSha256.Signer[key=***]";
        }
    }

    /** Verifies with one public key. */
    public static final class Verifier {
        private final PublicKey key;

        private Verifier(PublicKey key) {
            this.key = key;
        }

        /**
         * Whether {@code base64Signature} is a valid signature of {@code message}. Never throws: a
         * missing, malformed (not Base64, a {@code WECHATPAY/SIGNTEST/} probe) or wrong signature is
         * {@code false}.
         *
         * @param base64Signature the signature, Base64
         * @param message the provider's message, or {@code null}
         * @return whether {@code base64Signature} is a valid signature of {@code message}
         */
        public boolean verify(byte[] message, String base64Signature) {
            if (message == null || base64Signature == null || base64Signature.isEmpty()) {
                return false;
            }
            byte[] signature;
            try {
                signature = Base64.getDecoder().decode(base64Signature.strip());
            } catch (IllegalArgumentException e) {
                return false;
            }
            Signature engine = ENGINE.get();
            try {
                engine.initVerify(key);
                engine.update(message);
                return engine.verify(signature);
            } catch (GeneralSecurityException | RuntimeException e) {
                return false;
            }
        }

        /**
         * {@link #verify(byte[], String)} over the UTF-8 bytes of {@code message}.
         *
         * @param base64Signature the signature, Base64
         * @param message the provider's message, or {@code null}
         * @return {@link #verify(byte[], String)} over the UTF-8 bytes of {@code message}
         */
        public boolean verify(String message, String base64Signature) {
            return message != null && verify(message.getBytes(StandardCharsets.UTF_8), base64Signature);
        }

        /** {@return the public key} */
        public PublicKey key() {
            return key;
        }

        @Override
        public String toString() {
            return "RsaSha256.Verifier[" + PemKeys.bits(key) + "-bit RSA]";
        }
    }
}
