package dev.resilientpay.spring.boot.autoconfigure;

import org.springframework.core.io.Resource;

/**
 * One Alipay app ({@code resilientpay.alipay.merchants.<name>.*}), mapped onto
 * {@code AlipayConfig.builder()}. Each key or certificate is given either inline ({@code x}) or as a
 * file ({@code x-location}, any Spring resource: {@code file:}, {@code classpath:}), never both.
 */
public class AlipayMerchantProperties extends MerchantProperties {

    /** The app id: 1 to 32 digits. */
    private String appId;

    /** The app (merchant) private key, PKCS#8 PEM or its bare Base64. */
    private String merchantPrivateKey;

    /** File holding the app private key (instead of merchant-private-key). */
    private Resource merchantPrivateKeyLocation;

    /** Public-key mode: the Alipay public key (PEM or bare Base64). */
    private String alipayPublicKey;

    /** File holding the Alipay public key (instead of alipay-public-key). */
    private Resource alipayPublicKeyLocation;

    /** Certificate mode: the app's public-key certificate (appCertPublicKey_*.crt, PEM). */
    private String appCertificate;

    /** File holding the app's public-key certificate. */
    private Resource appCertificateLocation;

    /** Certificate mode: the Alipay public-key certificate (alipayCertPublicKey_RSA2.crt, PEM). */
    private String alipayPublicCertificate;

    /** File holding the Alipay public-key certificate. */
    private Resource alipayPublicCertificateLocation;

    /** Certificate mode: the Alipay root certificate bundle (alipayRootCert.crt, PEM). */
    private String alipayRootCertificate;

    /** File holding the Alipay root certificate bundle. */
    private Resource alipayRootCertificateLocation;

    /** The gateway URL; HTTPS, or http on loopback for a simulator. */
    private String gatewayUrl = "https://openapi.alipay.com/gateway.do";

    /** ISV mode: the merchant's app_auth_token. */
    private String appAuthToken;

    /** The notify_url sent with requests that carry none (the public URL of notify-path). */
    private String notifyUrl;

    /** Creates properties with the defaults below. */
    public AlipayMerchantProperties() {}

    /** {@return the app id} */
    public String getAppId() { return appId; }

    /**
     * Sets the {@code appId} property.
     *
     * @param appId the app id
     */
    public void setAppId(String appId) { this.appId = appId; }

    /** {@return the inline app private key} */
    public String getMerchantPrivateKey() { return merchantPrivateKey; }

    /**
     * Sets the {@code merchantPrivateKey} property.
     *
     * @param merchantPrivateKey the inline app private key
     */
    public void setMerchantPrivateKey(String merchantPrivateKey) { this.merchantPrivateKey = merchantPrivateKey; }

    /** {@return the app private key file} */
    public Resource getMerchantPrivateKeyLocation() { return merchantPrivateKeyLocation; }

    /**
     * Sets the {@code merchantPrivateKeyLocation} property.
     *
     * @param location the app private key file
     */
    public void setMerchantPrivateKeyLocation(Resource location) { this.merchantPrivateKeyLocation = location; }

    /** {@return the inline Alipay public key} */
    public String getAlipayPublicKey() { return alipayPublicKey; }

    /**
     * Sets the {@code alipayPublicKey} property.
     *
     * @param alipayPublicKey the inline Alipay public key
     */
    public void setAlipayPublicKey(String alipayPublicKey) { this.alipayPublicKey = alipayPublicKey; }

    /** {@return the Alipay public key file} */
    public Resource getAlipayPublicKeyLocation() { return alipayPublicKeyLocation; }

    /**
     * Sets the {@code alipayPublicKeyLocation} property.
     *
     * @param location the Alipay public key file
     */
    public void setAlipayPublicKeyLocation(Resource location) { this.alipayPublicKeyLocation = location; }

    /** {@return the inline app certificate} */
    public String getAppCertificate() { return appCertificate; }

    /**
     * Sets the {@code appCertificate} property.
     *
     * @param appCertificate the inline app certificate
     */
    public void setAppCertificate(String appCertificate) { this.appCertificate = appCertificate; }

    /** {@return the app certificate file} */
    public Resource getAppCertificateLocation() { return appCertificateLocation; }

    /**
     * Sets the {@code appCertificateLocation} property.
     *
     * @param location the app certificate file
     */
    public void setAppCertificateLocation(Resource location) { this.appCertificateLocation = location; }

    /** {@return the inline Alipay public certificate} */
    public String getAlipayPublicCertificate() { return alipayPublicCertificate; }

    /**
     * Sets the {@code alipayPublicCertificate} property.
     *
     * @param certificate the inline Alipay public certificate
     */
    public void setAlipayPublicCertificate(String certificate) { this.alipayPublicCertificate = certificate; }

    /** {@return the Alipay public certificate file} */
    public Resource getAlipayPublicCertificateLocation() { return alipayPublicCertificateLocation; }

    /**
     * Sets the {@code alipayPublicCertificateLocation} property.
     *
     * @param location the Alipay public certificate file
     */
    public void setAlipayPublicCertificateLocation(Resource location) { this.alipayPublicCertificateLocation = location; }

    /** {@return the inline Alipay root certificate bundle} */
    public String getAlipayRootCertificate() { return alipayRootCertificate; }

    /**
     * Sets the {@code alipayRootCertificate} property.
     *
     * @param certificate the inline Alipay root certificate bundle
     */
    public void setAlipayRootCertificate(String certificate) { this.alipayRootCertificate = certificate; }

    /** {@return the Alipay root certificate bundle file} */
    public Resource getAlipayRootCertificateLocation() { return alipayRootCertificateLocation; }

    /**
     * Sets the {@code alipayRootCertificateLocation} property.
     *
     * @param location the Alipay root certificate bundle file
     */
    public void setAlipayRootCertificateLocation(Resource location) { this.alipayRootCertificateLocation = location; }

    /** {@return the gateway URL} */
    public String getGatewayUrl() { return gatewayUrl; }

    /**
     * Sets the {@code gatewayUrl} property.
     *
     * @param gatewayUrl the gateway URL
     */
    public void setGatewayUrl(String gatewayUrl) { this.gatewayUrl = gatewayUrl; }

    /** {@return the app_auth_token, or {@code null}} */
    public String getAppAuthToken() { return appAuthToken; }

    /**
     * Sets the {@code appAuthToken} property.
     *
     * @param appAuthToken the app_auth_token
     */
    public void setAppAuthToken(String appAuthToken) { this.appAuthToken = appAuthToken; }

    /** {@return the default notify URL, or {@code null}} */
    public String getNotifyUrl() { return notifyUrl; }

    /**
     * Sets the {@code notifyUrl} property.
     *
     * @param notifyUrl the default notify URL
     */
    public void setNotifyUrl(String notifyUrl) { this.notifyUrl = notifyUrl; }

    @Override
    public String toString() {
        return "AlipayMerchantProperties[appId=" + appId + ", gatewayUrl=" + gatewayUrl + ", keys=***]";
    }
}
