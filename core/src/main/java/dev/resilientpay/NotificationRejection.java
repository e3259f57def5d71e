package dev.resilientpay;

/** Why a notification was not trusted. */
public enum NotificationRejection {
    /** The body or headers are not what the provider sends (not a form / not JSON, fields missing). */
    MALFORMED,
    /** The body is larger than any real notification. */
    TOO_LARGE,
    /** No signature, or it does not verify with the provider's key. */
    SIGNATURE_INVALID,
    /** Signed with a key (serial) this merchant does not trust. */
    UNKNOWN_KEY,
    /** The timestamp is outside the allowed window (replay). */
    STALE,
    /** The encrypted resource failed decryption (wrong APIv3 key or tampered text). */
    DECRYPTION_FAILED,
    /** Addressed to another app or merchant. */
    WRONG_RECIPIENT,
    /** The amount differs from the order's amount. */
    AMOUNT_MISMATCH
}
