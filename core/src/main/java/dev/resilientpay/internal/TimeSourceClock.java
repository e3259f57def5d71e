package dev.resilientpay.internal;

import dev.resilientpay.TimeSource;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A {@link Clock} reading a {@link TimeSource}: {@link TimeSource#clock()}. */
public final class TimeSourceClock extends Clock {

    private final TimeSource time;
    private final ZoneId zone;

    /**
     * A UTC clock reading {@code time}.
     *
     * @param time the time source to read
     */
    public TimeSourceClock(TimeSource time) {
        this(time, ZoneOffset.UTC);
    }

    private TimeSourceClock(TimeSource time, ZoneId zone) {
        this.time = time;
        this.zone = zone;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new TimeSourceClock(time, java.util.Objects.requireNonNull(zone, "zone"));
    }

    @Override
    public Instant instant() {
        return time.now();
    }
}
