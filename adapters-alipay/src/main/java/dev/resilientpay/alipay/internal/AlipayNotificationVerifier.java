package dev.resilientpay.alipay.internal;

import dev.resilientpay.Notification;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.RsaSha256;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies Alipay's asynchronous notifications from the raw form body: decoded exactly once,
 * {@code sign} and {@code sign_type} left out of the signed string, RSA2 with the Alipay key, then
 * the {@code app_id} checked. A verified {@code trade_status_sync} carrying a refund
 * ({@code out_biz_no} and {@code refund_fee}) is a {@link Notification.RefundNotification}, any
 * other a {@link Notification.PaymentNotification}.
 *
 * <p>The reply is exactly {@code success} (text/plain, 200) once processed; anything else makes
 * Alipay deliver again, so a rejection answers {@code fail}.
 */
public final class AlipayNotificationVerifier implements NotificationVerifier {

    /** No real notification is anywhere near this size. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The acknowledgement Alipay expects: the plain text {@code success}, nothing else. */
    public static final NotificationReply SUCCESS = new NotificationReply(200, "text/plain", "success");

    /** The answer to a notification that is not trusted: Alipay delivers it again later. */
    public static final NotificationReply FAIL = new NotificationReply(200, "text/plain", "fail");

    private static final Logger log = LoggerFactory.getLogger(AlipayNotificationVerifier.class);
    private static final Set<String> EXCLUDED = Set.of("sign", "sign_type");

    private final String appId;
    private final Supplier<List<RsaSha256.Verifier>> keys;

    /**
     * A verifier for notifications addressed to {@code appId}.
     *
     * @param keys the Alipay keys currently trusted (more than one after a certificate rotation)
     */
    public AlipayNotificationVerifier(String appId, Supplier<List<RsaSha256.Verifier>> keys) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    @Override
    public NotificationResult verify(Map<String, String> headers, byte[] body) {
        if (body == null || body.length == 0) {
            return reject(NotificationRejection.MALFORMED, "empty body");
        }
        if (body.length > MAX_BODY_BYTES) {
            return reject(NotificationRejection.TOO_LARGE, body.length + " bytes");
        }
        Map<String, String> form;
        try {
            form = FormCodec.decode(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return reject(NotificationRejection.MALFORMED, "not a form: " + e.getMessage());
        }
        String sign = form.get("sign");
        if (sign == null || sign.isBlank()) {
            return reject(NotificationRejection.SIGNATURE_INVALID, "no sign");
        }
        String signType = form.get("sign_type");
        if (signType != null && !signType.isBlank() && !"RSA2".equals(signType)) {
            return reject(NotificationRejection.SIGNATURE_INVALID, "sign_type " + signType + " is not accepted (RSA2 only)");
        }
        String content = AlipayRequestSigner.canonical(form, EXCLUDED);
        boolean verified = false;
        for (RsaSha256.Verifier key : keys.get()) {
            if (key.verify(content, sign)) {
                verified = true;
                break;
            }
        }
        if (!verified) {
            return reject(NotificationRejection.SIGNATURE_INVALID, "signature does not verify");
        }
        if (!appId.equals(form.get("app_id"))) {
            return reject(NotificationRejection.WRONG_RECIPIENT, "app_id " + form.get("app_id") + " is not " + appId);
        }
        String notifyId = form.get("notify_id");
        String orderId = form.get("out_trade_no");
        if (blank(notifyId) || blank(orderId)) {
            return reject(NotificationRejection.MALFORMED, "notify_id or out_trade_no missing");
        }
        String type = blank(form.get("notify_type")) ? "trade_status_sync" : form.get("notify_type");
        String tradeStatus = form.get("trade_status");
        Notification notification;
        if (!blank(form.get("out_biz_no")) && !blank(form.get("refund_fee"))) {
            notification = new Notification.RefundNotification(notifyId, type, new RefundStatus(orderId,
                    form.get("out_biz_no"), form.get("trade_no"), AlipayRules.parseYuan(form.get("refund_fee")),
                    RefundState.SUCCEEDED, AlipayRules.parseTime(form.get("gmt_refund")), tradeStatus));
        } else {
            notification = new Notification.PaymentNotification(notifyId, type, new TradeStatus(orderId,
                    AlipayRules.tradeState(tradeStatus), form.get("trade_no"), AlipayRules.parseYuan(form.get("total_amount")),
                    AlipayRules.parseTime(form.get("gmt_payment")), tradeStatus));
        }
        log.debug("alipay notification {} for {} verified: {}", notifyId, orderId, tradeStatus);
        return new NotificationResult.Accepted(notification, false, SUCCESS);
    }

    private static NotificationResult reject(NotificationRejection reason, String detail) {
        log.warn("alipay notification rejected: {} ({})", reason, detail);
        return new NotificationResult.Rejected(reason, detail, FAIL);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public String toString() {
        return "AlipayNotificationVerifier[appId=" + appId + "]";
    }
}
