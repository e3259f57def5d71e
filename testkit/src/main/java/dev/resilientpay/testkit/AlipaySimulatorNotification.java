package dev.resilientpay.testkit;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A {@code trade_status_sync} notification the simulator built: the exact headers and form body it
 * sends (or would send) to the merchant's {@code notify_url}. Tests may hand it straight to a verifier
 * ({@code client.notifications().verify(n.headers(), n.bodyBytes())}) instead of delivering it over
 * HTTP, as with {@link WechatPaySimulatorNotification}.
 *
 * @param id          the {@code notify_id} (the same trade state gives the same id)
 * @param tradeStatus the {@code trade_status} notified, e.g. {@code TRADE_SUCCESS}
 * @param headers     the {@code Content-Type} header, as sent
 * @param body        the exact form body ({@code application/x-www-form-urlencoded}, UTF-8)
 */
public record AlipaySimulatorNotification(String id, String tradeStatus, Map<String, String> headers, String body) {

    /** The Content-Type Alipay sends notifications with. */
    static final String CONTENT_TYPE = "application/x-www-form-urlencoded; charset=utf-8";

    /**
     * Copies the headers.
     *
     * @param id          the {@code notify_id}
     * @param tradeStatus the {@code trade_status} notified
     * @param headers     the {@code Content-Type} header, as sent
     * @param body        the exact form body
     */
    public AlipaySimulatorNotification {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tradeStatus, "tradeStatus");
        Objects.requireNonNull(body, "body");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** The notification whose form body is {@code body}. */
    static AlipaySimulatorNotification ofBody(String body) {
        Map<String, String> fields = decode(body);
        return new AlipaySimulatorNotification(fields.getOrDefault("notify_id", ""),
                fields.getOrDefault("trade_status", ""), Map.of("Content-Type", CONTENT_TYPE), body);
    }

    /** {@return the body's UTF-8 bytes, as sent} */
    public byte[] bodyBytes() {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    /** {@return the form's fields, decoded, in sending order ({@code sign} included)} */
    public Map<String, String> parameters() {
        return Collections.unmodifiableMap(decode(body));
    }

    private static Map<String, String> decode(String body) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            fields.put(URLDecoder.decode(key, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return fields;
    }
}
