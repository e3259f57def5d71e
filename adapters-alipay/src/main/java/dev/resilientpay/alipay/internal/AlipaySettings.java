package dev.resilientpay.alipay.internal;

import dev.resilientpay.spi.Redaction;
import dev.resilientpay.spi.RsaSha256;
import dev.resilientpay.transport.GatewayHttp;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import javax.security.auth.x500.X500Principal;
import okhttp3.HttpUrl;

/**
 * A validated configuration with its keys parsed, as the internals use it. Built once by
 * {@code AlipayConfig}; never printed with secrets.
 *
 * @param appId        the app id
 * @param signer       signs requests with the merchant private key
 * @param alipayKey    verifies responses and notifications (the Alipay public key, or the key of the
 *                     configured Alipay public certificate)
 * @param certificates certificate-mode data, or {@code null} in public-key mode
 * @param gatewayUrl   the gateway endpoint
 * @param appAuthToken ISV token, or {@code null}
 * @param notifyUrl    default notify URL, or {@code null}
 * @param sellerId     the merchant's Alipay user id notifications must name in {@code seller_id}, or {@code null}
 * @param http         the transport
 * @param clock        the clock for request timestamps and certificate validity
 */
public record AlipaySettings(
        String appId,
        AlipayRequestSigner signer,
        RsaSha256.Verifier alipayKey,
        CertificateMode certificates,
        HttpUrl gatewayUrl,
        String appAuthToken,
        String notifyUrl,
        String sellerId,
        GatewayHttp http,
        Clock clock) {

    /** Validates the required parts. */
    public AlipaySettings {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(alipayKey, "alipayKey");
        Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * Certificate-mode data.
     *
     * @param appCertSn           {@code app_cert_sn} sent with every request
     * @param rootCertSn          {@code alipay_root_cert_sn} sent with every request
     * @param alipayCertSn        SN of the configured Alipay public certificate
     * @param alipaySubject       subject of the configured Alipay public certificate: a downloaded Alipay
     *                            certificate must carry the same one
     * @param roots               the trusted Alipay root certificates
     */
    public record CertificateMode(String appCertSn, String rootCertSn, String alipayCertSn,
                                  X500Principal alipaySubject, List<X509Certificate> roots) {
        /** Copies the roots. */
        public CertificateMode {
            Objects.requireNonNull(alipaySubject, "alipaySubject");
            roots = List.copyOf(roots);
        }

        @Override
        public String toString() {
            return "CertificateMode[appCertSn=" + appCertSn + ", alipayCertSn=" + alipayCertSn + "]";
        }
    }

    @Override
    public String toString() {
        return "AlipaySettings[appId=" + appId + ", gateway=" + gatewayUrl + ", mode="
                + (certificates == null ? "public-key" : certificates) + ", appAuthToken="
                + Redaction.abbreviate(appAuthToken) + ", notifyUrl=" + notifyUrl + ", sellerId=" + sellerId + "]";
    }
}
