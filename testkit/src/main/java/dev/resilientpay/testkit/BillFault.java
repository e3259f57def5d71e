package dev.resilientpay.testkit;

/** A way a simulator's bill service misbehaves, for reconciliation tests. */
public enum BillFault {
    /** The bill query answers "not ready yet" (Alipay {@code isp.bill_not_exist}, WeChat {@code NO_STATEMENT_EXIST}). */
    NOT_READY,
    /**
     * The file served does not match what was announced: WeChat Pay's signed {@code hash_value} is of
     * other bytes; Alipay (which publishes no digest) serves a corrupted archive.
     */
    DIGEST_MISMATCH,
    /** The download stops halfway through the file. */
    TRUNCATED,
    /** The download URL has expired by the time it is fetched. */
    URL_EXPIRED
}
