package dev.resilientpay;

/** What one attempt at an operation proved about its effect at the provider. */
public enum Classification {
    /** The provider answered definitely: success, or a failure that did not move money. */
    DEFINITE,
    /**
     * The provider did not act on the request (connection refused, rate limited, breaker open), or
     * asked for the same request to be sent again: re-sending with the same idempotency key is safe.
     */
    NOT_SENT,
    /**
     * The request may have been processed (timeout or reset after sending, 5xx, an answer that
     * failed verification): the provider must be asked before anything else is done.
     */
    UNKNOWN,
    /** The provider is processing or the payer is confirming: poll. */
    PENDING
}
