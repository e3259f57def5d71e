package dev.resilientpay.testkit.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * SHA256withRSA, the signature both gateways use in both directions: Alipay RSA2 over the UTF-8
 * bytes of a text, WeChat Pay v3 over raw message bytes, each with a standard Base64 signature.
 */
public final class Sha256WithRsa {

    private static final String ALGORITHM = "SHA256withRSA";

    private Sha256WithRsa() {
    }

    /** The raw signature of {@code message}. */
    public static byte[] signature(PrivateKey key, byte[] message) {
        try {
            Signature signer = Signature.getInstance(ALGORITHM);
            signer.initSign(key);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA signing failed", e);
        }
    }

    /** The Base64 signature of {@code message}. */
    public static String sign(PrivateKey key, byte[] message) {
        return Base64.getEncoder().encodeToString(signature(key, message));
    }

    /** The Base64 signature of the UTF-8 bytes of {@code content}. */
    public static String sign(PrivateKey key, String content) {
        return sign(key, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@code base64Signature} signs {@code message}; false (never an exception) for garbage. */
    public static boolean verify(PublicKey key, byte[] message, String base64Signature) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Signature);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(raw);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Whether {@code base64Signature} signs the UTF-8 bytes of {@code content}; false for garbage. */
    public static boolean verify(PublicKey key, String content, String base64Signature) {
        return verify(key, content.getBytes(StandardCharsets.UTF_8), base64Signature);
    }

    /**
     * {@code base64Signature} with one bit of its signature flipped: well-formed Base64 of the right
     * length that verifies against nothing, the kind of damage a broken proxy or a forger produces.
     */
    public static String corrupt(String base64Signature) {
        byte[] raw = Base64.getDecoder().decode(base64Signature);
        raw[raw.length / 2] ^= 0x01;
        return Base64.getEncoder().encodeToString(raw);
    }
}
