package dev.resilientpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.wechat.support.MutableClock;
import dev.resilientpay.wechat.support.Vectors;
import dev.resilientpay.wechat.support.WechatSigning;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The 5-minute window of {@code Wechatpay-Timestamp} holds at the ends of the long range too. */
class WechatTimestampWindowTest {

    private static final String BODY = WechatSigning.notificationBody("EV-1", "TRANSACTION.SUCCESS", "transaction",
            "{\"out_trade_no\":\"ORDER_20231115_0001\",\"trade_state\":\"SUCCESS\"}", Vectors.API_V3_KEY);

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));
    private final WechatPayProvider provider = WechatPayProvider.create(Vectors.publicKeyConfig().clock(clock).build());

    @Test
    void timestampWhoseDistanceFromNowOverflowsIsStale() {
        // now - ts == 2^63 overflows to Long.MIN_VALUE, and Math.abs(Long.MIN_VALUE) < 300: was "fresh".
        long timestamp = clock.seconds() - Long.MIN_VALUE;

        assertThat(rejection(timestamp)).isEqualTo(NotificationRejection.STALE);
    }

    @Test
    void timestampsAtTheEndsOfTheLongRangeAreStale() {
        assertThat(rejection(Long.MIN_VALUE)).isEqualTo(NotificationRejection.STALE);
        assertThat(rejection(Long.MAX_VALUE)).isEqualTo(NotificationRejection.STALE);
    }

    @Test
    void windowIsOpenStrictlyInsideFiveMinutes() {
        assertThat(rejection(clock.seconds() - 300)).isEqualTo(NotificationRejection.STALE);
        assertThat(rejection(clock.seconds() + 300)).isEqualTo(NotificationRejection.STALE);
        assertThat(provider.notifications().verify(WechatSigning.headers(BODY, Vectors.PUBLIC_KEY_ID,
                Vectors.platformPrivateKey(), clock.seconds() - 299), BODY.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(NotificationResult.Accepted.class);
    }

    private NotificationRejection rejection(long timestamp) {
        NotificationResult result = provider.notifications().verify(
                WechatSigning.headers(BODY, Vectors.PUBLIC_KEY_ID, Vectors.platformPrivateKey(), timestamp),
                BODY.getBytes(StandardCharsets.UTF_8));
        assertThat(result).isInstanceOf(NotificationResult.Rejected.class);
        return ((NotificationResult.Rejected) result).reason();
    }
}
