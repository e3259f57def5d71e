package dev.resilientpay.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A notification the simulator built: the exact headers and body it sends (or would send) to the
 * merchant's notify_url. Tests may hand it straight to a verifier instead of delivering it over HTTP.
 *
 * @param id         the notification id ({@code EV-…})
 * @param eventType  {@code TRANSACTION.SUCCESS}, {@code REFUND.SUCCESS}, {@code REFUND.CLOSED} or
 *                   {@code REFUND.ABNORMAL}
 * @param headers    the {@code Wechatpay-*} and {@code Content-Type} headers, in sending order
 * @param body       the exact body text
 * @param signedBy   the key id named in {@code Wechatpay-Serial}
 */
public record WechatPaySimulatorNotification(String id, String eventType, Map<String, String> headers, String body,
                                             String signedBy) {

    /**
     * Copies the headers.
     *
     * @param body the exact body text
     * @param eventType the event type, e.g. {@code TRANSACTION.SUCCESS}
     * @param headers the {@code Wechatpay-*} and {@code Content-Type} headers, in sending order
     * @param id the notification id ({@code EV-…})
     * @param signedBy the key id named in {@code Wechatpay-Serial}
     */
    public WechatPaySimulatorNotification {
        headers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }

    /** {@return the body's UTF-8 bytes, as sent} */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
