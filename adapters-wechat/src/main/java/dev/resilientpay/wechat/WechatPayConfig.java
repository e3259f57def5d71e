package dev.resilientpay.wechat;

import dev.resilientpay.spi.PemKeys;
import dev.resilientpay.transport.GatewayHttp;
import dev.resilientpay.transport.GatewayUrls;
import dev.resilientpay.wechat.internal.WechatRules;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * One WeChat Pay merchant (API v3, direct merchant): identity, keys, host and how WeChat Pay's
 * signatures are verified. Immutable; build it with {@link #builder()}, which validates every field
 * and parses the keys once. {@link #toString()} shows no secret.
 *
 * <p>Verification keys, choose at least one:
 * <ul>
 *   <li>{@link Builder#wechatPayPublicKey(String, String) the WeChat Pay public key} ({@code PUB_KEY_ID_…}),
 *       which new merchants get instead of platform certificates;</li>
 *   <li>{@link Builder#platformCertificates() platform certificates}, downloaded from
 *       {@code /v3/certificates}, decrypted with the APIv3 key and refreshed hourly;</li>
 *   <li>both, while migrating from certificates to the public key: each response and notification is
 *       verified with the key its {@code Wechatpay-Serial} names.</li>
 * </ul>
 *
 * <pre>{@code
 * WechatPayConfig config = WechatPayConfig.builder()
 *         .mchId("1900000109").appId("wxd678efh567hg6787")
 *         .merchantPrivateKey(Files.readString(Path.of("apiclient_key.pem")))
 *         .merchantSerialNumber("5157F09EFDC096DE15EBE81A47057A7232F1B8E1")
 *         .apiV3Key(secrets.get("wechat.apiv3"))
 *         .wechatPayPublicKey("PUB_KEY_ID_0114232134912410000000000000", Files.readString(Path.of("pub_key.pem")))
 *         .notifyUrl("https://shop.example.com/wechat/notify")
 *         .build();
 * }</pre>
 */
public final class WechatPayConfig {

    /** WeChat Pay's API host. */
    public static final String DEFAULT_HOST = "https://api.mch.weixin.qq.com";
    /** WeChat Pay's backup API host, used when the main host cannot be reached. */
    public static final String BACKUP_HOST = "https://api2.mch.weixin.qq.com";

    private static final Pattern MCH_ID = Pattern.compile("[0-9]{1,32}");
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_]{1,32}");
    private static final Pattern SERIAL = Pattern.compile("[0-9A-F]{1,64}");
    private static final Pattern PUBLIC_KEY_ID = Pattern.compile("PUB_KEY_ID_[A-Za-z0-9_]{1,64}");

    private final String mchId;
    private final String appId;
    private final PrivateKey merchantPrivateKey;
    private final String merchantSerialNumber;
    private final String apiV3Key;
    private final HttpUrl host;
    private final HttpUrl backupHost;
    private final String notifyUrl;
    private final String publicKeyId;
    private final PublicKey publicKey;
    private final boolean platformCertificates;
    private final GatewayHttp http;
    private final Clock clock;

    private WechatPayConfig(Builder b, PrivateKey merchantKey, PublicKey publicKey, HttpUrl host, HttpUrl backup) {
        this.mchId = b.mchId;
        this.appId = b.appId;
        this.merchantPrivateKey = merchantKey;
        this.merchantSerialNumber = b.merchantSerialNumber.strip().toUpperCase(Locale.ROOT);
        this.apiV3Key = b.apiV3Key;
        this.host = host;
        this.backupHost = backup;
        this.notifyUrl = b.notifyUrl;
        this.publicKeyId = b.publicKeyId;
        this.publicKey = publicKey;
        this.platformCertificates = b.platformCertificates;
        this.http = b.http;
        this.clock = b.clock;
    }

    /** {@return a new builder} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the merchant id ({@code mchid})} */
    public String mchId() {
        return mchId;
    }

    /** {@return the app id ({@code appid}) the merchant pays under} */
    public String appId() {
        return appId;
    }

    /** The merchant API private key, parsed; package-private so that it cannot leak through the API. */
    PrivateKey merchantPrivateKey() {
        return merchantPrivateKey;
    }

    /** {@return the merchant API certificate serial, uppercase hex} */
    public String merchantSerialNumber() {
        return merchantSerialNumber;
    }

    /** The APIv3 key (32 bytes); package-private so that it cannot leak through the API. */
    String apiV3Key() {
        return apiV3Key;
    }

    /** {@return the API host} */
    public HttpUrl host() {
        return host;
    }

    /** {@return the backup API host, or {@code null} for none} */
    public HttpUrl backupHost() {
        return backupHost;
    }

    /** {@return the default {@code notify_url}, or {@code null}} */
    public String notifyUrl() {
        return notifyUrl;
    }

    /** {@return the WeChat Pay public key id ({@code PUB_KEY_ID_…}), or {@code null}} */
    public String publicKeyId() {
        return publicKeyId;
    }

    /** {@return the WeChat Pay public key, or {@code null}} */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** {@return whether platform certificates are downloaded and trusted} */
    public boolean platformCertificates() {
        return platformCertificates;
    }

    /** {@return the transport to use, or {@code null} for the process-wide shared one} */
    public GatewayHttp gatewayHttp() {
        return http;
    }

    /** {@return the clock for signature timestamps, freshness checks and certificate refreshes} */
    public Clock clock() {
        return clock;
    }

    /** {@return the verification mode, for logs: {@code PUBLIC_KEY}, {@code PLATFORM_CERTIFICATES} or both} */
    public String verificationMode() {
        if (publicKeyId != null && platformCertificates) {
            return "PUBLIC_KEY+PLATFORM_CERTIFICATES";
        }
        return publicKeyId != null ? "PUBLIC_KEY" : "PLATFORM_CERTIFICATES";
    }

    @Override
    public String toString() {
        return "WechatPayConfig[mchId=" + mchId + ", appId=" + appId + ", merchantSerialNumber="
                + merchantSerialNumber + ", merchantPrivateKey=***, apiV3Key=***, host=" + host
                + ", backupHost=" + backupHost + ", notifyUrl=" + notifyUrl + ", verification="
                + verificationMode() + (publicKeyId == null ? "" : ", publicKeyId=" + publicKeyId) + "]";
    }

    /** Builds a {@link WechatPayConfig}; {@link #build()} validates every field. */
    public static final class Builder {
        private String mchId;
        private String appId;
        private String merchantPrivateKey;
        private String merchantSerialNumber;
        private String apiV3Key;
        private String host = DEFAULT_HOST;
        private String backupHost;
        private boolean backupHostSet;
        private String notifyUrl;
        private String publicKeyId;
        private String publicKeyPem;
        private boolean platformCertificates;
        private GatewayHttp http;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The merchant id ({@code mchid}): digits.
         *
         * @param mchId the merchant id ({@code mchid}): digits
         * @return this builder
         */
        public Builder mchId(String mchId) { this.mchId = mchId; return this; }

        /**
         * The app id ({@code appid}) bound to the merchant.
         *
         * @param appId the app id ({@code appid}) bound to the merchant
         * @return this builder
         */
        public Builder appId(String appId) { this.appId = appId; return this; }

        /**
         * The merchant API private key ({@code apiclient_key.pem}, PKCS#8 PEM).
         *
         * @param pem the public key ({@code pub_key.pem}, X.509 SubjectPublicKeyInfo PEM)
         * @return this builder
         */
        public Builder merchantPrivateKey(String pem) { this.merchantPrivateKey = pem; return this; }

        /**
         * The merchant API certificate serial number (hex; stored uppercase).
         *
         * @param serial the serial number
         * @return this builder
         */
        public Builder merchantSerialNumber(String serial) { this.merchantSerialNumber = serial; return this; }

        /**
         * The APIv3 key: exactly 32 bytes of UTF-8 (32 ASCII characters).
         *
         * @param apiV3Key the APIv3 key: exactly 32 bytes of UTF-8 (32 ASCII characters)
         * @return this builder
         */
        public Builder apiV3Key(String apiV3Key) { this.apiV3Key = apiV3Key; return this; }

        /**
         * The API host, {@value #DEFAULT_HOST} by default. HTTPS is required except for loopback
         * hosts (tests, simulators). Setting another host drops the default backup host.
         *
         * @param host the API host, {@value #DEFAULT_HOST} by default
         * @return this builder
         */
        public Builder host(String host) { this.host = host; return this; }

        /**
         * The backup host ({@value #BACKUP_HOST} with the default host), or {@code null} for none.
         *
         * @param backupHost the backup host ({@value #BACKUP_HOST} with the default host), or {@code null} for none
         * @return this builder
         */
        public Builder backupHost(String backupHost) {
            this.backupHost = backupHost;
            this.backupHostSet = true;
            return this;
        }

        /**
         * The default {@code notify_url}: HTTPS, at most 255 characters, no query.
         *
         * @param notifyUrl the default {@code notify_url}: HTTPS, at most 255 characters, no query
         * @return this builder
         */
        public Builder notifyUrl(String notifyUrl) { this.notifyUrl = notifyUrl; return this; }

        /**
         * Verifies with the WeChat Pay public key.
         *
         * @return this builder
         * @param publicKeyId its id, {@code PUB_KEY_ID_…} (the {@code Wechatpay-Serial} WeChat Pay sends)
         * @param pem         the public key ({@code pub_key.pem}, X.509 SubjectPublicKeyInfo PEM)
         */
        public Builder wechatPayPublicKey(String publicKeyId, String pem) {
            this.publicKeyId = publicKeyId;
            this.publicKeyPem = pem;
            return this;
        }

        /**
         * Verifies with platform certificates downloaded from {@code /v3/certificates}.
         *
         * @return this builder
         */
        public Builder platformCertificates() { this.platformCertificates = true; return this; }

        /**
         * The transport to share with other merchants (one connection pool, no thread per merchant).
         * By default every merchant without one shares a single process-wide transport.
         *
         * @param http the transport to share with other merchants (one connection pool, no thread per merchant)
         * @return this builder
         */
        public Builder gatewayHttp(GatewayHttp http) { this.http = http; return this; }

        /**
         * The clock (tests inject a fixed one).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) { this.clock = clock; return this; }

        /**
         * Validates every field and parses the keys.
         *
         * @return the immutable configuration
         * @throws IllegalArgumentException naming the field and the rule
         */
        public WechatPayConfig build() {
            if (mchId == null || !MCH_ID.matcher(mchId).matches()) {
                throw new IllegalArgumentException("mchId must be 1 to 32 digits, was "
                        + (mchId == null ? "null" : "'" + mchId + "'"));
            }
            if (appId == null || !APP_ID.matcher(appId).matches()) {
                throw new IllegalArgumentException("appId must be 1 to 32 letters, digits or _, was "
                        + (appId == null ? "null" : "'" + appId + "'"));
            }
            if (merchantSerialNumber == null
                    || !SERIAL.matcher(merchantSerialNumber.strip().toUpperCase(Locale.ROOT)).matches()) {
                throw new IllegalArgumentException("merchantSerialNumber must be the merchant API certificate's"
                        + " serial number in hex, was " + (merchantSerialNumber == null ? "null" : "'"
                        + merchantSerialNumber + "'"));
            }
            if (apiV3Key == null) {
                throw new IllegalArgumentException("apiV3Key must not be null");
            }
            int keyBytes = apiV3Key.getBytes(StandardCharsets.UTF_8).length;
            if (keyBytes != 32) {
                throw new IllegalArgumentException("apiV3Key must be exactly 32 bytes (UTF-8), was " + keyBytes
                        + " bytes; it is the 32-character key set in the merchant portal");
            }
            PrivateKey merchantKey = PemKeys.rsaPrivateKey("merchantPrivateKey", merchantPrivateKey);
            Objects.requireNonNull(clock, "clock must not be null");
            HttpUrl primary = GatewayUrls.requireHttpsOrLoopback("host", host);
            HttpUrl backup = null;
            if (backupHostSet) {
                backup = backupHost == null ? null : GatewayUrls.requireHttpsOrLoopback("backupHost", backupHost);
            } else if (primary.equals(HttpUrl.get(DEFAULT_HOST))) {
                backup = HttpUrl.get(BACKUP_HOST);
            }
            if (notifyUrl != null) {
                WechatRules.requireNotifyUrl("notifyUrl", notifyUrl);
            }
            PublicKey publicKey = null;
            if (publicKeyId != null || publicKeyPem != null) {
                if (publicKeyId == null || !PUBLIC_KEY_ID.matcher(publicKeyId).matches()) {
                    throw new IllegalArgumentException("wechatPayPublicKey id must look like PUB_KEY_ID_…, was "
                            + (publicKeyId == null ? "null" : "'" + publicKeyId + "'"));
                }
                publicKey = PemKeys.rsaPublicKey("wechatPayPublicKey", publicKeyPem);
                if (PemKeys.isPairOf(publicKey, merchantKey)) {
                    throw new IllegalArgumentException("wechatPayPublicKey is the merchant's own public key; use"
                            + " the WeChat Pay public key downloaded from the merchant portal");
                }
            }
            if (publicKey == null && !platformCertificates) {
                throw new IllegalArgumentException("verification must be configured: wechatPayPublicKey(id, pem),"
                        + " platformCertificates(), or both during a migration");
            }
            return new WechatPayConfig(this, merchantKey, publicKey, primary, backup);
        }
    }
}
