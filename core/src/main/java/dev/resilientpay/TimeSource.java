package dev.resilientpay;

import dev.resilientpay.internal.TimeSourceClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the pipeline gets the time and how it waits. Production uses {@link #system()}; tests inject
 * a virtual one so that a 45-second polling schedule runs in microseconds.
 */
public interface TimeSource {

    /** {@return the current instant} */
    Instant now();

    /**
     * Waits for {@code duration}.
     *
     * @param duration how long to wait
     * @throws InterruptedException if the waiting thread is interrupted
     */
    void sleep(Duration duration) throws InterruptedException;

    /**
     * This time source as a UTC {@link Clock}, for components that take one (ledgers, simulators,
     * resilience4j), so that they run in the same — possibly virtual — time.
     *
     * @return a clock whose {@code instant()} is {@link #now()}
     */
    default Clock clock() {
        return new TimeSourceClock(this);
    }

    /** {@return the system clock and {@link Thread#sleep}} */
    static TimeSource system() {
        return SystemTimeSource.INSTANCE;
    }
}

/** The real clock. */
enum SystemTimeSource implements TimeSource {
    INSTANCE;

    @Override
    public Instant now() {
        return Instant.now();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
        }
    }
}
