package dev.resilientpay.wechat.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.resilientpay.spi.RsaSha256;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** Plays WeChat Pay's side in tests: signs responses and notifications, encrypts resources. */
public final class WechatSigning {

    private static final SecureRandom RANDOM = new SecureRandom();

    private WechatSigning() {}

    /** The four signature headers for {@code body}, signed at {@code timestamp} with {@code key}. */
    public static Map<String, String> headers(String body, String serial, PrivateKey key, long timestamp) {
        String nonce = "n" + Long.toHexString(RANDOM.nextLong()) + Long.toHexString(RANDOM.nextLong());
        String message = timestamp + "\n" + nonce + "\n" + body + "\n";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Wechatpay-Timestamp", Long.toString(timestamp));
        headers.put("Wechatpay-Nonce", nonce);
        headers.put("Wechatpay-Signature", RsaSha256.signer(key).sign(message));
        headers.put("Wechatpay-Serial", serial);
        return headers;
    }

    /** A WireMock response signed with the vectors' platform key as {@code PUB_KEY_ID_…}. */
    public static ResponseDefinitionBuilder signed(int status, String body, long timestamp) {
        return signed(status, body, Vectors.PUBLIC_KEY_ID, Vectors.platformPrivateKey(), timestamp);
    }

    /** A WireMock response signed with {@code key} under {@code serial}. */
    public static ResponseDefinitionBuilder signed(int status, String body, String serial, PrivateKey key,
            long timestamp) {
        ResponseDefinitionBuilder response = aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-ID", "REQ-" + status + "-" + Long.toHexString(RANDOM.nextLong()))
                .withBody(body);
        headers(body, serial, key, timestamp).forEach(response::withHeader);
        return response;
    }

    /**
     * AEAD_AES_256_GCM as WeChat Pay encrypts: returns Base64(ciphertext ‖ tag).
     *
     * @param apiV3Key the key (32 UTF-8 bytes)
     */
    public static String encrypt(String apiV3Key, String nonce, String associatedData, String plaintext) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            if (!associatedData.isEmpty()) {
                cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            }
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A notification envelope whose resource is {@code plaintext} encrypted with {@code apiV3Key}. */
    public static String notificationBody(String id, String eventType, String originalType, String plaintext,
            String apiV3Key) {
        String nonce = "abcdefghijkl";
        String ciphertext = encrypt(apiV3Key, nonce, originalType, plaintext);
        return "{\"id\":\"" + id + "\",\"create_time\":\"2023-11-15T06:16:40+08:00\",\"resource_type\":"
                + "\"encrypt-resource\",\"event_type\":\"" + eventType + "\",\"summary\":\"s\",\"resource\":{"
                + "\"original_type\":\"" + originalType + "\",\"algorithm\":\"AEAD_AES_256_GCM\",\"ciphertext\":\""
                + ciphertext + "\",\"associated_data\":\"" + originalType + "\",\"nonce\":\"" + nonce + "\"}}";
    }
}
