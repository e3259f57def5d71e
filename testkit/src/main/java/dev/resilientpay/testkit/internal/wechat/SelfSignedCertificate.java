package dev.resilientpay.testkit.internal.wechat;

import dev.resilientpay.testkit.internal.crypto.Sha256WithRsa;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * Builds a self-signed X.509 v3 certificate (SHA256withRSA) with {@code java.security} only, the way
 * a platform certificate looks to a merchant: subject and issuer "Tenpay.com", a 20-byte serial
 * number and a critical keyUsage of digitalSignature. The result is parsed back with the JDK's
 * {@link CertificateFactory}, so an encoding mistake fails here rather than in a client.
 */
public final class SelfSignedCertificate {

    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final String COUNTRY = "2.5.4.6";
    private static final String ORGANIZATION = "2.5.4.10";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String KEY_USAGE = "2.5.29.15";
    /** keyUsage BIT STRING: 7 unused bits, digitalSignature (bit 0) set. */
    private static final byte[] DIGITAL_SIGNATURE_ONLY = {0x03, 0x02, 0x07, (byte) 0x80};

    private SelfSignedCertificate() {}

    /** Builds, signs with {@code keys}' private key and parses the certificate. */
    public static X509Certificate create(KeyPair keys, BigInteger serial, String commonName,
                                         Instant notBefore, Instant notAfter) {
        byte[] algorithm = Der.sequence(Der.oid(SHA256_WITH_RSA), Der.nullValue());
        byte[] name = Der.sequence(
                Der.set(Der.sequence(Der.oid(COUNTRY), Der.printableString("CN"))),
                Der.set(Der.sequence(Der.oid(ORGANIZATION), Der.utf8String("Tenpay.com"))),
                Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8String(commonName))));
        byte[] extensions = Der.explicit(3, Der.sequence(
                Der.sequence(Der.oid(KEY_USAGE), Der.bool(true), Der.octetString(DIGITAL_SIGNATURE_ONLY))));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)),
                Der.integer(serial),
                algorithm,
                name,
                Der.sequence(Der.time(notBefore), Der.time(notAfter)),
                name,
                keys.getPublic().getEncoded(),
                extensions);
        try {
            byte[] signature = Sha256WithRsa.signature(keys.getPrivate(), tbs);
            byte[] certificate = Der.sequence(tbs, algorithm, Der.bitString(signature));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a self-signed certificate", e);
        }
    }
}
