package dev.resilientpay.spi;

/** Why a bill could not be used. */
public enum BillProblem {
    /** The request or the download did not get through (connection, timeout, HTTP 5xx, 429). */
    NETWORK,
    /** The provider refused the request (bad parameters, no permission, no bill for that day). */
    REFUSED,
    /** An answer failed signature verification, or was malformed: never trusted. */
    UNTRUSTED,
    /** The download URL had expired by the time it was fetched. */
    URL_EXPIRED,
    /** The downloaded file's digest did not match the one the provider signed. */
    DIGEST_MISMATCH,
    /** The file ended early (no summary, unreadable archive, fewer bytes than announced). */
    TRUNCATED,
    /** A row or the summary could not be read, or the summary lines disagree with the rows. */
    MALFORMED,
    /** The downloaded copy could not be kept on local disk. */
    LOCAL_IO
}
