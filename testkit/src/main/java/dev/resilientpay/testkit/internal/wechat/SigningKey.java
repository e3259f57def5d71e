package dev.resilientpay.testkit.internal.wechat;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * One key the simulated gateway signs with: the WeChat Pay public key ({@code id} = {@code PUB_KEY_ID_…},
 * no certificate) or a platform certificate's key ({@code id} = the certificate's serial number).
 *
 * @param id          what the gateway puts in {@code Wechatpay-Serial}
 * @param keys        the key pair
 * @param certificate the platform certificate, or {@code null} for the public key
 */
public record SigningKey(String id, KeyPair keys, X509Certificate certificate) {

    /** Validates the components. */
    public SigningKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(keys, "keys");
    }

    /** Whether this is a platform certificate (rather than the WeChat Pay public key). */
    public boolean isCertificate() {
        return certificate != null;
    }

    @Override
    public String toString() {
        return "SigningKey[" + id + (isCertificate() ? ", certificate" : ", public key") + "]";
    }
}
