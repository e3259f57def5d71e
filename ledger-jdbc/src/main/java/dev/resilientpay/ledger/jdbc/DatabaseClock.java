package dev.resilientpay.ledger.jdbc;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * The database's clock without a round trip per reading: the database time read at the last sync
 * plus the time elapsed since on this JVM's monotonic clock; read again every {@code syncEvery}.
 * Readings never go backwards, and are in micro-seconds (what the columns store).
 */
final class DatabaseClock {

    private final Supplier<Instant> database;
    private final long syncEveryNanos;
    private final Supplier<Duration> skew;
    private Instant base;
    private long baseNanos;
    private long lastSyncNanos;
    private Instant last = Instant.EPOCH;

    DatabaseClock(Supplier<Instant> database, Duration syncEvery, Supplier<Duration> skew) {
        this.database = database;
        this.syncEveryNanos = syncEvery.toNanos();
        this.skew = skew;
    }

    Instant now() {
        Instant reading;
        synchronized (this) {
            long nanos = System.nanoTime();
            if (base == null || nanos - lastSyncNanos >= syncEveryNanos) {
                sync();
                nanos = System.nanoTime();
            }
            reading = base.plusNanos(nanos - baseNanos).truncatedTo(ChronoUnit.MICROS);
            if (reading.isBefore(last)) {
                reading = last;
            }
            last = reading;
        }
        return reading.plus(skew.get());
    }

    /**
     * Reads the database clock; the reading is taken as of the middle of the round trip. Once a
     * reading exists, a failed re-read keeps counting from it (the next try is one period later):
     * only the very first reading needs the database.
     */
    private void sync() {
        long before = System.nanoTime();
        lastSyncNanos = before;
        Instant read;
        try {
            read = database.get();
        } catch (RuntimeException e) {
            if (base == null) {
                throw e;
            }
            return;
        }
        long after = System.nanoTime();
        base = read;
        baseNanos = before + (after - before) / 2;
    }
}
