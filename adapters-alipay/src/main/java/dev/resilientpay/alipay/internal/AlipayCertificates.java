package dev.resilientpay.alipay.internal;

import dev.resilientpay.spi.PemKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.StringJoiner;

/**
 * Certificate-mode arithmetic: Alipay's certificate "SN" and the trust check of an Alipay
 * certificate against the configured root bundle. JDK only.
 */
public final class AlipayCertificates {

    /** Signature algorithms of the RSA family ({@code sha256WithRSAEncryption} and siblings). */
    private static final String RSA_SIGNATURE_OID_PREFIX = "1.2.840.113549.1.1";

    private static final int MAX_CHAIN = 5;

    private AlipayCertificates() {}

    /**
     * Alipay's SN of a certificate: MD5 of the issuer name (RFC 2253, as
     * {@code getIssuerX500Principal().getName()} prints it) followed by the decimal serial number,
     * as 32 lower-case hex digits.
     */
    public static String sn(X509Certificate certificate) {
        String input = certificate.getIssuerX500Principal().getName() + certificate.getSerialNumber();
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(input.getBytes(StandardCharsets.UTF_8));
            String hex = new BigInteger(1, digest).toString(16);
            return "0".repeat(32 - hex.length()) + hex;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }

    /** {@code alipay_root_cert_sn}: the SNs of the RSA-signed certificates of the bundle joined with {@code _}. */
    public static String rootSn(List<X509Certificate> roots) {
        StringJoiner joined = new StringJoiner("_");
        for (X509Certificate c : roots) {
            if (c.getSigAlgOID().startsWith(RSA_SIGNATURE_OID_PREFIX)) {
                joined.add(sn(c));
            }
        }
        return joined.toString();
    }

    /**
     * The certificates of a PEM bundle one block at a time, skipping blocks the JDK cannot read
     * (Alipay's root bundle also holds an SM2 root, which only the RSA-less national algorithms use).
     *
     * @param field the configuration field, named in errors
     * @throws IllegalArgumentException if no block is a readable certificate
     */
    public static List<X509Certificate> readBundle(String field, String pem) {
        if (pem == null || pem.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        List<X509Certificate> out = new ArrayList<>();
        String end = "-----END CERTIFICATE-----";
        int from = 0;
        while (true) {
            int begin = pem.indexOf("-----BEGIN CERTIFICATE-----", from);
            if (begin < 0) {
                break;
            }
            int stop = pem.indexOf(end, begin);
            if (stop < 0) {
                break;
            }
            from = stop + end.length();
            try {
                out.add(PemKeys.certificate(field, pem.substring(begin, from)));
            } catch (IllegalArgumentException unreadable) {
                // not an RSA-family certificate the JDK can parse: not usable for RSA2 anyway
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(field + " holds no readable PEM X.509 certificate");
        }
        return List.copyOf(out);
    }

    /** The end-entity certificate of a chain: the first that is not a CA, else the first. */
    public static X509Certificate leaf(List<X509Certificate> chain) {
        for (X509Certificate c : chain) {
            if (c.getBasicConstraints() < 0) {
                return c;
            }
        }
        return chain.get(0);
    }

    /**
     * Whether {@code leaf} chains up to one of {@code roots} through {@code intermediates}, every
     * certificate on the way valid at {@code now} and signed by the next.
     */
    public static boolean isTrusted(X509Certificate leaf, List<X509Certificate> intermediates,
                                    List<X509Certificate> roots, Instant now) {
        X509Certificate current = leaf;
        Date at = Date.from(now);
        for (int depth = 0; depth < MAX_CHAIN; depth++) {
            if (!validAt(current, at)) {
                return false;
            }
            for (X509Certificate root : roots) {
                if (root.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && validAt(root, at) && signedBy(current, root)) {
                    return true;
                }
            }
            X509Certificate next = null;
            for (X509Certificate candidate : intermediates) {
                if (candidate != current && candidate.getBasicConstraints() >= 0
                        && candidate.getSubjectX500Principal().equals(current.getIssuerX500Principal())
                        && signedBy(current, candidate)) {
                    next = candidate;
                    break;
                }
            }
            if (next == null) {
                return false;
            }
            current = next;
        }
        return false;
    }

    private static boolean validAt(X509Certificate c, Date at) {
        try {
            c.checkValidity(at);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean signedBy(X509Certificate child, X509Certificate issuer) {
        try {
            child.verify(issuer.getPublicKey());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
