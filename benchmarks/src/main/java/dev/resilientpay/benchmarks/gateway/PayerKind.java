package dev.resilientpay.benchmarks.gateway;

import java.util.Random;

/** How the payer behind one payment code behaves; the same mix is drawn for every client. */
public enum PayerKind {
    /** Pays at once: the gateway answers success. */
    PAYS_AT_ONCE,
    /** Confirms on the phone: the gateway answers "paying"; two queries find the order waiting and the
     * third finds it paid (on both gateways), or later anyway (see {@link Gateway#payerFinishesConfirming}). */
    CONFIRMS_LATER,
    /** The balance is not enough: a definite business failure. */
    INSUFFICIENT_FUNDS,
    /** Never confirms: the order waits until it is cancelled. */
    NEVER_CONFIRMS;

    /** The mix {@link #of} draws from, for the report. */
    public static final String MIX = "85 % pay at once, 7 % confirm on the phone (two queries find the order waiting,"
            + " the third finds it paid, or anyway once the storm is over), 4 % have too little money, 4 % never confirm";

    /** The payer of payment number {@code index}: 85 % at once, 7 % later, 4 % no funds, 4 % never. */
    public static PayerKind of(long seed, int index) {
        int roll = new Random(seed * 1_000_003L + index).nextInt(100);
        if (roll < 85) {
            return PAYS_AT_ONCE;
        }
        if (roll < 92) {
            return CONFIRMS_LATER;
        }
        return roll < 96 ? INSUFFICIENT_FUNDS : NEVER_CONFIRMS;
    }
}
