package dev.resilientpay.wechat.support;

import dev.resilientpay.Failure;
import dev.resilientpay.spi.Attempt;

/** Reads the failure out of an attempt (Java 17: no pattern switch). */
public final class Attempts {

    private Attempts() {}

    /** The failure of an Unknown, NotSent or Rejected attempt; fails the test for any other. */
    public static Failure failure(Attempt<?> attempt) {
        if (attempt instanceof Attempt.Unknown<?> u) {
            return u.failure();
        }
        if (attempt instanceof Attempt.NotSent<?> n) {
            return n.failure();
        }
        if (attempt instanceof Attempt.Rejected<?> r) {
            return r.failure();
        }
        throw new AssertionError("no failure in " + attempt);
    }
}
