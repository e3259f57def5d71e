package dev.resilientpay.wechat.internal;

/** An encrypted WeChat Pay resource did not decrypt: wrong APIv3 key, tampered text, bad encoding. */
public final class DecryptionFailedException extends Exception {

    /** A failure with a short reason (never key material). */
    public DecryptionFailedException(String reason) {
        super(reason, null, false, false);
    }
}
