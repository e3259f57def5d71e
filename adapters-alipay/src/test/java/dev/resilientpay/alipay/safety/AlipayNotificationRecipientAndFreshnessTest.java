package dev.resilientpay.alipay.safety;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Notification;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.alipay.support.GatewayStub;
import dev.resilientpay.alipay.support.TestSigning;
import dev.resilientpay.alipay.support.Vectors;
import dev.resilientpay.testing.CapturedLogs;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8, finding 10: Alipay notifications are checked for {@code seller_id} (when configured) and a fresh
 * {@code notify_time}, and nothing unverified reaches a WARN line able to forge another log line. The stub's
 * clock is 2026-11-22 10:32:50 China time.
 */
class AlipayNotificationRecipientAndFreshnessTest {

    private static final String SELLER = "2088102000000001";
    private static final String VERIFIER_LOGGER = "dev.resilientpay.alipay.internal.AlipayNotificationVerifier";

    @RegisterExtension
    static final GatewayStub gateway = new GatewayStub();
    private static final AlipayProvider withSeller = AlipayProvider.create(gateway.config().sellerId(SELLER).build());
    private static final AlipayProvider withoutSeller = AlipayProvider.create(gateway.config().build());

    @Test
    void notificationForAnotherSellerIsRejectedAsWrongRecipient() {
        Map<String, String> f = fields();
        f.put("seller_id", "2088999999999999");

        assertThat(rejection(withSeller, signed(f))).isEqualTo(NotificationRejection.WRONG_RECIPIENT);
    }

    @Test
    void notificationWithoutSellerIdIsRejectedWhenTheSellerIsConfigured() {
        Map<String, String> f = fields();
        f.remove("seller_id");

        assertThat(rejection(withSeller, signed(f))).isEqualTo(NotificationRejection.WRONG_RECIPIENT);
    }

    @Test
    void notificationForTheConfiguredSellerIsAccepted() {
        assertThat(verify(withSeller, signed(fields()))).isInstanceOf(NotificationResult.Accepted.class);
    }

    @Test
    void sellerIsNotCheckedWhenNotConfigured() {
        Map<String, String> f = fields();
        f.put("seller_id", "2088999999999999");

        assertThat(verify(withoutSeller, signed(f))).isInstanceOf(NotificationResult.Accepted.class);
    }

    @Test
    void notificationSentThreeDaysAgoIsStale() {
        Map<String, String> f = fields();
        f.put("notify_time", "2026-11-19 10:32:50");

        assertThat(rejection(withoutSeller, signed(f))).isEqualTo(NotificationRejection.STALE);
    }

    @Test
    void redeliveryAWholeDayLaterIsStillFresh() {
        Map<String, String> f = fields();
        f.put("notify_time", "2026-11-21 09:00:00");

        assertThat(verify(withoutSeller, signed(f))).isInstanceOf(NotificationResult.Accepted.class);
    }

    @Test
    void notificationFromAnHourInTheFutureIsStale() {
        Map<String, String> f = fields();
        f.put("notify_time", "2026-11-22 11:32:50");

        assertThat(rejection(withoutSeller, signed(f))).isEqualTo(NotificationRejection.STALE);
    }

    @Test
    void notificationWithoutNotifyTimeIsMalformed() {
        Map<String, String> f = fields();
        f.remove("notify_time");

        assertThat(rejection(withoutSeller, signed(f))).isEqualTo(NotificationRejection.MALFORMED);
    }

    @Test
    void unverifiedValuesCannotForgeALogLine() {
        String forged = "notify_id=N1&out_trade_no=T1&sign=abc&sign_type="
                + URLEncoder.encode("RSA\r\n2026-11-22 WARN alipay paid T9 " + "x".repeat(500), StandardCharsets.UTF_8);
        CapturedLogs.clear();

        NotificationResult result = verify(withoutSeller, forged);

        assertThat(((NotificationResult.Rejected) result).reason()).isEqualTo(NotificationRejection.SIGNATURE_INVALID);
        // the verifier logged exactly one event, the rejection, and it does carry the forged value: cleaned
        // and capped (an event is one entry whatever it holds, so a line break in it would be a forged line)
        assertThat(CapturedLogs.lines()).filteredOn(line -> line.contains(" " + VERIFIER_LOGGER + " ")).singleElement()
                .satisfies(line -> assertThat(line).startsWith("WARN ")
                        .contains("alipay notification rejected: SIGNATURE_INVALID")
                        .contains("sign_type RSA??2026-11-22 WARN alipay paid T9 xxx")
                        .doesNotContain("\r").doesNotContain("\n").doesNotContain("x".repeat(50)));
        assertThat(((NotificationResult.Rejected) result).detail()).doesNotContain("\r").doesNotContain("\n")
                .hasSizeLessThan(200);
    }

    @Test
    void sellerIdThatIsNotAnAlipayUserIdIsRefusedAtBuild() {
        AlipayConfig.Builder builder = gateway.config().sellerId("seller-1");

        org.assertj.core.api.Assertions.assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sellerId");
    }

    private static NotificationRejection rejection(AlipayProvider provider, String body) {
        NotificationResult result = verify(provider, body);
        assertThat(result).isInstanceOf(NotificationResult.Rejected.class);
        return ((NotificationResult.Rejected) result).reason();
    }

    private static NotificationResult verify(AlipayProvider provider, String body) {
        NotificationResult result = provider.notifications().verify(
                Map.of("content-type", "application/x-www-form-urlencoded"), body.getBytes(StandardCharsets.UTF_8));
        if (result instanceof NotificationResult.Accepted accepted) {
            assertThat(accepted.notification()).isInstanceOf(Notification.PaymentNotification.class);
        }
        return result;
    }

    private static Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("notify_time", "2026-11-22 10:33:01");
        f.put("notify_type", "trade_status_sync");
        f.put("notify_id", "N1");
        f.put("app_id", Vectors.appId());
        f.put("seller_id", SELLER);
        f.put("trade_no", "2026X");
        f.put("out_trade_no", "T1");
        f.put("trade_status", "TRADE_SUCCESS");
        f.put("total_amount", "88.88");
        return f;
    }

    private static String signed(Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("sign", TestSigning.sign(TestSigning.gatewayPrivateKey(), TestSigning.canonical(fields)));
        all.put("sign_type", "RSA2");
        StringJoiner j = new StringJoiner("&");
        all.forEach((k, v) -> j.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }
}
