package dev.resilientpay.spring.boot.autoconfigure;

import org.springframework.core.io.Resource;

/**
 * One WeChat Pay merchant ({@code resilientpay.wechat.merchants.<name>.*}), mapped onto
 * {@code WechatPayConfig.builder()}. Each key is given either inline ({@code x}) or as a file
 * ({@code x-location}, any Spring resource), never both.
 */
public class WechatMerchantProperties extends MerchantProperties {

    /** The merchant id (mchid): digits. */
    private String mchId;

    /** The app id (appid) bound to the merchant. */
    private String appId;

    /** The merchant API private key (apiclient_key.pem, PKCS#8 PEM). */
    private String merchantPrivateKey;

    /** File holding the merchant API private key (instead of merchant-private-key). */
    private Resource merchantPrivateKeyLocation;

    /** The merchant API certificate serial number (hex). */
    private String merchantSerialNumber;

    /**
     * The merchant API certificate (apiclient_cert.pem), optional: only read to report in health
     * how many days it has left.
     */
    private String merchantCertificate;

    /** File holding the merchant API certificate (instead of merchant-certificate). */
    private Resource merchantCertificateLocation;

    /** The APIv3 key: exactly 32 bytes. */
    private String apiV3Key;

    /** File holding the APIv3 key (instead of api-v3-key); surrounding whitespace is ignored. */
    private Resource apiV3KeyLocation;

    /** The API host; HTTPS, or http on loopback for a simulator. */
    private String host = "https://api.mch.weixin.qq.com";

    /** The backup API host; empty for none (default: WeChat's backup host with the default host). */
    private String backupHost;

    /** The default notify_url: HTTPS, at most 255 characters, no query. */
    private String notifyUrl;

    /** Public-key verification: the WeChat Pay public key id (PUB_KEY_ID_...). */
    private String publicKeyId;

    /** Public-key verification: the WeChat Pay public key (pub_key.pem). */
    private String publicKey;

    /** File holding the WeChat Pay public key (instead of public-key). */
    private Resource publicKeyLocation;

    /** Verify with platform certificates downloaded from /v3/certificates (alone or with the public key). */
    private boolean platformCertificates;

    /** Creates properties with the defaults below. */
    public WechatMerchantProperties() {}

    /** {@return the merchant id} */
    public String getMchId() { return mchId; }

    /**
     * Sets the {@code mchId} property.
     *
     * @param mchId the merchant id
     */
    public void setMchId(String mchId) { this.mchId = mchId; }

    /** {@return the app id} */
    public String getAppId() { return appId; }

    /**
     * Sets the {@code appId} property.
     *
     * @param appId the app id
     */
    public void setAppId(String appId) { this.appId = appId; }

    /** {@return the inline merchant private key} */
    public String getMerchantPrivateKey() { return merchantPrivateKey; }

    /**
     * Sets the {@code merchantPrivateKey} property.
     *
     * @param merchantPrivateKey the inline merchant private key
     */
    public void setMerchantPrivateKey(String merchantPrivateKey) { this.merchantPrivateKey = merchantPrivateKey; }

    /** {@return the merchant private key file} */
    public Resource getMerchantPrivateKeyLocation() { return merchantPrivateKeyLocation; }

    /**
     * Sets the {@code merchantPrivateKeyLocation} property.
     *
     * @param location the merchant private key file
     */
    public void setMerchantPrivateKeyLocation(Resource location) { this.merchantPrivateKeyLocation = location; }

    /** {@return the merchant certificate serial} */
    public String getMerchantSerialNumber() { return merchantSerialNumber; }

    /**
     * Sets the {@code merchantSerialNumber} property.
     *
     * @param serial the merchant certificate serial
     */
    public void setMerchantSerialNumber(String serial) { this.merchantSerialNumber = serial; }

    /** {@return the inline merchant certificate} */
    public String getMerchantCertificate() { return merchantCertificate; }

    /**
     * Sets the {@code merchantCertificate} property.
     *
     * @param certificate the inline merchant certificate
     */
    public void setMerchantCertificate(String certificate) { this.merchantCertificate = certificate; }

    /** {@return the merchant certificate file} */
    public Resource getMerchantCertificateLocation() { return merchantCertificateLocation; }

    /**
     * Sets the {@code merchantCertificateLocation} property.
     *
     * @param location the merchant certificate file
     */
    public void setMerchantCertificateLocation(Resource location) { this.merchantCertificateLocation = location; }

    /** {@return the inline APIv3 key} */
    public String getApiV3Key() { return apiV3Key; }

    /**
     * Sets the {@code apiV3Key} property.
     *
     * @param apiV3Key the inline APIv3 key
     */
    public void setApiV3Key(String apiV3Key) { this.apiV3Key = apiV3Key; }

    /** {@return the APIv3 key file} */
    public Resource getApiV3KeyLocation() { return apiV3KeyLocation; }

    /**
     * Sets the {@code apiV3KeyLocation} property.
     *
     * @param location the APIv3 key file
     */
    public void setApiV3KeyLocation(Resource location) { this.apiV3KeyLocation = location; }

    /** {@return the API host} */
    public String getHost() { return host; }

    /**
     * Sets the {@code host} property.
     *
     * @param host the API host
     */
    public void setHost(String host) { this.host = host; }

    /** {@return the backup host, empty for none, {@code null} for the default} */
    public String getBackupHost() { return backupHost; }

    /**
     * Sets the {@code backupHost} property.
     *
     * @param backupHost the backup host, empty for none
     */
    public void setBackupHost(String backupHost) { this.backupHost = backupHost; }

    /** {@return the default notify URL} */
    public String getNotifyUrl() { return notifyUrl; }

    /**
     * Sets the {@code notifyUrl} property.
     *
     * @param notifyUrl the default notify URL
     */
    public void setNotifyUrl(String notifyUrl) { this.notifyUrl = notifyUrl; }

    /** {@return the WeChat Pay public key id} */
    public String getPublicKeyId() { return publicKeyId; }

    /**
     * Sets the {@code publicKeyId} property.
     *
     * @param publicKeyId the WeChat Pay public key id
     */
    public void setPublicKeyId(String publicKeyId) { this.publicKeyId = publicKeyId; }

    /** {@return the inline WeChat Pay public key} */
    public String getPublicKey() { return publicKey; }

    /**
     * Sets the {@code publicKey} property.
     *
     * @param publicKey the inline WeChat Pay public key
     */
    public void setPublicKey(String publicKey) { this.publicKey = publicKey; }

    /** {@return the WeChat Pay public key file} */
    public Resource getPublicKeyLocation() { return publicKeyLocation; }

    /**
     * Sets the {@code publicKeyLocation} property.
     *
     * @param location the WeChat Pay public key file
     */
    public void setPublicKeyLocation(Resource location) { this.publicKeyLocation = location; }

    /** {@return whether platform certificates are used} */
    public boolean isPlatformCertificates() { return platformCertificates; }

    /**
     * Sets the {@code platformCertificates} property.
     *
     * @param platformCertificates whether platform certificates are used
     */
    public void setPlatformCertificates(boolean platformCertificates) { this.platformCertificates = platformCertificates; }

    @Override
    public String toString() {
        return "WechatMerchantProperties[mchId=" + mchId + ", appId=" + appId + ", host=" + host + ", keys=***]";
    }
}
