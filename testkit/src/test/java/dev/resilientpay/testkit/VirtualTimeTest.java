package dev.resilientpay.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VirtualTimeTest {

    @Test
    void startsAtTheEpochUnlessGivenAStart() {
        Instant start = Instant.parse("2026-03-01T08:00:00Z");

        assertThat(new VirtualTime().now()).isEqualTo(VirtualTime.EPOCH);
        assertThat(new VirtualTime(start).now()).isEqualTo(start);
        assertThat(new VirtualTime(start).start()).isEqualTo(start);
    }

    @Test
    void sleepMovesTheClockByTheWaitAndRecordsIt() throws InterruptedException {
        VirtualTime time = new VirtualTime();

        time.sleep(Duration.ofSeconds(3));
        time.sleep(Duration.ofMillis(4_500));

        assertThat(time.now()).isEqualTo(VirtualTime.EPOCH.plusMillis(7_500));
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(3), Duration.ofMillis(4_500));
        assertThat(time.slept()).isEqualTo(Duration.ofMillis(7_500));
        assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(7_500));
    }

    @Test
    void advanceMovesTheClockWithoutCountingAsASleep() throws InterruptedException {
        VirtualTime time = new VirtualTime();
        time.sleep(Duration.ofSeconds(1));

        Instant after = time.advance(Duration.ofDays(1));

        assertThat(after).isEqualTo(VirtualTime.EPOCH.plus(Duration.ofDays(1)).plusSeconds(1));
        assertThat(time.now()).isEqualTo(after);
        assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertThat(time.slept()).isEqualTo(Duration.ofSeconds(1));
        assertThat(time.elapsed()).isEqualTo(Duration.ofDays(1).plusSeconds(1));
    }

    @Test
    void advanceRefusesToGoBack() {
        VirtualTime time = new VirtualTime();

        assertThatThrownBy(() -> time.advance(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("negative");
        assertThat(time.now()).isEqualTo(VirtualTime.EPOCH);
    }

    @Test
    void zeroAndNegativeSleepsAreRecordedButMoveNothing() throws InterruptedException {
        VirtualTime time = new VirtualTime();

        time.sleep(Duration.ZERO);
        time.sleep(Duration.ofSeconds(-2));

        assertThat(time.now()).isEqualTo(VirtualTime.EPOCH);
        assertThat(time.sleeps()).containsExactly(Duration.ZERO, Duration.ofSeconds(-2));
        assertThat(time.slept()).isZero();
    }

    @Test
    void anInterruptedThreadGetsInterruptedExceptionAndItsFlagCleared() {
        VirtualTime time = new VirtualTime();
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> time.sleep(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
        assertThat(time.now()).isEqualTo(VirtualTime.EPOCH);
        assertThat(time.sleeps()).isEmpty();
    }

    @Test
    void clockReadsTheVirtualNowInAnyZone() throws InterruptedException {
        VirtualTime time = new VirtualTime();
        Clock clock = time.clock();
        Clock shanghai = clock.withZone(ZoneId.of("Asia/Shanghai"));

        time.sleep(Duration.ofMinutes(5));

        assertThat(clock.instant()).isEqualTo(VirtualTime.EPOCH.plusSeconds(300));
        assertThat(clock.getZone()).isEqualTo(java.time.ZoneOffset.UTC);
        assertThat(shanghai.instant()).isEqualTo(clock.instant());
        assertThat(shanghai.getZone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    }

    @Test
    void concurrentSleepsAreAllCountedExactly() throws Exception {
        VirtualTime time = new VirtualTime();
        int threads = 8;
        int sleepsEach = 1_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < sleepsEach; i++) {
                        time.sleep(Duration.ofMillis(1));
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(time.sleeps()).hasSize(threads * sleepsEach);
        assertThat(time.elapsed()).isEqualTo(Duration.ofMillis(threads * sleepsEach));
    }
}
