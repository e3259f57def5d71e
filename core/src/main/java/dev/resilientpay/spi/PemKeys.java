package dev.resilientpay.spi;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Loads RSA keys and X.509 certificates from PEM text or bare Base64, once, at configuration time.
 * Every error is an {@link IllegalArgumentException} that names the configuration field and says
 * what is wrong and how to fix it; no error message contains key material.
 */
public final class PemKeys {

    /**
     * The longest text read, checked before anything is decoded: a key is under 4 KiB and a certificate
     * chain a few KiB, so anything longer is the wrong file (and would only cost time to parse).
     */
    public static final int MAX_TEXT_CHARS = 256 * 1024;

    private PemKeys() {}

    /**
     * An RSA private key from PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) or the bare Base64 of
     * PKCS#8 DER (what the Alipay tools print).
     *
     * @param text an RSA private key from PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) or the bare Base64 of PKCS#8 DER (what the Alipay tools print)
     * @return an RSA private key from PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) or the bare Base64 of PKCS#8 DER (what the Alipay tools print)
     * @param field the configuration field, named in errors
     */
    public static PrivateKey rsaPrivateKey(String field, String text) {
        String body = body(field, text);
        if (text.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalArgumentException(field + " is a PKCS#1 key (BEGIN RSA PRIVATE KEY); PKCS#8 is"
                    + " required: convert it with 'openssl pkcs8 -topk8 -nocrypt -in key.pem'");
        }
        if (text.contains("ENCRYPTED PRIVATE KEY")) {
            throw new IllegalArgumentException(field + " is encrypted; an unencrypted PKCS#8 key is required");
        }
        if (text.contains("BEGIN PUBLIC KEY") || text.contains("BEGIN CERTIFICATE")) {
            throw new IllegalArgumentException(field + " holds a public key or certificate, not a private key");
        }
        byte[] der = base64(field, body);
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException | RuntimeException e) {
            if (looksLikePkcs1(der)) {
                throw new IllegalArgumentException(field + " is a PKCS#1 key; PKCS#8 is required: convert it with"
                        + " 'openssl pkcs8 -topk8 -nocrypt -in key.pem'");
            }
            throw new IllegalArgumentException(field + " is not an RSA private key in PKCS#8 form");
        }
    }

    /**
     * An RSA public key from X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare
     * Base64 of its DER, or the key of a PEM certificate.
     *
     * @param text an RSA public key from X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare Base64 of its DER, or the key of a PEM certificate
     * @return an RSA public key from X.509 SubjectPublicKeyInfo PEM ({@code -----BEGIN PUBLIC KEY-----}) or bare Base64 of its DER, or the key of a PEM certificate
     * @param field the configuration field, named in errors
     */
    public static PublicKey rsaPublicKey(String field, String text) {
        String body = body(field, text);
        if (text.contains("BEGIN CERTIFICATE")) {
            return certificate(field, text).getPublicKey();
        }
        if (text.contains("PRIVATE KEY")) {
            throw new IllegalArgumentException(field + " holds a private key; the public key is required here");
        }
        byte[] der = base64(field, body);
        try {
            PublicKey key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            if (!(key instanceof RSAPublicKey)) {
                throw new IllegalArgumentException(field + " is not an RSA public key");
            }
            return key;
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException(field + " is not an RSA public key (X.509 SubjectPublicKeyInfo)");
        }
    }

    /**
     * One X.509 certificate from PEM text.
     *
     * @param pem PEM text
     * @return one X.509 certificate from PEM text
     * @param field the configuration field, named in errors
     */
    public static X509Certificate certificate(String field, String pem) {
        List<X509Certificate> all = certificates(field, pem);
        return all.get(0);
    }

    /**
     * Every X.509 certificate in PEM text (a chain or a bundle), in order.
     *
     * @param pem PEM text
     * @return every X.509 certificate in PEM text (a chain or a bundle), in order
     * @param field the configuration field, named in errors
     */
    public static List<X509Certificate> certificates(String field, String pem) {
        body(field, pem);
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException(field + " holds no certificate");
            }
            return List.copyOf(out);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(field + " is not a PEM X.509 certificate");
        }
    }

    /**
     * Whether {@code publicKey} is the public half of {@code privateKey} (both RSA).
     *
     * @param privateKey an RSA private key
     * @param publicKey an RSA public key
     * @return whether {@code publicKey} is the public half of {@code privateKey} (both RSA)
     */
    public static boolean isPairOf(PublicKey publicKey, PrivateKey privateKey) {
        if (publicKey instanceof RSAPublicKey pub && privateKey instanceof RSAPrivateCrtKey priv) {
            return pub.getModulus().equals(priv.getModulus())
                    && pub.getPublicExponent().equals(priv.getPublicExponent());
        }
        return false;
    }

    /**
     * The modulus size in bits of an RSA key.
     *
     * @param key an RSA key
     * @return the modulus size in bits of an RSA key
     */
    public static int bits(PublicKey key) {
        return key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : 0;
    }

    private static String body(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_TEXT_CHARS + " characters of PEM or"
                    + " Base64, was " + text.length() + ": is it the right file?");
        }
        StringBuilder b = new StringBuilder(text.length());
        for (String line : text.split("\r?\n|\r")) {
            String l = line.strip();
            if (!l.startsWith("-----") && !l.isEmpty() && !l.contains(":")) {
                b.append(l);
            }
        }
        return b.toString();
    }

    private static byte[] base64(String field, String body) {
        try {
            return Base64.getMimeDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is neither PEM nor Base64");
        }
    }

    /** PKCS#1 RSAPrivateKey is SEQUENCE { INTEGER 0, INTEGER n, ... }: the second element is a big INTEGER. */
    private static boolean looksLikePkcs1(byte[] der) {
        // SEQUENCE, length, INTEGER(0) = 02 01 00, then INTEGER n (02 82 ...); PKCS#8 has a SEQUENCE (30) there.
        int i = 0;
        if (der.length < 8 || der[i++] != 0x30) {
            return false;
        }
        int lenByte = der[i++] & 0xff;
        i += lenByte > 0x80 ? lenByte - 0x80 : 0;
        return i + 4 < der.length && der[i] == 0x02 && der[i + 1] == 0x01 && der[i + 2] == 0x00 && der[i + 3] == 0x02;
    }
}
