package dev.resilientpay.model;

/**
 * What the payer does. For a payment code: pays at once, is asked to confirm and does so after
 * {@code after} further gateway requests, never confirms, or lacks the funds. For a QR order: scans
 * and pays after {@code after} gateway requests, or never.
 *
 * @param kind  the behaviour
 * @param after gateway requests (any endpoint) between the order's creation and the payment
 */
record Payer(Kind kind, int after) {

    /** The payer's behaviour. */
    enum Kind { PAYS_AT_ONCE, CONFIRMS_LATER, NEVER_CONFIRMS, INSUFFICIENT_FUNDS }

    @Override
    public String toString() {
        return kind == Kind.CONFIRMS_LATER ? "CONFIRMS_AFTER_" + after + "_REQUESTS" : kind.name();
    }
}
