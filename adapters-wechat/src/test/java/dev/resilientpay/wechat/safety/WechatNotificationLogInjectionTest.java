package dev.resilientpay.wechat.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.testing.CapturedLogs;
import dev.resilientpay.wechat.WechatPayProvider;
import dev.resilientpay.wechat.support.MutableClock;
import dev.resilientpay.wechat.support.Vectors;
import dev.resilientpay.wechat.support.WechatSigning;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 10 (the WeChat side of "notifications reach WARN logs with unverified values"): a forged
 * post's {@code Wechatpay-Serial} is logged capped and without its line breaks.
 */
class WechatNotificationLogInjectionTest {

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));
    private final WechatPayProvider provider = WechatPayProvider.create(Vectors.publicKeyConfig().clock(clock).build());

    @Test
    void forgedSerialCannotForgeALogLine() {
        String body = WechatSigning.notificationBody("EV-1", "TRANSACTION.SUCCESS", "transaction", "{}",
                Vectors.API_V3_KEY);
        Map<String, String> headers = new LinkedHashMap<>(
                WechatSigning.headers(body, Vectors.PUBLIC_KEY_ID, Vectors.platformPrivateKey(), clock.seconds()));
        headers.put("Wechatpay-Serial", "X\r\n2026-12-02 WARN wechat: payment ORDER-9 verified " + "y".repeat(300));
        CapturedLogs.clear();

        NotificationResult result = provider.notifications().verify(headers, body.getBytes(StandardCharsets.UTF_8));

        assertThat(((NotificationResult.Rejected) result).reason()).isEqualTo(NotificationRejection.UNKNOWN_KEY);
        // the rejection was logged once, with the forged serial cleaned and capped
        assertThat(CapturedLogs.lines()).filteredOn(line -> line.contains("Wechatpay-Serial")).singleElement()
                .satisfies(line -> assertThat(line).startsWith("WARN ")
                        .contains("notification rejected (UNKNOWN_KEY): Wechatpay-Serial X??2026-12-02 WARN wechat")
                        .doesNotContain("\r").doesNotContain("\n").doesNotContain("y".repeat(20)));
        assertThat(CapturedLogs.lines()).isNotEmpty().noneMatch(line -> line.contains("y".repeat(20)));
    }
}
