package dev.resilientpay.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.spi.LedgerUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseClockTest {

    private static final Instant T = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void readingsFollowTheDatabaseClockInMicroseconds() {
        DatabaseClock clock = new DatabaseClock(readings(T), Duration.ofHours(1), () -> Duration.ZERO);

        Instant now = clock.now();

        assertThat(now).isBetween(T, T.plusSeconds(60));
        assertThat(now.getNano() % 1000).isZero();
    }

    @Test
    void aDatabaseClockThatJumpsBackNeverMakesReadingsGoBackwards() {
        DatabaseClock clock = new DatabaseClock(readings(T, T.minusSeconds(3600)), Duration.ofNanos(1), () -> Duration.ZERO);
        Instant first = clock.now();

        assertThat(clock.now()).isAfterOrEqualTo(first);
    }

    @Test
    void aFailedReReadKeepsCountingFromTheLastReading() {
        DatabaseClock clock = new DatabaseClock(readings(T, null), Duration.ofNanos(1), () -> Duration.ZERO);
        Instant first = clock.now();

        assertThat(clock.now()).isAfterOrEqualTo(first);
    }

    @Test
    void theFirstReadingNeedsTheDatabase() {
        DatabaseClock clock = new DatabaseClock(readings((Instant) null), Duration.ofMinutes(1), () -> Duration.ZERO);

        assertThatThrownBy(clock::now).isInstanceOf(LedgerUnavailableException.class);
    }

    /** The database's answers in turn; {@code null} is an outage. */
    private static java.util.function.Supplier<Instant> readings(Instant... answers) {
        Deque<Instant> queue = new ArrayDeque<>();
        for (Instant answer : answers) {
            queue.add(answer == null ? Instant.MIN : answer);
        }
        List<Instant> last = new java.util.ArrayList<>(List.of(T));
        return () -> {
            Instant next = queue.isEmpty() ? last.get(0) : queue.poll();
            if (next.equals(Instant.MIN)) {
                throw new LedgerUnavailableException("database down", null);
            }
            last.set(0, next);
            return next;
        };
    }
}
