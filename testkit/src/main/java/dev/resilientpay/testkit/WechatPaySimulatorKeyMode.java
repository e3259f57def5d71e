package dev.resilientpay.testkit;

/**
 * How the simulated WeChat Pay gateway signs its responses and notifications, i.e. what a merchant
 * configures to verify them.
 */
public enum WechatPaySimulatorKeyMode {

    /**
     * WeChat Pay public key only ({@code Wechatpay-Serial: PUB_KEY_ID_…}), as new merchants get it;
     * {@code GET /v3/certificates} answers {@code 404 RESOURCE_NOT_EXISTS}.
     */
    PUBLIC_KEY,

    /**
     * Platform certificates only: served encrypted at {@code GET /v3/certificates}; responses are
     * signed by the newest certificate (see {@link WechatPaySimulator#rotateCertificate()}).
     */
    PLATFORM_CERTIFICATE,

    /**
     * A migration between the two: certificates are served, and each response (the certificate
     * list included) is signed by the public key when the request's {@code Wechatpay-Serial} names
     * it, as in {@link #PLATFORM_CERTIFICATE} mode otherwise; notifications are signed by the public
     * key unless a call chooses a certificate.
     */
    BOTH
}
