package dev.resilientpay.testkit.internal.alipay;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * PEM text for RSA keys, written and read with the JDK only: the simulator must not share key
 * handling with the library it tests.
 */
public final class PemText {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private PemText() {
    }

    /** PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) of {@code key}. */
    public static String privateKeyPem(PrivateKey key) {
        return encode(PRIVATE, key.getEncoded());
    }

    /** X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}) of {@code key}. */
    public static String publicKeyPem(PublicKey key) {
        return encode(PUBLIC, key.getEncoded());
    }

    /**
     * Reads a PKCS#8 RSA private key from PEM or bare Base64.
     *
     * @throws IllegalArgumentException naming {@code field} when the text is not a PKCS#8 RSA key
     */
    public static PrivateKey privateKey(String text, String field) {
        byte[] der = decode(text, PRIVATE, field);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(field + " must be an RSA private key in PKCS#8 form", e);
        }
    }

    /**
     * Reads an X.509 RSA public key from PEM or bare Base64.
     *
     * @throws IllegalArgumentException naming {@code field} when the text is not an X.509 RSA key
     */
    public static PublicKey publicKey(String text, String field) {
        byte[] der = decode(text, PUBLIC, field);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(field + " must be an RSA public key in X.509 form", e);
        }
    }

    private static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static byte[] decode(String text, String type, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        String body = text.strip();
        if (body.startsWith("-----BEGIN ")) {
            String header = "-----BEGIN " + type + "-----";
            String footer = "-----END " + type + "-----";
            if (!body.startsWith(header) || !body.contains(footer)) {
                String found = body.substring(0, Math.min(body.indexOf('\n') < 0 ? body.length() : body.indexOf('\n'), 40));
                throw new IllegalArgumentException(field + " must be PEM of type " + type + ", found " + found);
            }
            body = body.substring(header.length(), body.indexOf(footer));
        }
        try {
            return Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " must be PEM or Base64 text", e);
        }
    }
}
