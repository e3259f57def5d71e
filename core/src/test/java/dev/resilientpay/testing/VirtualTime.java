package dev.resilientpay.testing;

import dev.resilientpay.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link TimeSource} whose {@link #sleep} advances the clock at once: a 45-second polling schedule
 * runs in microseconds and every wait is recorded for assertions. Thread-safe.
 */
public final class VirtualTime implements TimeSource {

    /** Where every virtual clock starts unless told otherwise. */
    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    /** A clock at {@link #EPOCH}. */
    public VirtualTime() {
        this(EPOCH);
    }

    /** A clock at {@code start}. */
    public VirtualTime(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    /** Advances the clock by {@code duration} and records the wait. */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before a virtual sleep");
        }
        synchronized (this) {
            sleeps.add(duration);
            if (!duration.isNegative()) {
                now = now.plus(duration);
            }
        }
    }

    /** Moves the clock forward without recording a sleep (time passing inside an attempt). */
    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    /** Time between {@code start} and now. */
    public synchronized Duration since(Instant start) {
        return Duration.between(start, now);
    }

    /** Every wait so far, in order. */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public synchronized String toString() {
        return "VirtualTime[" + now + "]";
    }
}
