package dev.resilientpay.testkit.internal.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * PEM text for RSA keys (PKCS#8, SubjectPublicKeyInfo) and certificates, 64 characters a line,
 * written and read with the JDK only: the simulators must not share key handling with the library
 * they test.
 */
public final class Pem {

    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";
    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private Pem() {
    }

    /** {@code -----BEGIN PRIVATE KEY-----} for a PKCS#8 key, {@code PUBLIC KEY} for an X.509 one. */
    public static String of(Key key) {
        return wrap("PKCS#8".equals(key.getFormat()) ? PRIVATE : PUBLIC, key.getEncoded());
    }

    /** {@code -----BEGIN CERTIFICATE-----}. */
    public static String of(X509Certificate certificate) {
        try {
            return wrap("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    /**
     * Reads a PKCS#8 RSA private key from PEM or bare Base64.
     *
     * @throws IllegalArgumentException naming {@code field} when the text is not a PKCS#8 RSA key
     */
    public static PrivateKey privateKey(String text, String field) {
        byte[] der = unwrap(text, PRIVATE, field);
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
        byte[] der = unwrap(text, PUBLIC, field);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(field + " must be an RSA public key in X.509 form", e);
        }
    }

    private static String wrap(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + MIME.encodeToString(der) + "\n-----END " + label + "-----\n";
    }

    private static byte[] unwrap(String text, String label, String field) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        String body = text.strip();
        if (body.startsWith("-----BEGIN ")) {
            String header = "-----BEGIN " + label + "-----";
            String footer = "-----END " + label + "-----";
            if (!body.startsWith(header) || !body.contains(footer)) {
                String found = body.substring(0, Math.min(body.indexOf('\n') < 0 ? body.length() : body.indexOf('\n'), 40));
                throw new IllegalArgumentException(field + " must be PEM of type " + label + ", found " + found);
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
