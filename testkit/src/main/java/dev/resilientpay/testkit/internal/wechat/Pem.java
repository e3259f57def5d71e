package dev.resilientpay.testkit.internal.wechat;

import java.security.Key;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** PEM text for keys (PKCS#8, SubjectPublicKeyInfo) and certificates, 64 characters a line. */
public final class Pem {

    private static final Base64.Encoder MIME = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

    private Pem() {}

    /** {@code -----BEGIN PRIVATE KEY-----} for a PKCS#8 key, {@code PUBLIC KEY} for an X.509 one. */
    public static String of(Key key) {
        String label = "PKCS#8".equals(key.getFormat()) ? "PRIVATE KEY" : "PUBLIC KEY";
        return wrap(label, key.getEncoded());
    }

    /** {@code -----BEGIN CERTIFICATE-----}. */
    public static String of(X509Certificate certificate) {
        try {
            return wrap("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate", e);
        }
    }

    private static String wrap(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + MIME.encodeToString(der) + "\n-----END " + label + "-----\n";
    }
}
