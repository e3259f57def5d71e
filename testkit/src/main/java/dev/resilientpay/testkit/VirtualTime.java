package dev.resilientpay.testkit;

import dev.resilientpay.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link TimeSource} for tests whose {@link #sleep} advances a virtual clock at once instead of
 * waiting: a payment-code flow that polls for 45 seconds runs in the milliseconds its HTTP calls
 * take, and every wait is recorded for assertions. Thread-safe.
 *
 * <pre>{@code
 * VirtualTime time = new VirtualTime();
 * PaymentClient client = PaymentClient.builder()
 *         .provider(AlipayProvider.create(config))       // configured from the AlipaySimulator
 *         .timeSource(time)                              // polling waits are virtual
 *         .build();
 * String code = alipay.newPaymentCode(AlipaySimulatorPayer.confirmsAfter(2));
 *
 * PaymentOutcome outcome = client.pay(request(code));
 *
 * assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
 * assertThat(time.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));   // the schedule, in virtual time
 * }</pre>
 *
 * <p>Only the client's waits (retry backoff, polling intervals) and the deadlines it measures are
 * virtual; HTTP timeouts and the gateways' own clocks stay real. To stamp the simulators' times
 * ({@code gmt_payment}, notification times) from the same clock, give them {@link #clock()}:
 * {@code AlipaySimulator.builder().clock(time.clock())}. Whether a wait happened is asserted on
 * {@link #sleeps()} or {@link #slept()}, never on wall time.
 */
public final class VirtualTime implements TimeSource {

    /** Where a virtual clock starts unless told otherwise: {@code 2025-01-01T00:00:00Z}. */
    public static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private final Instant start;
    private Instant now;
    private final List<Duration> sleeps = new ArrayList<>();

    /** A virtual clock at {@link #EPOCH}. */
    public VirtualTime() {
        this(EPOCH);
    }

    /**
     * A virtual clock at {@code start}.
     *
     * @param start the instant the clock starts at
     */
    public VirtualTime(Instant start) {
        this.start = Objects.requireNonNull(start, "start");
        this.now = start;
    }

    /** {@return the virtual now: the start plus every sleep and advance so far} */
    @Override
    public synchronized Instant now() {
        return now;
    }

    /**
     * Records the wait and moves the clock forward by it, at once. A zero or negative wait is recorded
     * and moves nothing, as {@link TimeSource#system()} would not wait.
     *
     * @param duration how long the caller wants to wait
     * @throws InterruptedException if the calling thread is interrupted (its interrupt status is cleared,
     *                              as {@link Thread#sleep} does)
     */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        Objects.requireNonNull(duration, "duration");
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted before a virtual sleep of " + duration);
        }
        synchronized (this) {
            sleeps.add(duration);
            if (!duration.isNegative()) {
                now = now.plus(duration);
            }
        }
    }

    /**
     * Moves the clock forward without recording a sleep: time that passes while the code under test
     * works (a slow answer, a day between a payment and its bill).
     *
     * @param duration how far to move, zero or more
     * @return the new virtual now
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public synchronized Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        now = now.plus(duration);
        return now;
    }

    /** {@return the instant this clock started at} */
    public Instant start() {
        return start;
    }

    /** {@return how far the clock moved since it started: every sleep and advance} */
    public synchronized Duration elapsed() {
        return Duration.between(start, now);
    }

    /** {@return the sum of every positive sleep so far: how long the code under test would have waited} */
    public synchronized Duration slept() {
        Duration total = Duration.ZERO;
        for (Duration sleep : sleeps) {
            if (!sleep.isNegative()) {
                total = total.plus(sleep);
            }
        }
        return total;
    }

    /** {@return every sleep so far, in order, as requested (zero and negative ones included)} */
    public synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public synchronized String toString() {
        return "VirtualTime[" + now + ", elapsed " + Duration.between(start, now) + "]";
    }
}
