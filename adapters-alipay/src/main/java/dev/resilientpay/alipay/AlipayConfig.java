package dev.resilientpay.alipay;

import dev.resilientpay.alipay.internal.AlipayCertificates;
import dev.resilientpay.alipay.internal.AlipayRequestSigner;
import dev.resilientpay.alipay.internal.AlipaySettings;
import dev.resilientpay.spi.PemKeys;
import dev.resilientpay.spi.Redaction;
import dev.resilientpay.spi.RsaSha256;
import dev.resilientpay.transport.GatewayHttp;
import dev.resilientpay.transport.GatewayUrls;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The settings of one Alipay app, validated and with every key parsed when {@link Builder#build()}
 * runs, so that a wrong key or URL fails at start-up, not at the first payment. Immutable and
 * thread-safe; {@link #toString()} holds no secret.
 *
 * <p>Public-key mode:
 * <pre>{@code
 * AlipayConfig config = AlipayConfig.builder()
 *         .appId("2021000000000000")
 *         .merchantPrivateKey(pkcs8Pem)          // PEM or the bare Base64 the Alipay tool prints
 *         .alipayPublicKey(alipayPublicKeyPem)   // Alipay's key, not the app's own public key
 *         .gatewayUrl(AlipayConfig.SANDBOX)
 *         .notifyUrl("https://shop.example.com/alipay/notify")
 *         .build();
 * }</pre>
 * Certificate mode replaces {@code alipayPublicKey} with {@link Builder#appCertificate},
 * {@link Builder#alipayPublicCertificate} and {@link Builder#alipayRootCertificate}.
 */
public final class AlipayConfig {

    /** The production gateway. */
    public static final String PRODUCTION = "https://openapi.alipay.com/gateway.do";

    /** The sandbox gateway (since 2023). */
    public static final String SANDBOX = "https://openapi-sandbox.dl.alipaydev.com/gateway.do";

    private static final Pattern APP_ID = Pattern.compile("[0-9]{1,32}");
    private static final Pattern SELLER_ID = Pattern.compile("2088[0-9]{12}");
    private static final Pattern NOTIFY_URL = Pattern.compile("https?://\\S{1,250}");

    private final AlipaySettings settings;

    private AlipayConfig(AlipaySettings settings) {
        this.settings = settings;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The app id. */
    public String appId() {
        return settings.appId();
    }

    /** The gateway URL. */
    public String gatewayUrl() {
        return settings.gatewayUrl().toString();
    }

    /** The default notify URL, or {@code null}. */
    public String notifyUrl() {
        return settings.notifyUrl();
    }

    /** The merchant's Alipay user id that notifications must carry in {@code seller_id}, or {@code null}. */
    public String sellerId() {
        return settings.sellerId();
    }

    /** Whether certificate mode is configured. */
    public boolean certificateMode() {
        return settings.certificates() != null;
    }

    /** {@code app_cert_sn} sent with every request in certificate mode, or {@code null}. */
    public String appCertSn() {
        return settings.certificates() == null ? null : settings.certificates().appCertSn();
    }

    /** {@code alipay_root_cert_sn} sent with every request in certificate mode, or {@code null}. */
    public String alipayRootCertSn() {
        return settings.certificates() == null ? null : settings.certificates().rootCertSn();
    }

    AlipaySettings settings() {
        return settings;
    }

    @Override
    public String toString() {
        return "AlipayConfig[appId=" + settings.appId() + ", gatewayUrl=" + settings.gatewayUrl()
                + ", mode=" + (certificateMode() ? "certificate (app_cert_sn=" + appCertSn() + ")" : "public key")
                + ", merchantPrivateKey=***, appAuthToken=" + Redaction.abbreviate(settings.appAuthToken())
                + ", notifyUrl=" + settings.notifyUrl() + ", sellerId=" + settings.sellerId() + "]";
    }

    /** Builds an {@link AlipayConfig}; {@link #build()} validates every field. */
    public static final class Builder {
        private String appId;
        private String merchantPrivateKey;
        private String alipayPublicKey;
        private String appCertificate;
        private String alipayPublicCertificate;
        private String alipayRootCertificate;
        private String gatewayUrl = PRODUCTION;
        private String appAuthToken;
        private String notifyUrl;
        private String sellerId;
        private GatewayHttp gatewayHttp;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The app id: 1 to 32 digits. */
        public Builder appId(String appId) { this.appId = appId; return this; }

        /** The app (merchant) private key: PKCS#8 PEM or its bare Base64. */
        public Builder merchantPrivateKey(String pkcs8) { this.merchantPrivateKey = pkcs8; return this; }

        /** Public-key mode: the Alipay public key (PEM or bare Base64), as shown on the Open Platform. */
        public Builder alipayPublicKey(String key) { this.alipayPublicKey = key; return this; }

        /** Certificate mode: the app's public-key certificate ({@code appCertPublicKey_*.crt}, PEM). */
        public Builder appCertificate(String pem) { this.appCertificate = pem; return this; }

        /** Certificate mode: the Alipay public-key certificate ({@code alipayCertPublicKey_RSA2.crt}, PEM). */
        public Builder alipayPublicCertificate(String pem) { this.alipayPublicCertificate = pem; return this; }

        /** Certificate mode: the Alipay root certificate bundle ({@code alipayRootCert.crt}, PEM). */
        public Builder alipayRootCertificate(String pem) { this.alipayRootCertificate = pem; return this; }

        /** The gateway: {@link #PRODUCTION} (default), {@link #SANDBOX}, or a loopback simulator. */
        public Builder gatewayUrl(String url) { this.gatewayUrl = url; return this; }

        /** ISV mode: the merchant's {@code app_auth_token}. */
        public Builder appAuthToken(String token) { this.appAuthToken = token; return this; }

        /** The default notify URL, used when a request has none. */
        public Builder notifyUrl(String url) { this.notifyUrl = url; return this; }

        /**
         * The merchant's Alipay user id ({@code 2088} and 12 digits, the PID shown on the Open Platform):
         * when set, a notification whose {@code seller_id} is another account (or missing) is rejected
         * as {@code WRONG_RECIPIENT}. Optional: {@code app_id} is always checked.
         */
        public Builder sellerId(String sellerId) { this.sellerId = sellerId; return this; }

        /** A transport shared with other providers (one connection pool per process); default: a new one. */
        public Builder gatewayHttp(GatewayHttp http) { this.gatewayHttp = http; return this; }

        /** The clock for request timestamps and certificate validity; default: the system clock. */
        public Builder clock(Clock clock) { this.clock = clock; return this; }

        /**
         * Validates every field and parses the keys.
         *
         * @throws IllegalArgumentException naming the field and the rule
         */
        public AlipayConfig build() {
            if (appId == null || !APP_ID.matcher(appId).matches()) {
                throw new IllegalArgumentException("appId must be 1 to 32 digits, was "
                        + (appId == null ? "null" : "'" + appId + "'"));
            }
            PrivateKey privateKey = PemKeys.rsaPrivateKey("merchantPrivateKey", merchantPrivateKey);
            var url = GatewayUrls.requireHttpsOrLoopback("gatewayUrl", gatewayUrl);
            if (notifyUrl != null && !NOTIFY_URL.matcher(notifyUrl).matches()) {
                throw new IllegalArgumentException("notifyUrl must be an http(s) URL of at most 256 characters");
            }
            if (appAuthToken != null && (appAuthToken.isBlank() || appAuthToken.length() > 40)) {
                throw new IllegalArgumentException("appAuthToken must be 1 to 40 characters");
            }
            if (sellerId != null && !SELLER_ID.matcher(sellerId).matches()) {
                throw new IllegalArgumentException("sellerId must be 2088 followed by 12 digits (the merchant's"
                        + " Alipay user id), was '" + sellerId + "'");
            }
            Objects.requireNonNull(clock, "clock must not be null");
            boolean anyCertificate = appCertificate != null || alipayPublicCertificate != null
                    || alipayRootCertificate != null;
            RsaSha256.Verifier alipayKey;
            AlipaySettings.CertificateMode certificates = null;
            if (anyCertificate) {
                if (alipayPublicKey != null) {
                    throw new IllegalArgumentException("alipayPublicKey must not be set in certificate mode:"
                            + " configure either alipayPublicKey or the three certificates");
                }
                certificates = certificateMode(privateKey);
                alipayKey = RsaSha256.verifier(AlipayCertificates.leaf(
                        AlipayCertificates.readBundle("alipayPublicCertificate", alipayPublicCertificate)).getPublicKey());
            } else {
                if (alipayPublicKey == null || alipayPublicKey.isBlank()) {
                    throw new IllegalArgumentException("alipayPublicKey must be set (or, for certificate mode,"
                            + " appCertificate, alipayPublicCertificate and alipayRootCertificate)");
                }
                PublicKey key = PemKeys.rsaPublicKey("alipayPublicKey", alipayPublicKey);
                requireNotAppKey("alipayPublicKey", key, privateKey);
                alipayKey = RsaSha256.verifier(key);
            }
            GatewayHttp http = gatewayHttp != null ? gatewayHttp : GatewayHttp.create();
            return new AlipayConfig(new AlipaySettings(appId, new AlipayRequestSigner(privateKey), alipayKey,
                    certificates, url, appAuthToken, notifyUrl, sellerId, http, clock));
        }

        private AlipaySettings.CertificateMode certificateMode(PrivateKey privateKey) {
            requirePresent("appCertificate", appCertificate);
            requirePresent("alipayPublicCertificate", alipayPublicCertificate);
            requirePresent("alipayRootCertificate", alipayRootCertificate);
            List<X509Certificate> appChain = AlipayCertificates.readBundle("appCertificate", appCertificate);
            X509Certificate app = AlipayCertificates.leaf(appChain);
            if (!PemKeys.isPairOf(app.getPublicKey(), privateKey)) {
                throw new IllegalArgumentException("appCertificate does not hold the public key of merchantPrivateKey");
            }
            List<X509Certificate> alipayChain =
                    AlipayCertificates.readBundle("alipayPublicCertificate", alipayPublicCertificate);
            X509Certificate alipay = AlipayCertificates.leaf(alipayChain);
            requireNotAppKey("alipayPublicCertificate", alipay.getPublicKey(), privateKey);
            List<X509Certificate> roots = AlipayCertificates.readBundle("alipayRootCertificate", alipayRootCertificate);
            String rootSn = AlipayCertificates.rootSn(roots);
            if (rootSn.isEmpty()) {
                throw new IllegalArgumentException("alipayRootCertificate holds no RSA-signed certificate");
            }
            if (!AlipayCertificates.isSigningCertificate(alipay)) {
                throw new IllegalArgumentException("alipayPublicCertificate must be Alipay's signing certificate"
                        + " (not a CA certificate, key usage digitalSignature)");
            }
            if (!AlipayCertificates.isTrusted(alipay, alipayChain, roots, clock.instant())) {
                throw new IllegalArgumentException("alipayPublicCertificate is expired or not issued under"
                        + " alipayRootCertificate");
            }
            return new AlipaySettings.CertificateMode(AlipayCertificates.sn(app), rootSn,
                    AlipayCertificates.sn(alipay), alipay.getSubjectX500Principal(), roots);
        }

        private static void requireNotAppKey(String field, PublicKey key, PrivateKey privateKey) {
            if (PemKeys.isPairOf(key, privateKey)) {
                throw new IllegalArgumentException(field + " is the app's own public key (it matches"
                        + " merchantPrivateKey); configure the Alipay public key shown next to it on the Open Platform");
            }
        }

        private static void requirePresent(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " must be set in certificate mode");
            }
        }
    }
}
