package dev.resilientpay.testkit.internal.wechat;

import dev.resilientpay.testkit.internal.crypto.Sha256WithRsa;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code Wechatpay-*} headers the gateway puts on responses and notifications: a SHA256withRSA
 * signature over {@code TIMESTAMP\nNONCE\nBODY\n} (raw body bytes, an empty line for none).
 */
public final class GatewaySignature {

    /** How a signature is produced. */
    public enum Variant {
        /** Signed by the named key. */
        GENUINE,
        /** Signed correctly, then one bit of the signature flipped. */
        CORRUPTED,
        /** Signed by an impostor's key while naming the genuine serial. */
        FORGED,
        /** A {@code WECHATPAY/SIGNTEST/} probe instead of a signature. */
        PROBE
    }

    private GatewaySignature() {}

    /** The signed message {@code TIMESTAMP\nNONCE\nBODY\n}. */
    public static byte[] message(long timestamp, String nonce, byte[] body) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
        message.writeBytes(body == null ? new byte[0] : body);
        message.write('\n');
        return message.toByteArray();
    }

    /**
     * The five signature headers, in a fixed order, with lowercase names when {@code lowercase}.
     *
     * @param key     the key named in {@code Wechatpay-Serial} (and used, unless forged or probed)
     * @param forger  the impostor's key for {@link Variant#FORGED}, asked for only then
     */
    public static Map<String, String> headers(SigningKey key, Supplier<SigningKey> forger, Variant variant, long timestamp,
                                              byte[] body, boolean lowercase) {
        String nonce = Randomness.alphanumeric(32);
        byte[] message = message(timestamp, nonce, body);
        String signature = switch (variant) {
            case GENUINE -> Sha256WithRsa.sign(key.keys().getPrivate(), message);
            case CORRUPTED -> Sha256WithRsa.corrupt(Sha256WithRsa.sign(key.keys().getPrivate(), message));
            case FORGED -> Sha256WithRsa.sign(forger.get().keys().getPrivate(), message);
            case PROBE -> "WECHATPAY/SIGNTEST/" + Base64.getEncoder().encodeToString(
                    Randomness.alphanumeric(48).getBytes(StandardCharsets.US_ASCII));
        };
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(name("Wechatpay-Nonce", lowercase), nonce);
        headers.put(name("Wechatpay-Serial", lowercase), key.id());
        headers.put(name("Wechatpay-Signature", lowercase), signature);
        headers.put(name("Wechatpay-Signature-Type", lowercase), "WECHATPAY2-SHA256-RSA2048");
        headers.put(name("Wechatpay-Timestamp", lowercase), Long.toString(timestamp));
        return headers;
    }

    /** {@code name}, lowercased when {@code lowercase}. */
    public static String name(String name, boolean lowercase) {
        return lowercase ? name.toLowerCase(Locale.ROOT) : name;
    }
}
