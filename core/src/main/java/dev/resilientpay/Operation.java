package dev.resilientpay;

/** The operations of the order life cycle, used in policies, events and logs. */
public enum Operation {
    /** Payment-code (barcode) pay: charges at once, may need the payer to confirm. */
    PAY_BY_CODE,
    /** Creating an order the payer pays later (QR, in-app, app, web). */
    CREATE_ORDER,
    /** Querying an order. */
    QUERY,
    /** Closing an unpaid order. */
    CLOSE,
    /** Cancelling (reversing) an order whatever its state: closes it, or refunds it if paid. */
    CANCEL,
    /** Refunding. */
    REFUND,
    /** Querying a refund. */
    REFUND_QUERY
}
