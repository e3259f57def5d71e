package dev.resilientpay.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Money;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.RefundState;
import dev.resilientpay.TradeState;
import dev.resilientpay.alipay.support.GatewayStub;
import dev.resilientpay.alipay.support.TestSigning;
import dev.resilientpay.alipay.support.Vectors;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Notifications through the provider's verifier: typed events, the exact reply, every rejection. */
class AlipayNotificationTest {

    @RegisterExtension
    static final GatewayStub gateway = new GatewayStub();
    private static final AlipayProvider provider = AlipayProvider.create(gateway.config().build());

    @Test
    void paidNotificationIsATypedPaymentEventAnsweredWithSuccess() {
        NotificationResult result = verify(signed(fields()));

        assertThat(result).isInstanceOf(NotificationResult.Accepted.class);
        NotificationResult.Accepted accepted = (NotificationResult.Accepted) result;
        assertThat(accepted.reply()).isEqualTo(new NotificationReply(200, "text/plain", "success"));
        Notification.PaymentNotification payment = (Notification.PaymentNotification) accepted.notification();
        assertThat(payment.id()).isEqualTo("N1");
        assertThat(payment.eventType()).isEqualTo("trade_status_sync");
        assertThat(payment.status().orderId()).isEqualTo("T1");
        assertThat(payment.status().state()).isEqualTo(TradeState.PAID);
        assertThat(payment.status().amount()).isEqualTo(Money.of("88.88", "CNY"));
    }

    @Test
    void refundNotificationIsATypedRefundEvent() {
        Map<String, String> fields = fields();
        fields.put("out_biz_no", "R1");
        fields.put("refund_fee", "10.00");
        fields.put("gmt_refund", "2026-11-22 10:40:00.123");

        NotificationResult.Accepted accepted = (NotificationResult.Accepted) verify(signed(fields));

        Notification.RefundNotification refund = (Notification.RefundNotification) accepted.notification();
        assertThat(refund.status().refundId()).isEqualTo("R1");
        assertThat(refund.status().state()).isEqualTo(RefundState.SUCCEEDED);
        // refund_fee is the trade's cumulative refunded total, not R1's own amount: none is reported.
        assertThat(refund.status().amount()).isNull();
    }

    @Test
    void notificationForAnotherAppIsRejected() {
        Map<String, String> fields = fields();
        fields.put("app_id", "2021999999999999");

        NotificationResult result = verify(signed(fields));

        assertThat(result).isInstanceOf(NotificationResult.Rejected.class);
        assertThat(((NotificationResult.Rejected) result).reason()).isEqualTo(NotificationRejection.WRONG_RECIPIENT);
        assertThat(result.reply().body()).isEqualTo("fail");
    }

    @Test
    void tamperedNotificationIsRejectedWithFail() {
        String body = signed(fields()).replace("total_amount=88.88", "total_amount=0.01");

        NotificationResult result = verify(body);

        assertThat(((NotificationResult.Rejected) result).reason()).isEqualTo(NotificationRejection.SIGNATURE_INVALID);
        assertThat(result.reply().body()).isEqualTo("fail");
    }

    @Test
    void unsignedNotificationIsRejected() {
        NotificationResult result = verify(form(fields()));

        assertThat(((NotificationResult.Rejected) result).reason()).isEqualTo(NotificationRejection.SIGNATURE_INVALID);
    }

    @Test
    void notificationDecodedTwiceByAFrameworkNoLongerVerifies() {
        Map<String, String> fields = fields();
        fields.put("passback_params", "shop%3D42");
        String once = signed(fields);
        String decodedAndReencodedWrongly = once.replace("shop%253D42", "shop%3D42");

        assertThat(verify(once)).isInstanceOf(NotificationResult.Accepted.class);
        assertThat(verify(decodedAndReencodedWrongly)).isInstanceOf(NotificationResult.Rejected.class);
    }

    @Test
    void oversizedNotificationIsRejectedUnread() {
        NotificationResult result = provider.notifications().verify(Map.of(), new byte[70_000]);

        assertThat(((NotificationResult.Rejected) result).reason()).isEqualTo(NotificationRejection.TOO_LARGE);
    }

    @Test
    void repeatedFieldIsMalformed() {
        NotificationResult result = verify(signed(fields()) + "&trade_status=TRADE_SUCCESS");

        assertThat(((NotificationResult.Rejected) result).reason()).isEqualTo(NotificationRejection.MALFORMED);
    }

    private static NotificationResult verify(String body) {
        return provider.notifications().verify(Map.of("content-type", "application/x-www-form-urlencoded"),
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> fields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("notify_time", "2026-11-22 10:33:01");
        f.put("notify_type", "trade_status_sync");
        f.put("notify_id", "N1");
        f.put("app_id", Vectors.appId());
        f.put("charset", "utf-8");
        f.put("version", "1.0");
        f.put("trade_no", "2026X");
        f.put("out_trade_no", "T1");
        f.put("trade_status", "TRADE_SUCCESS");
        f.put("total_amount", "88.88");
        f.put("gmt_payment", "2026-11-22 10:33:00");
        f.put("subject", "咖啡 & 蛋糕");
        return f;
    }

    /** The form with {@code sign} and {@code sign_type}, signed here with plain JDK code. */
    private static String signed(Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("sign", TestSigning.sign(TestSigning.gatewayPrivateKey(), TestSigning.canonical(fields)));
        all.put("sign_type", "RSA2");
        return form(all);
    }

    private static String form(Map<String, String> fields) {
        StringJoiner j = new StringJoiner("&");
        fields.forEach((k, v) -> j.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return j.toString();
    }
}
