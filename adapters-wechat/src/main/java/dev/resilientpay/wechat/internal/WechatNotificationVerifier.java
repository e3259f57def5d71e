package dev.resilientpay.wechat.internal;

import dev.resilientpay.Notification;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.transport.internal.LogSafe;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies a WeChat Pay notification from the raw request: size cap, signature and freshness of the
 * headers over the raw body, AEAD_AES_256_GCM decryption of the resource, recipient check, and a typed
 * event ({@code TRANSACTION.*} → payment, {@code REFUND.*} → refund). The reply is {@code 200} with an
 * empty body on success and a 4xx/5xx with {@code {"code":"FAIL","message":"…"}} otherwise, so that
 * WeChat Pay delivers a rejected notification again.
 */
public final class WechatNotificationVerifier implements NotificationVerifier {

    /** No real notification comes near this size. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** The time a certificate refresh triggered by a notification may take (WeChat waits 5 s). */
    static final Duration REFRESH_TIMEOUT = Duration.ofSeconds(3);

    private static final Logger LOG = LoggerFactory.getLogger(WechatNotificationVerifier.class);
    private static final NotificationReply OK = new NotificationReply(200, null, "");

    private final WechatResponseVerifier signatures;
    private final AesGcmDecryptor decryptor;
    private final String mchId;
    private final String appId;

    /** A verifier for the merchant {@code mchId} / {@code appId}. */
    public WechatNotificationVerifier(WechatResponseVerifier signatures, AesGcmDecryptor decryptor,
            String mchId, String appId) {
        this.signatures = signatures;
        this.decryptor = decryptor;
        this.mchId = mchId;
        this.appId = appId;
    }

    @Override
    public NotificationResult verify(Map<String, String> headers, byte[] body) {
        if (body == null || headers == null) {
            return reject(NotificationRejection.MALFORMED, "no body or headers");
        }
        if (body.length > MAX_BODY_BYTES) {
            return reject(NotificationRejection.TOO_LARGE, "body of " + body.length + " bytes");
        }
        Map<String, String> named = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> {
            if (k != null) {
                named.put(k, v);
            }
        });
        SignatureCheck check = signatures.verify(named::get, body, REFRESH_TIMEOUT);
        if (!check.passed()) {
            return reject(check.failure(), check.detail());
        }
        WechatJson.Envelope envelope;
        try {
            envelope = WechatJson.read(body, WechatJson.Envelope.class);
        } catch (IOException e) {
            return reject(NotificationRejection.MALFORMED, "body is not a notification envelope");
        }
        WechatJson.EncryptedResource resource = envelope.resource();
        if (envelope.id() == null || envelope.eventType() == null || resource == null) {
            return reject(NotificationRejection.MALFORMED, "id, event_type or resource missing");
        }
        if (resource.algorithm() != null && !"AEAD_AES_256_GCM".equals(resource.algorithm())) {
            return reject(NotificationRejection.MALFORMED, "unsupported algorithm " + LogSafe.of(resource.algorithm()));
        }
        String plaintext;
        try {
            plaintext = decryptor.decrypt(resource.associatedData(), resource.nonce(), resource.ciphertext());
        } catch (DecryptionFailedException e) {
            return reject(NotificationRejection.DECRYPTION_FAILED, e.getMessage());
        }
        try {
            return typed(envelope, plaintext);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            return reject(NotificationRejection.MALFORMED, "resource is not a " + envelope.eventType() + " object");
        }
    }

    /**
     * Decrypts the resource of a notification whose signature was already checked: exposed for tests
     * and tools that need the plaintext.
     */
    public String decrypt(WechatJson.EncryptedResource resource) throws DecryptionFailedException {
        return decryptor.decrypt(resource.associatedData(), resource.nonce(), resource.ciphertext());
    }

    private NotificationResult typed(WechatJson.Envelope envelope, String plaintext) throws IOException {
        byte[] bytes = plaintext.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String event = envelope.eventType();
        String original = envelope.resource().originalType();
        if (event.startsWith("REFUND.") || "refund".equals(original)) {
            WechatJson.Refund refund = WechatJson.read(bytes, WechatJson.Refund.class);
            if (refund.mchid() != null && !mchId.equals(refund.mchid())) {
                return reject(NotificationRejection.WRONG_RECIPIENT, "mchid " + LogSafe.of(refund.mchid()));
            }
            if (refund.outTradeNo() == null || refund.outRefundNo() == null) {
                return reject(NotificationRejection.MALFORMED, "refund without out_trade_no or out_refund_no");
            }
            return accept(new Notification.RefundNotification(envelope.id(), event,
                    WechatStatuses.refundStatus(refund, refund.outTradeNo(), refund.outRefundNo())));
        }
        if (event.startsWith("TRANSACTION.") || "transaction".equals(original)) {
            WechatJson.Transaction t = WechatJson.read(bytes, WechatJson.Transaction.class);
            if ((t.mchid() != null && !mchId.equals(t.mchid())) || (t.appid() != null && !appId.equals(t.appid()))) {
                return reject(NotificationRejection.WRONG_RECIPIENT, "mchid " + LogSafe.of(t.mchid()) + " appid "
                        + LogSafe.of(t.appid()));
            }
            if (t.outTradeNo() == null) {
                return reject(NotificationRejection.MALFORMED, "transaction without out_trade_no");
            }
            return accept(new Notification.PaymentNotification(envelope.id(), event,
                    WechatStatuses.tradeStatus(t, t.outTradeNo())));
        }
        return reject(NotificationRejection.MALFORMED, "unsupported event_type " + LogSafe.of(event));
    }

    private static NotificationResult accept(Notification notification) {
        LOG.debug("wechat: notification {} {} for {} verified", notification.id(), notification.eventType(),
                notification.orderId());
        return new NotificationResult.Accepted(notification, false, OK);
    }

    private static NotificationResult reject(NotificationRejection reason, String detail) {
        LOG.warn("wechat: notification rejected ({}): {}", reason, detail);
        int status = switch (reason) {
            case TOO_LARGE -> 413;
            case SIGNATURE_INVALID, UNKNOWN_KEY, STALE -> 401;
            default -> 400;
        };
        // The caller may be anyone: the reply names the reason only, the detail goes to the log.
        String body = "{\"code\":\"FAIL\",\"message\":\"" + jsonEscape("notification rejected: " + reason) + "\"}";
        return new NotificationResult.Rejected(reason, detail, new NotificationReply(status, "application/json", body));
    }

    private static String jsonEscape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
