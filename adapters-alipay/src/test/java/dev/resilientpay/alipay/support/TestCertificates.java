package dev.resilientpay.alipay.support;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A minimal X.509 v3 certificate writer (DER by hand, JDK signatures) for certificate-mode tests:
 * subject and issuer are {@code C=CN, O=resilient-pay, CN=<name>}; CA certificates carry basic
 * constraints. Test code only.
 */
public final class TestCertificates {

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private TestCertificates() {}

    /**
     * A certificate for {@code subjectKey} named {@code subject}, signed by {@code issuerKey} as {@code issuer}.
     *
     * @param algorithm {@code SHA256withRSA} or {@code SHA256withECDSA}
     */
    public static X509Certificate issue(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey,
                                        BigInteger serial, boolean ca, Instant notBefore, Instant notAfter,
                                        String algorithm) {
        return issue(subject, subjectKey, issuer, issuerKey, serial, ca, null, notBefore, notAfter, algorithm);
    }

    /**
     * As {@link #issue(String, PublicKey, String, PrivateKey, BigInteger, boolean, Instant, Instant, String)},
     * with a critical key usage extension whose first byte of bits is {@code keyUsage} ({@code 0x80}
     * digitalSignature, {@code 0x04} keyCertSign), or none when {@code null}.
     */
    public static X509Certificate issue(String subject, PublicKey subjectKey, String issuer, PrivateKey issuerKey,
                                        BigInteger serial, boolean ca, Integer keyUsage, Instant notBefore,
                                        Instant notAfter, String algorithm) {
        byte[] algId = "SHA256withECDSA".equals(algorithm)
                ? seq(oid("1.2.840.10045.4.3.2"))
                : seq(oid("1.2.840.113549.1.1.11"), new byte[] {0x05, 0x00});
        byte[] validity = seq(tlv(0x17, UTC_TIME.format(notBefore).getBytes(StandardCharsets.US_ASCII)),
                tlv(0x17, UTC_TIME.format(notAfter).getBytes(StandardCharsets.US_ASCII)));
        byte[] basicConstraints = ca
                ? seq(oid("2.5.29.19"), new byte[] {0x01, 0x01, (byte) 0xff}, tlv(0x04, seq(new byte[] {0x01, 0x01, (byte) 0xff})))
                : new byte[0];
        byte[] usage = keyUsage == null
                ? new byte[0]
                : seq(oid("2.5.29.15"), new byte[] {0x01, 0x01, (byte) 0xff},
                        tlv(0x04, tlv(0x03, new byte[] {(byte) Integer.numberOfTrailingZeros(keyUsage), keyUsage.byteValue()})));
        byte[] extensions = ca || keyUsage != null ? tlv(0xa3, seq(basicConstraints, usage)) : new byte[0];
        byte[] tbs = seq(tlv(0xa0, tlv(0x02, new byte[] {2})), tlv(0x02, serial.toByteArray()), algId,
                name(issuer), validity, name(subject), subjectKey.getEncoded(), extensions);
        try {
            Signature s = Signature.getInstance(algorithm);
            s.initSign(issuerKey);
            s.update(tbs);
            byte[] signature = s.sign();
            byte[] bits = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bits, 1, signature.length);
            byte[] der = seq(tbs, algId, tlv(0x03, bits));
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PEM text of {@code certificates}, concatenated. */
    public static String pem(X509Certificate... certificates) {
        StringBuilder b = new StringBuilder();
        try {
            for (X509Certificate c : certificates) {
                b.append(TestSigning.pem("CERTIFICATE", c.getEncoded()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return b.toString();
    }

    private static byte[] name(String cn) {
        return seq(rdn("2.5.4.6", "CN"), rdn("2.5.4.10", "resilient-pay"), rdn("2.5.4.3", cn));
    }

    private static byte[] rdn(String type, String value) {
        return tlv(0x31, seq(oid(type), tlv(0x0c, value.getBytes(StandardCharsets.UTF_8))));
    }

    private static byte[] oid(String dotted) {
        String[] arcs = dotted.split("\\.");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(Integer.parseInt(arcs[0]) * 40 + Integer.parseInt(arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long arc = Long.parseLong(arcs[i]);
            int groups = 1;
            while ((arc >> (7 * groups)) != 0) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                out.write((int) ((arc >> (7 * g)) & 0x7f) | (g > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, out.toByteArray());
    }

    private static byte[] seq(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return tlv(0x30, out.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write((len >> 8) & 0xff);
            out.write(len & 0xff);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }
}
