package dev.resilientpay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.FailureReason;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.VirtualTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 8: the breaker tells an outage from a burst (a cold start, the service's own CPU starved). */
class ProviderGuardTest {

    private final VirtualTime time = new VirtualTime();
    private final ProviderGuard guard = new ProviderGuard("p", BreakerPolicy.defaults(), time, new Listeners(List.of()));
    private final Attempt<Object> timeout = Answers.notSent(FailureReason.TIMEOUT);
    private final Attempt<Object> answered = new Attempt.Succeeded<>("ok");

    @Test
    void aBurstOfTimeoutsWithinAMomentDoesNotOpenTheDefaultBreaker() {
        for (int i = 0; i < 100; i++) {
            assertThat(guard.permit()).isTrue();
            guard.record(timeout, Duration.ofSeconds(2));
            time.advance(Duration.ofMillis(20)); // 100 callers of a cold JVM, all within 2 s
        }

        assertThat(guard.state()).isEqualTo("CLOSED");
    }

    @Test
    void failuresSpreadOverTenSecondsOpenIt() {
        for (int i = 0; i < 100; i++) {
            guard.record(timeout, Duration.ofSeconds(2));
            time.advance(Duration.ofMillis(150));
        }

        assertThat(guard.state()).isEqualTo("OPEN");
        assertThat(guard.permit()).isFalse();
    }

    @Test
    void aRateBelowTheThresholdNeverOpensItHoweverLongItLasts() {
        for (int i = 0; i < 1000; i++) {
            guard.record(i % 10 < 4 ? timeout : answered, Duration.ofMillis(100));
            time.advance(Duration.ofMillis(100));
        }

        assertThat(guard.state()).isEqualTo("CLOSED");
    }

    @Test
    void afterTheOpenDurationTrialCallsCloseItAgain() {
        failuresSpreadOverTenSecondsOpenIt();
        time.advance(Duration.ofSeconds(31));

        for (int i = 0; i < 3; i++) {
            assertThat(guard.permit()).isTrue();
            guard.record(answered, Duration.ofMillis(100));
        }

        assertThat(guard.state()).isEqualTo("CLOSED");
    }
}
