package dev.resilientpay.alipay.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Test-side signing and verification with plain JDK {@link Signature}, independent of the adapter's
 * code, so that a bug in the adapter cannot cancel out against the same bug in the test.
 */
public final class TestSigning {

    private TestSigning() {}

    /** The vectors' gateway private key (plays Alipay). */
    public static PrivateKey gatewayPrivateKey() {
        return privateKey(Vectors.key("gatewayPrivateKey"));
    }

    /** The vectors' app public key. */
    public static PublicKey appPublicKey() {
        return publicKey(Vectors.key("appPublicKey"));
    }

    /** Base64 SHA256withRSA of the UTF-8 bytes of {@code text}. */
    public static String sign(PrivateKey key, String text) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code signature} verifies {@code text}. */
    public static boolean verify(PublicKey key, String text, String signature) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(text.getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** A gateway response body {@code {"<node>":<content>,"sign":"..."}} signed with the gateway key. */
    public static String signedResponse(String method, String content) {
        return signedResponse(method, content, gatewayPrivateKey());
    }

    /** A response body signed with {@code key}. */
    public static String signedResponse(String method, String content, PrivateKey key) {
        return "{\"" + node(method) + "\":" + content + ",\"sign\":\"" + sign(key, content) + "\"}";
    }

    /** A response body without a signature. */
    public static String unsignedResponse(String method, String content) {
        return "{\"" + node(method) + "\":" + content + "}";
    }

    /** The response node name of {@code method}. */
    public static String node(String method) {
        return method.replace('.', '_') + "_response";
    }

    /**
     * The string Alipay verifies for {@code params}, computed here independently: drop {@code excluded}
     * and blank values, sort, join raw.
     */
    public static String canonical(Map<String, String> params, String... excluded) {
        TreeMap<String, String> sorted = new TreeMap<>(params);
        for (String e : excluded) {
            sorted.remove(e);
        }
        sorted.values().removeIf(v -> v == null || v.strip().isEmpty());
        StringBuilder b = new StringBuilder();
        sorted.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(k).append('=').append(v));
        return b.toString();
    }

    /** A PKCS#8 PEM private key. */
    public static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An X.509 PEM public key. */
    public static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DER bytes of a PEM block. */
    public static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
    }

    /** A PEM block of {@code der} with {@code type} (e.g. {@code CERTIFICATE}). */
    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
