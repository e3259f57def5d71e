package dev.resilientpay.examples.chaos;

/**
 * How a simulated payer behaves, in terms both simulators understand.
 *
 * @param kind    what the payer does
 * @param queries for {@link Kind#PAYS_AFTER_QUERIES}: how many status queries find the order still waiting;
 *                the next one finds it paid ({@code confirmsAfter(queries)} on both simulators)
 */
record PayerScript(Kind kind, int queries) {

    /** What the payer does. */
    enum Kind {
        /** Pays at once. */
        PAYS_AT_ONCE,
        /** Confirms on the phone while the merchant polls: pays after a few queries. */
        PAYS_AFTER_QUERIES,
        /** Never confirms (payment code) or never pays (QR). */
        NEVER_PAYS,
        /** The balance is not enough. */
        INSUFFICIENT_FUNDS,
        /** Shows a code that is invalid or expired. */
        INVALID_CODE
    }

    static PayerScript of(Kind kind) {
        return new PayerScript(kind, 0);
    }

    static PayerScript paysAfterQueries(int queries) {
        return new PayerScript(Kind.PAYS_AFTER_QUERIES, queries);
    }
}
