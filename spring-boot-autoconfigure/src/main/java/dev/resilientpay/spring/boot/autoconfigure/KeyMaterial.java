package dev.resilientpay.spring.boot.autoconfigure;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import org.springframework.core.io.Resource;

/** Reads a key or certificate given inline or as a file; the errors name the property, never the content. */
final class KeyMaterial {

    /** Keys and certificates are a few KiB; a bigger file is a wrong path, not a key. */
    private static final int MAX_BYTES = 256 * 1024;

    private KeyMaterial() {}

    /**
     * @param prefix   the merchant's property prefix
     * @param property the inline property's name ({@code merchant-private-key}); the file's is that + {@code -location}
     * @param inline   the inline value, or {@code null}
     * @param location the file, or {@code null}
     * @return the text, or {@code null} when neither is set
     */
    static String read(String prefix, String property, String inline, Resource location) {
        if (inline != null && location != null) {
            throw new ResilientPayConfigurationException(prefix + "." + property,
                    "set either " + property + " or " + property + "-location, not both", null);
        }
        if (location == null) {
            return inline;
        }
        String name = prefix + "." + property + "-location";
        if (!location.exists()) {
            throw new ResilientPayConfigurationException(name, "file not found: " + location.getDescription(), null);
        }
        try (InputStream in = location.getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new ResilientPayConfigurationException(name, "file is larger than " + MAX_BYTES
                        + " bytes; a key or certificate is a few KiB: " + location.getDescription(), null);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ResilientPayConfigurationException(name, "cannot read " + location.getDescription() + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    /** @return the property that supplied the value, for error messages */
    static String sourceOf(String property, Resource location) {
        return location != null ? property + "-location" : property;
    }

    /**
     * The expiry of the first certificate of a PEM bundle (the leaf, as the providers ship them).
     *
     * @return its notAfter, or {@code null} when {@code pem} is {@code null} or holds no certificate
     */
    static Instant firstExpiry(String pem) {
        if (pem == null) {
            return null;
        }
        try {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            for (Certificate certificate : certificates) {
                if (certificate instanceof X509Certificate x509) {
                    return x509.getNotAfter().toInstant();
                }
            }
            return null;
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
