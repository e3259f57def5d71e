package dev.resilientpay.testkit.internal.alipay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** Alipay RSA2: SHA256withRSA over the UTF-8 bytes of a text, Base64 signature. */
public final class Sha256WithRsa {

    private static final String ALGORITHM = "SHA256withRSA";

    private Sha256WithRsa() {
    }

    /** The Base64 RSA2 signature of {@code content}. */
    public static String sign(PrivateKey key, String content) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA256withRSA signing failed", e);
        }
    }

    /** Whether {@code base64Signature} is a valid RSA2 signature of {@code content}; false for garbage. */
    public static boolean verify(PublicKey key, String content, String base64Signature) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64Signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return signature.verify(raw);
        } catch (GeneralSecurityException e) {
            return false;
        }
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
