package dev.resilientpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.wechat.internal.WechatJson;
import dev.resilientpay.wechat.support.FuzzMessage;
import dev.resilientpay.wechat.support.MutableClock;
import dev.resilientpay.wechat.support.Vectors;
import dev.resilientpay.wechat.support.WechatSigning;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzz target for WeChat Pay notifications: headers and signature over the raw body, the envelope
 * JSON, AEAD_AES_256_GCM decryption of the resource, the recipient check and the typed event.
 * Contract: any request gives a {@link NotificationResult}, {@code Accepted} only when the platform
 * key signed it; nothing escapes. Regression inputs:
 * {@code src/test/resources/dev/resilientpay/wechat/WechatNotificationFuzzTestInputs/}.
 */
class WechatNotificationFuzzTest {

    private static final PrivateKey PLATFORM_KEY = Vectors.platformPrivateKey();
    private static final MutableClock CLOCK = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));
    private static final NotificationVerifier VERIFIER = WechatPayProvider.create(Vectors.publicKeyConfig()
            .notifyUrl("https://shop.example.com/wechat/notify").clock(CLOCK).build()).notifications();

    /**
     * Input layout: byte 0 (mod 3) picks the mode; the rest is a request ({@code Header: value} lines,
     * an empty line, the body; without an empty line all of it is the body). 0: the request as received.
     * 1: the body is signed here with the platform key (at the input's {@code Wechatpay-Timestamp} when
     * it has one, else now). 2: the body is {@code event_type}, a newline, {@code original_type}, a
     * newline and the resource plaintext, which the test encrypts with the APIv3 key into an envelope
     * and signs as in mode 1, so that fuzzing reaches the parsing of decrypted resources.
     */
    @FuzzTest(maxDuration = "10m")
    void everyRequestGetsATypedResult(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int mode = (input[0] & 0xff) % 3;
        String rest = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        FuzzMessage message = FuzzMessage.parse(rest);
        message.headers().forEach(h -> headers.put(h[0], h[1]));
        String body = message.body();
        long signedAt = CLOCK.seconds();
        if (mode != 0) {
            body = mode == 1 ? body : envelope(body);
            signedAt = timestamp(headers.get("Wechatpay-Timestamp"));
            headers.putAll(WechatSigning.headers(body, Vectors.PUBLIC_KEY_ID, PLATFORM_KEY, signedAt));
        }

        NotificationResult result = VERIFIER.verify(headers, body.getBytes(StandardCharsets.UTF_8));

        assertThat(result).isNotNull();
        assertThat(result.reply()).isNotNull();
        if (result instanceof NotificationResult.Accepted accepted) {
            assertThat(mode).as("the fuzzer cannot forge the platform's signature").isNotZero();
            assertThat(signedAt).as("signed within 5 minutes of now")
                    .isStrictlyBetween(CLOCK.seconds() - 300, CLOCK.seconds() + 300);
            assertThat(accepted.notification().orderId()).isNotNull();
        }
    }

    /** The timestamp to sign with: a {@code Wechatpay-Timestamp} line of the input, else now. */
    private static long timestamp(String header) {
        try {
            return header == null ? CLOCK.seconds() : Long.parseLong(header.strip());
        } catch (NumberFormatException notANumber) {
            return CLOCK.seconds();
        }
    }

    private static String envelope(String text) {
        String[] parts = text.split("\n", 3);
        String eventType = parts[0];
        String originalType = parts.length > 1 ? parts[1] : "transaction";
        String plaintext = parts.length > 2 ? parts[2] : "";
        String nonce = "abcdefghijkl";
        ObjectNode resource = WechatJson.MAPPER.createObjectNode()
                .put("original_type", originalType)
                .put("algorithm", "AEAD_AES_256_GCM")
                .put("ciphertext", WechatSigning.encrypt(Vectors.API_V3_KEY, nonce, originalType, plaintext))
                .put("associated_data", originalType)
                .put("nonce", nonce);
        ObjectNode envelope = WechatJson.MAPPER.createObjectNode()
                .put("id", "EV-1")
                .put("create_time", "2023-11-15T06:16:40+08:00")
                .put("resource_type", "encrypt-resource")
                .put("event_type", eventType)
                .put("summary", "s");
        envelope.set("resource", resource);
        return envelope.toString();
    }
}
