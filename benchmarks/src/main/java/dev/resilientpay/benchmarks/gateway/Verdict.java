package dev.resilientpay.benchmarks.gateway;

/** What the merchant's code believes after a payment call returned. */
public enum Verdict {
    /** The merchant believes the payer was charged (ships the goods). */
    PAID,
    /** The merchant believes nothing was charged (asks for another payment). */
    NOT_PAID,
    /** The merchant knows it does not know yet (our {@code InDoubt}; the SDK loops' "report in doubt"). */
    IN_DOUBT
}
