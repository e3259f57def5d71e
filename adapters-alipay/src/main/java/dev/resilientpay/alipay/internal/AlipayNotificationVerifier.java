package dev.resilientpay.alipay.internal;

import dev.resilientpay.Money;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.RsaSha256;
import dev.resilientpay.transport.internal.LogSafe;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * the recipient ({@code app_id}, and {@code seller_id} when the configuration knows it) and the
 * freshness of {@code notify_time} checked. A verified {@code trade_status_sync} carrying a refund
 * ({@code out_biz_no} and {@code refund_fee}) is a {@link Notification.RefundNotification}, any other a
 * {@link Notification.PaymentNotification}.
 *
 * <p><b>Refunds.</b> {@code refund_fee} is the trade's <em>total</em> refunded so far, not the amount of
 * the refund named by {@code out_biz_no} (Alipay's notification parameters: "总退款金额 — 退款通知中，
 * 返回总退款金额"). The notification therefore reports the refund {@code out_biz_no} as done with no
 * amount of its own ({@link RefundStatus#amount()} {@code null}), after checking that the cumulative
 * total is a valid amount not above {@code total_amount}; comparing the total with one partial refund
 * would reject every partial refund after the first.
 *
 * <p><b>Freshness.</b> {@code notify_time} must lie within {@link #MAX_AGE} before and
 * {@link #MAX_AHEAD} after the configured clock: Alipay redelivers an unacknowledged notification for
 * about 25 hours (4m, 10m, 10m, 1h, 2h, 6h, 15h), so 48 hours leaves every redelivery valid whatever
 * time it carries, while a signed notification replayed days later is {@code STALE}.
 *
 * <p><b>Logs.</b> Rejections are logged at WARN with the reason; a value that has not been verified
 * (everything before the signature check) is passed through {@link LogSafe} (no CR/LF, at most 64
 * characters) so that a forged post cannot inject log lines.
 *
 * <p>The reply is exactly {@code success} (text/plain, 200) once processed; anything else makes
 * Alipay deliver again, so a rejection answers {@code fail}.
 */
public final class AlipayNotificationVerifier implements NotificationVerifier {

    /** No real notification is anywhere near this size. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** The oldest {@code notify_time} accepted: longer than Alipay's ~25 h of redeliveries. */
    public static final Duration MAX_AGE = Duration.ofHours(48);

    /** How far in the future {@code notify_time} may be (clock skew between Alipay and this host). */
    public static final Duration MAX_AHEAD = Duration.ofMinutes(10);

    /** The acknowledgement Alipay expects: the plain text {@code success}, nothing else. */
    public static final NotificationReply SUCCESS = new NotificationReply(200, "text/plain", "success");

    /** The answer to a notification that is not trusted: Alipay delivers it again later. */
    public static final NotificationReply FAIL = new NotificationReply(200, "text/plain", "fail");

    private static final Logger log = LoggerFactory.getLogger(AlipayNotificationVerifier.class);
    private static final Set<String> EXCLUDED = Set.of("sign", "sign_type");

    private final String appId;
    private final String sellerId;
    private final Clock clock;
    private final Supplier<List<RsaSha256.Verifier>> keys;

    /**
     * A verifier for notifications addressed to {@code appId} (and {@code sellerId} when not {@code null}).
     *
     * @param appId    the app id every notification must carry
     * @param sellerId the merchant's Alipay user id ({@code 2088…}) notifications must carry, or {@code null}
     *                 not to check it
     * @param clock    judges {@code notify_time}
     * @param keys     the Alipay keys currently trusted (more than one after a certificate rotation)
     */
    public AlipayNotificationVerifier(String appId, String sellerId, Clock clock,
                                      Supplier<List<RsaSha256.Verifier>> keys) {
        this.appId = Objects.requireNonNull(appId, "appId");
        this.sellerId = sellerId;
        this.clock = Objects.requireNonNull(clock, "clock");
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
            return reject(NotificationRejection.MALFORMED, "not a form: " + LogSafe.of(e.getMessage()));
        }
        String sign = form.get("sign");
        if (sign == null || sign.isBlank()) {
            return reject(NotificationRejection.SIGNATURE_INVALID, "no sign");
        }
        String signType = form.get("sign_type");
        if (signType != null && !signType.isBlank() && !"RSA2".equals(signType)) {
            return reject(NotificationRejection.SIGNATURE_INVALID,
                    "sign_type " + LogSafe.of(signType) + " is not accepted (RSA2 only)");
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
        // Verified from here on: Alipay wrote these values. They are still capped, being free text.
        if (!appId.equals(form.get("app_id"))) {
            return reject(NotificationRejection.WRONG_RECIPIENT, "app_id " + LogSafe.of(form.get("app_id"))
                    + " is not " + appId);
        }
        if (sellerId != null && !sellerId.equals(form.get("seller_id"))) {
            return reject(NotificationRejection.WRONG_RECIPIENT, "seller_id " + LogSafe.of(form.get("seller_id"))
                    + " is not " + sellerId);
        }
        Instant notifyTime = AlipayRules.parseTime(form.get("notify_time"));
        if (notifyTime == null) {
            return reject(NotificationRejection.MALFORMED, "notify_time missing or not yyyy-MM-dd HH:mm:ss");
        }
        Instant now = clock.instant();
        if (notifyTime.isBefore(now.minus(MAX_AGE)) || notifyTime.isAfter(now.plus(MAX_AHEAD))) {
            return reject(NotificationRejection.STALE, "notify_time " + LogSafe.of(form.get("notify_time"))
                    + " is outside [now - " + MAX_AGE.toHours() + " h, now + " + MAX_AHEAD.toMinutes() + " min]");
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
            Money refundedTotal = AlipayRules.parseYuan(form.get("refund_fee"));
            Money orderTotal = AlipayRules.parseYuan(form.get("total_amount"));
            if (refundedTotal == null || (orderTotal != null && refundedTotal.compareTo(orderTotal) > 0)) {
                return reject(NotificationRejection.AMOUNT_MISMATCH, "refund_fee " + LogSafe.of(form.get("refund_fee"))
                        + " is not an amount up to total_amount " + orderTotal);
            }
            // refund_fee is the trade's cumulative refunded total: not this refund's amount (see above).
            notification = new Notification.RefundNotification(notifyId, type, new RefundStatus(orderId,
                    form.get("out_biz_no"), form.get("trade_no"), null,
                    RefundState.SUCCEEDED, AlipayRules.parseTime(form.get("gmt_refund")), tradeStatus));
        } else {
            notification = new Notification.PaymentNotification(notifyId, type, new TradeStatus(orderId,
                    AlipayRules.tradeState(tradeStatus), form.get("trade_no"), AlipayRules.parseYuan(form.get("total_amount")),
                    AlipayRules.parseTime(form.get("gmt_payment")), tradeStatus));
        }
        log.debug("alipay notification {} for {} verified: {}", LogSafe.of(notifyId), LogSafe.of(orderId),
                LogSafe.of(tradeStatus));
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
        return "AlipayNotificationVerifier[appId=" + appId + ", sellerId=" + sellerId + "]";
    }
}
