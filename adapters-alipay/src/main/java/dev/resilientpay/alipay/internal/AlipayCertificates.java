package dev.resilientpay.alipay.internal;

import dev.resilientpay.spi.PemKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertStore;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
     * Whether {@code leaf} chains up to one of {@code roots} through the other certificates of
     * {@code bundle}, valid at {@code now}: the JDK's PKIX path builder and validator
     * ({@link CertPathBuilder} "PKIX", which finds the path among the bundle's certificates and validates
     * it as {@code CertPathValidator} does: signatures, validity, CA basic constraints and key usage of
     * every issuer, name chaining, critical extensions). Revocation checking is off: Alipay's certificates
     * name no CRL or OCSP endpoint this library could reach from a payment call, and Alipay retires a key
     * by issuing a certificate with a new SN, which every request and response names.
     */
    public static boolean isTrusted(X509Certificate leaf, List<X509Certificate> bundle,
                                    List<X509Certificate> roots, Instant now) {
        try {
            Set<TrustAnchor> anchors = new HashSet<>();
            for (X509Certificate root : roots) {
                anchors.add(new TrustAnchor(root, null));
            }
            X509CertSelector target = new X509CertSelector();
            target.setCertificate(leaf);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, target);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(now));
            params.setMaxPathLength(MAX_CHAIN);
            List<X509Certificate> store = new ArrayList<>(bundle);
            store.add(leaf);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(store)));
            CertPathBuilder.getInstance("PKIX").build(params);
            return true;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether {@code certificate} may sign Alipay's answers and notifications: an end-entity certificate
     * (not a CA) whose key usage, when it has one, includes {@code digitalSignature}.
     */
    public static boolean isSigningCertificate(X509Certificate certificate) {
        if (certificate.getBasicConstraints() >= 0) {
            return false;
        }
        boolean[] usage = certificate.getKeyUsage();
        return usage == null || (usage.length > 0 && usage[0]);
    }

}
