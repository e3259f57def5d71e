package dev.resilientpay.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * How the simulator builds one notification: by default fresh, correctly signed by the key mode's
 * key and encrypted with the APIv3 key. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * simulator.sendNotification(orderId, url, WechatPaySimulatorNotificationOptions.defaults().stale());
 * }</pre>
 */
public final class WechatPaySimulatorNotificationOptions {

    /** The age of a {@link #stale()} notification: twice the 5-minute window. */
    public static final Duration STALE_AGE = Duration.ofMinutes(10);

    private static final WechatPaySimulatorNotificationOptions DEFAULTS =
            new WechatPaySimulatorNotificationOptions(null, Duration.ZERO, false, false, false, null, false);

    private final String keyId;
    private final Duration age;
    private final boolean forged;
    private final boolean signatureProbe;
    private final boolean wrongApiV3Key;
    private final String id;
    private final boolean lowercaseHeaders;

    private WechatPaySimulatorNotificationOptions(String keyId, Duration age, boolean forged, boolean signatureProbe,
                                                  boolean wrongApiV3Key, String id, boolean lowercaseHeaders) {
        this.keyId = keyId;
        this.age = age;
        this.forged = forged;
        this.signatureProbe = signatureProbe;
        this.wrongApiV3Key = wrongApiV3Key;
        this.id = id;
        this.lowercaseHeaders = lowercaseHeaders;
    }

    /** {@return fresh, genuine, signed by the key mode's default key} */
    public static WechatPaySimulatorNotificationOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Signed by the key with this id ({@code PUB_KEY_ID_…} or a served platform certificate serial).
     *
     * @param keyId the public key id or platform certificate serial
     * @return signed by the key with this id ({@code PUB_KEY_ID_…} or a served platform certificate serial)
     */
    public WechatPaySimulatorNotificationOptions signedBy(String keyId) {
        return new WechatPaySimulatorNotificationOptions(Objects.requireNonNull(keyId, "keyId"), age, forged,
                signatureProbe, wrongApiV3Key, id, lowercaseHeaders);
    }

    /** {@return timestamped {@link #STALE_AGE} ago (and correctly signed over that timestamp)} */
    public WechatPaySimulatorNotificationOptions stale() {
        return aged(STALE_AGE);
    }

    /**
     * Timestamped {@code age} ago (and correctly signed over that timestamp).
     *
     * @param age how old the timestamp is
     * @return timestamped {@code age} ago (and correctly signed over that timestamp)
     */
    public WechatPaySimulatorNotificationOptions aged(Duration age) {
        Objects.requireNonNull(age, "age");
        if (age.isNegative()) {
            throw new IllegalArgumentException("age must not be negative, was " + age);
        }
        return new WechatPaySimulatorNotificationOptions(keyId, age, forged, signatureProbe, wrongApiV3Key, id,
                lowercaseHeaders);
    }

    /** {@return signed by an impostor's key while naming the genuine key's serial} */
    public WechatPaySimulatorNotificationOptions forged() {
        return new WechatPaySimulatorNotificationOptions(keyId, age, true, signatureProbe, wrongApiV3Key, id,
                lowercaseHeaders);
    }

    /** {@return carries a {@code WECHATPAY/SIGNTEST/…} probe instead of a signature} */
    public WechatPaySimulatorNotificationOptions signatureProbe() {
        return new WechatPaySimulatorNotificationOptions(keyId, age, forged, true, wrongApiV3Key, id,
                lowercaseHeaders);
    }

    /** {@return resource encrypted with a different APIv3 key: the signature is valid, decryption fails} */
    public WechatPaySimulatorNotificationOptions wrongApiV3Key() {
        return new WechatPaySimulatorNotificationOptions(keyId, age, forged, signatureProbe, true, id,
                lowercaseHeaders);
    }

    /**
     * Uses this notification id (to redeliver, freshly signed, a notification the receiver already saw).
     *
     * @param id the notification id
     * @return these options
     */
    public WechatPaySimulatorNotificationOptions id(String id) {
        return new WechatPaySimulatorNotificationOptions(keyId, age, forged, signatureProbe, wrongApiV3Key,
                Objects.requireNonNull(id, "id"), lowercaseHeaders);
    }

    /** {@return header names in lowercase} */
    public WechatPaySimulatorNotificationOptions lowercaseHeaders() {
        return new WechatPaySimulatorNotificationOptions(keyId, age, forged, signatureProbe, wrongApiV3Key, id,
                true);
    }

    /** {@return the key id to sign with, or {@code null} for the key mode's default} */
    public String keyId() {
        return keyId;
    }

    /** {@return how old the {@code Wechatpay-Timestamp} is} */
    public Duration age() {
        return age;
    }

    /** {@return whether an impostor signs} */
    public boolean isForged() {
        return forged;
    }

    /** {@return whether the signature is a {@code WECHATPAY/SIGNTEST/} probe} */
    public boolean isSignatureProbe() {
        return signatureProbe;
    }

    /** {@return whether the resource is encrypted with another APIv3 key} */
    public boolean usesWrongApiV3Key() {
        return wrongApiV3Key;
    }

    /** {@return the notification id to use, or {@code null} for a new one} */
    public String id() {
        return id;
    }

    /** {@return whether header names are lowercase} */
    public boolean usesLowercaseHeaders() {
        return lowercaseHeaders;
    }

    @Override
    public String toString() {
        return "WechatPaySimulatorNotificationOptions[keyId=" + keyId + ", age=" + age + ", forged=" + forged
                + ", signatureProbe=" + signatureProbe + ", wrongApiV3Key=" + wrongApiV3Key + ", id=" + id
                + ", lowercaseHeaders=" + lowercaseHeaders + "]";
    }
}
