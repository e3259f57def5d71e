package dev.resilientpay.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Fuzz target for the {@code Retry-After} reading both adapters share: any header value is a wait of
 * zero to one hour or {@code null}; nothing escapes. Regression inputs:
 * {@code src/test/resources/dev/resilientpay/transport/GatewayUrlsFuzzTestInputs/}.
 */
class GatewayUrlsFuzzTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 22, 2, 32, 50, 0, ZoneOffset.UTC);

    @FuzzTest(maxDuration = "10m")
    void retryAfterIsBoundedOrAbsent(byte[] input) {
        Duration wait = GatewayUrls.retryAfter(new String(input, StandardCharsets.UTF_8), NOW);

        if (wait != null) {
            assertThat(wait).isBetween(Duration.ZERO, Duration.ofHours(1));
        }
    }
}
