package dev.resilientpay.wechat.internal;

import dev.resilientpay.spi.RsaSha256;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.function.Supplier;

/**
 * Builds the {@code Authorization: WECHATPAY2-SHA256-RSA2048 …} header of a request: SHA256withRSA
 * with the merchant key over {@code METHOD\nCANONICAL_URL\nTIMESTAMP\nNONCE\nBODY\n}, where the
 * canonical URL is the raw path and query exactly as sent and the body is the exact bytes sent.
 */
public final class WechatRequestSigner {

    /** The authorization scheme. */
    public static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";

    private static final char[] NONCE_ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String mchId;
    private final String serialNo;
    private final RsaSha256.Signer signer;
    private final Supplier<String> nonces;

    /** A signer with 32-character nonces from {@link SecureRandom}. */
    public WechatRequestSigner(String mchId, String serialNo, PrivateKey merchantKey) {
        this(mchId, serialNo, RsaSha256.signer(merchantKey), WechatRequestSigner::randomNonce);
    }

    /** A signer with the given nonce source (tests inject fixed nonces). */
    public WechatRequestSigner(String mchId, String serialNo, RsaSha256.Signer signer, Supplier<String> nonces) {
        this.mchId = mchId;
        this.serialNo = serialNo;
        this.signer = signer;
        this.nonces = nonces;
    }

    /** 32 random characters of {@code A-Z a-z 0-9}. */
    public static String randomNonce() {
        char[] out = new char[32];
        for (int i = 0; i < out.length; i++) {
            out[i] = NONCE_ALPHABET[RANDOM.nextInt(NONCE_ALPHABET.length)];
        }
        return new String(out);
    }

    /** The exact bytes that are signed. */
    public static byte[] message(String method, String canonicalUrl, long timestamp, String nonce, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + body.length);
        out.writeBytes((method + "\n" + canonicalUrl + "\n" + timestamp + "\n" + nonce + "\n")
                .getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        out.write('\n');
        return out.toByteArray();
    }

    /** The Authorization header value for a request, with a fresh nonce. */
    public String authorization(String method, String canonicalUrl, long timestamp, byte[] body) {
        return authorization(method, canonicalUrl, timestamp, nonces.get(), body);
    }

    /** The Authorization header value for a request with the given nonce. */
    public String authorization(String method, String canonicalUrl, long timestamp, String nonce, byte[] body) {
        String signature = signer.sign(message(method, canonicalUrl, timestamp, nonce, body));
        return SCHEMA + " mchid=\"" + mchId + "\",nonce_str=\"" + nonce + "\",timestamp=\"" + timestamp
                + "\",serial_no=\"" + serialNo + "\",signature=\"" + signature + "\"";
    }

    /** Signs a client-side message (JSAPI {@code paySign}, APP {@code sign}) with the merchant key. */
    public String signText(String message) {
        return signer.sign(message);
    }

    /** A fresh nonce from this signer's source. */
    public String nonce() {
        return nonces.get();
    }

    @Override
    public String toString() {
        return "WechatRequestSigner[mchid=" + mchId + ", serial_no=" + serialNo + ", key=***]";
    }
}
