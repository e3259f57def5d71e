package dev.resilientpay.testkit.internal.wechat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resilientpay.testkit.WechatPaySimulatorDelivery;
import dev.resilientpay.testkit.WechatPaySimulatorNotification;
import dev.resilientpay.testkit.WechatPaySimulatorNotificationOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the gateway's notifications (signed envelope, AEAD_AES_256_GCM-encrypted resource) and
 * delivers them to a notify_url over HTTP/1.1, the way WeChat Pay's callback sender does.
 */
public final class Notifications {

    /** WeChat Pay expects an answer within 5 seconds. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(5);
    private static final Map<String, String> REFUND_EVENTS = Map.of(
            "SUCCESS", "退款成功", "CLOSED", "退款关闭", "ABNORMAL", "退款异常");

    private final Merchant merchant;
    private final PlatformKeys keys;
    private final OrderBook book;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(ANSWER_WITHIN)
            .build();

    /** Notifications for {@code merchant}'s orders in {@code book}. */
    public Notifications(Merchant merchant, PlatformKeys keys, OrderBook book, Clock clock) {
        this.merchant = merchant;
        this.keys = keys;
        this.book = book;
        this.clock = clock;
    }

    /** {@code TRANSACTION.SUCCESS} for the paid order {@code outTradeNo}. */
    public WechatPaySimulatorNotification transaction(String outTradeNo, WechatPaySimulatorNotificationOptions options) {
        return build("TRANSACTION.SUCCESS", "支付成功", "transaction", book.paidTransaction(outTradeNo), options);
    }

    /** {@code REFUND.SUCCESS}, {@code REFUND.CLOSED} or {@code REFUND.ABNORMAL} for a settled refund. */
    public WechatPaySimulatorNotification refund(String outRefundNo, WechatPaySimulatorNotificationOptions options) {
        ObjectNode resource = book.settledRefund(outRefundNo);
        String status = resource.path("refund_status").asText();
        return build("REFUND." + status, REFUND_EVENTS.get(status), "refund", resource, options);
    }

    /** POSTs {@code notification} to {@code url}; returns what the receiver answered. */
    public WechatPaySimulatorDelivery deliver(WechatPaySimulatorNotification notification, String url) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(ANSWER_WITHIN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(notification.bodyBytes()));
        notification.headers().forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new WechatPaySimulatorDelivery(response.statusCode(), response.body(), notification);
        } catch (IOException e) {
            throw new UncheckedIOException("notification " + notification.id() + " could not be delivered to " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering notification " + notification.id(), e);
        }
    }

    private WechatPaySimulatorNotification build(String eventType, String summary, String originalType,
                                                 ObjectNode resource, WechatPaySimulatorNotificationOptions options) {
        SigningKey key = keys.forNotification(options.keyId());
        Instant sent = clock.instant().minus(options.age());
        String nonce = Randomness.alphanumeric(12);
        String encryptionKey = options.usesWrongApiV3Key() ? otherKeyThan(merchant.apiV3Key()) : merchant.apiV3Key();
        String id = options.id() != null ? options.id() : "EV-" + Randomness.digits(19);

        ObjectNode envelope = Json.object();
        envelope.put("id", id);
        envelope.put("create_time", Times.rfc3339(sent));
        envelope.put("resource_type", "encrypt-resource");
        envelope.put("event_type", eventType);
        envelope.put("summary", summary);
        ObjectNode encrypted = envelope.putObject("resource");
        encrypted.put("original_type", originalType);
        encrypted.put("algorithm", "AEAD_AES_256_GCM");
        encrypted.put("ciphertext", Aead.encrypt(encryptionKey, nonce, originalType, Json.text(resource)));
        encrypted.put("associated_data", originalType);
        encrypted.put("nonce", nonce);
        byte[] body = Json.bytes(envelope);

        GatewaySignature.Variant variant = options.isSignatureProbe() ? GatewaySignature.Variant.PROBE
                : options.isForged() ? GatewaySignature.Variant.FORGED : GatewaySignature.Variant.GENUINE;
        Map<String, String> headers = new LinkedHashMap<>(GatewaySignature.headers(key, keys::forger, variant,
                sent.getEpochSecond(), body, options.usesLowercaseHeaders()));
        headers.put(GatewaySignature.name("Content-Type", options.usesLowercaseHeaders()), "application/json");
        return new WechatPaySimulatorNotification(id, eventType, headers, new String(body, StandardCharsets.UTF_8),
                key.id());
    }

    private static String otherKeyThan(String apiV3Key) {
        String other;
        do {
            other = Randomness.alphanumeric(32);
        } while (other.equals(apiV3Key));
        return other;
    }
}
