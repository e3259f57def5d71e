package dev.resilientpay.benchmarks.gateway;

import java.util.concurrent.atomic.LongAdder;

/**
 * What both official-SDK callers share: counting what they send, and the recovery loop both
 * providers' documentation recommends for a payment-code payment whose outcome is not known
 * (poll the order, then cancel / reverse it, retrying the cancel, and report in doubt at the end).
 * The loop is written from the documentation (see {@code docs/benchmarks.md}), with every interval
 * scaled by {@link Timing}.
 */
abstract class SdkCaller implements PaymentCaller {

    /** What one order query said. */
    enum Probe { PAID, CLOSED, WAITING, UNKNOWN }

    /** What one cancel (Alipay) or reverse (WeChat) said. */
    enum Cancel { DONE, RETRY }

    protected final Timing timing;
    protected final boolean recovering;
    private final LongAdder issued = new LongAdder();

    SdkCaller(Timing timing, boolean recovering) {
        this.timing = timing;
        this.recovering = recovering;
    }

    /** One query of the order; counts as one request. */
    abstract Probe query(String orderId);

    /** One cancel / reverse of the order; counts as one request. */
    abstract Cancel cancel(String orderId);

    /** Call before every HTTP call the caller makes. */
    protected final void issuing() {
        issued.increment();
    }

    @Override
    public final long requestsIssued() {
        return issued.sum();
    }

    /**
     * Polls every {@link Timing#pollInterval()} for {@link Timing#pollFor()} (the first poll at once
     * unless {@code waitFirst}), then cancels up to {@link Timing#cancelTries()} times, one interval apart.
     */
    protected final Verdict recover(String orderId, boolean waitFirst) {
        long end = System.nanoTime() + timing.pollFor().toNanos();
        boolean wait = waitFirst;
        while (true) {
            if (wait) {
                sleep();
            }
            wait = true;
            Probe probe = query(orderId);
            if (probe == Probe.PAID) {
                return Verdict.PAID;
            }
            if (probe == Probe.CLOSED) {
                return Verdict.NOT_PAID;
            }
            if (System.nanoTime() - end >= 0) {
                break;
            }
        }
        for (int i = 0; i < timing.cancelTries(); i++) {
            if (i > 0) {
                sleep();
            }
            if (cancel(orderId) == Cancel.DONE) {
                return Verdict.NOT_PAID;
            }
        }
        return Verdict.IN_DOUBT;
    }

    private void sleep() {
        try {
            Thread.sleep(timing.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
