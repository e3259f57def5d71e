package dev.resilientpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Notification;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.RefundState;
import dev.resilientpay.TradeState;
import dev.resilientpay.wechat.support.MutableClock;
import dev.resilientpay.wechat.support.Vectors;
import dev.resilientpay.wechat.support.WechatSigning;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Notification verification beyond the golden vectors: freshness, headers, limits, refund events. */
class WechatNotificationTest {

    private static final String TRANSACTION = "{\"mchid\":\"1900000109\",\"appid\":\"wxd678efh567hg6787\","
            + "\"out_trade_no\":\"ORDER_20231115_0001\",\"transaction_id\":\"4200\",\"trade_state\":\"SUCCESS\","
            + "\"success_time\":\"2023-11-15T06:13:25+08:00\",\"amount\":{\"total\":100,\"currency\":\"CNY\"}}";

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));
    private final WechatPayProvider provider = WechatPayProvider.create(Vectors.publicKeyConfig().clock(clock).build());

    private NotificationResult deliver(String body, long timestamp) {
        return deliver(body, WechatSigning.headers(body, Vectors.PUBLIC_KEY_ID, Vectors.platformPrivateKey(), timestamp));
    }

    private NotificationResult deliver(String body, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Wechatpay-Signature-Type", "WECHATPAY2-SHA256-RSA2048");
        return provider.notifications().verify(all, body.getBytes(StandardCharsets.UTF_8));
    }

    private static NotificationRejection rejection(NotificationResult result) {
        assertThat(result).isInstanceOf(NotificationResult.Rejected.class);
        return ((NotificationResult.Rejected) result).reason();
    }

    private String transactionBody(String plaintext) {
        return WechatSigning.notificationBody("EV-1", "TRANSACTION.SUCCESS", "transaction", plaintext,
                Vectors.API_V3_KEY);
    }

    @Test
    void freshPaymentNotificationIsAcceptedWithAnEmpty200Reply() {
        NotificationResult result = deliver(transactionBody(TRANSACTION), clock.seconds());

        var accepted = (NotificationResult.Accepted) result;
        var payment = (Notification.PaymentNotification) accepted.notification();
        assertThat(payment.id()).isEqualTo("EV-1");
        assertThat(payment.orderId()).isEqualTo("ORDER_20231115_0001");
        assertThat(payment.status().state()).isEqualTo(TradeState.PAID);
        assertThat(accepted.reply().status()).isEqualTo(200);
        assertThat(accepted.reply().body()).isEmpty();
    }

    @Test
    void hourOldNotificationIsRejectedAsStale() {
        NotificationResult result = deliver(transactionBody(TRANSACTION), clock.seconds() - 3600);

        assertThat(rejection(result)).isEqualTo(NotificationRejection.STALE);
        assertThat(result.reply().status()).isEqualTo(401);
        assertThat(result.reply().contentType()).isEqualTo("application/json");
        assertThat(result.reply().body()).startsWith("{\"code\":\"FAIL\",\"message\":\"");
    }

    @Test
    void lowercaseHeaderNamesAreAccepted() {
        String body = transactionBody(TRANSACTION);
        Map<String, String> lower = new LinkedHashMap<>();
        WechatSigning.headers(body, Vectors.PUBLIC_KEY_ID, Vectors.platformPrivateKey(), clock.seconds())
                .forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));

        assertThat(deliver(body, lower)).isInstanceOf(NotificationResult.Accepted.class);
    }

    @Test
    void unsignedNotificationIsRejected() {
        assertThat(rejection(deliver(transactionBody(TRANSACTION), Map.of())))
                .isEqualTo(NotificationRejection.SIGNATURE_INVALID);
    }

    @Test
    void signatureProbeIsRejected() {
        String body = transactionBody(TRANSACTION);
        Map<String, String> headers = new LinkedHashMap<>(WechatSigning.headers(body, Vectors.PUBLIC_KEY_ID,
                Vectors.platformPrivateKey(), clock.seconds()));
        headers.put("Wechatpay-Signature", "WECHATPAY/SIGNTEST/AAAA");

        assertThat(rejection(deliver(body, headers))).isEqualTo(NotificationRejection.SIGNATURE_INVALID);
    }

    @Test
    void notificationFromAnUnknownSerialIsRejected() {
        String body = transactionBody(TRANSACTION);

        assertThat(rejection(deliver(body, WechatSigning.headers(body, "PUB_KEY_ID_999", Vectors.platformPrivateKey(),
                clock.seconds())))).isEqualTo(NotificationRejection.UNKNOWN_KEY);
    }

    @Test
    void oversizedBodyIsRejectedBeforeAnyParsing() {
        String body = "{\"id\":\"" + "x".repeat(70_000) + "\"}";

        NotificationResult result = deliver(body, clock.seconds());

        assertThat(rejection(result)).isEqualTo(NotificationRejection.TOO_LARGE);
        assertThat(result.reply().status()).isEqualTo(413);
    }

    @Test
    void signedBodyThatIsNotAnEnvelopeIsMalformed() {
        assertThat(rejection(deliver("<xml>not json</xml>", clock.seconds()))).isEqualTo(NotificationRejection.MALFORMED);
    }

    @Test
    void notificationForAnotherMerchantIsRejected() {
        assertThat(rejection(deliver(transactionBody(TRANSACTION.replace("1900000109", "1900000999")),
                clock.seconds()))).isEqualTo(NotificationRejection.WRONG_RECIPIENT);
    }

    @Test
    void refundClosedAndAbnormalEventsAreTypedByRefundStatus() {
        for (String status : new String[] {"CLOSED", "ABNORMAL", "SUCCESS"}) {
            String plaintext = "{\"mchid\":\"1900000109\",\"out_trade_no\":\"ORDER_20231115_0001\",\"out_refund_no\":"
                    + "\"REFUND_1\",\"refund_id\":\"5000\",\"refund_status\":\"" + status + "\",\"amount\":{\"total\":100,"
                    + "\"refund\":100,\"payer_total\":100,\"payer_refund\":100}}";
            String body = WechatSigning.notificationBody("EV-R-" + status, "REFUND." + status, "refund", plaintext,
                    Vectors.API_V3_KEY);

            var refund = (Notification.RefundNotification) ((NotificationResult.Accepted) deliver(body, clock.seconds()))
                    .notification();

            assertThat(refund.eventType()).isEqualTo("REFUND." + status);
            assertThat(refund.status().refundId()).isEqualTo("REFUND_1");
            assertThat(refund.status().rawState()).isEqualTo(status);
            assertThat(refund.status().state()).isEqualTo(switch (status) {
                case "CLOSED" -> RefundState.CLOSED;
                case "ABNORMAL" -> RefundState.ABNORMAL;
                default -> RefundState.SUCCEEDED;
            });
        }
    }

    @Test
    void resourceEncryptedWithAnotherApiV3KeyIsRejected() {
        String body = WechatSigning.notificationBody("EV-1", "TRANSACTION.SUCCESS", "transaction", TRANSACTION,
                "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345");

        assertThat(rejection(deliver(body, clock.seconds()))).isEqualTo(NotificationRejection.DECRYPTION_FAILED);
    }
}
