package dev.resilientpay.wechat.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resilientpay.spi.PemKeys;
import dev.resilientpay.wechat.WechatPayConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/** The golden vectors and test keys under {@code src/test/resources/vectors}. */
public final class Vectors {

    private static final JsonNode ROOT = parse(text("wechatpay-vectors.json"));

    /** The vectors' merchant id. */
    public static final String MCH_ID = ROOT.get("mchid").asText();
    /** The vectors' app id. */
    public static final String APP_ID = ROOT.get("appid").asText();
    /** The merchant API certificate serial. */
    public static final String MERCHANT_SERIAL = ROOT.get("merchantSerialNo").asText();
    /** The WeChat Pay public key id of the platform key. */
    public static final String PUBLIC_KEY_ID = ROOT.get("wechatpayPublicKeyId").asText();
    /** Merchant private key PEM. */
    public static final String MERCHANT_PRIVATE_PEM = text("keys/wechat-merchant-private.pem");
    /** Merchant public key PEM. */
    public static final String MERCHANT_PUBLIC_PEM = text("keys/wechat-merchant-public.pem");
    /** Platform (WeChat Pay) private key PEM: signs responses in tests. */
    public static final String PLATFORM_PRIVATE_PEM = text("keys/wechat-platform-private.pem");
    /** Platform (WeChat Pay) public key PEM. */
    public static final String PLATFORM_PUBLIC_PEM = text("keys/wechat-platform-public.pem");
    /** The APIv3 key. */
    public static final String API_V3_KEY = text("keys/wechat-apiv3-key.txt");

    private Vectors() {}

    /** A configuration of the vectors' merchant in public-key mode, everything else left at its default. */
    public static WechatPayConfig.Builder publicKeyConfig() {
        return WechatPayConfig.builder()
                .mchId(MCH_ID)
                .appId(APP_ID)
                .merchantPrivateKey(MERCHANT_PRIVATE_PEM)
                .merchantSerialNumber(MERCHANT_SERIAL)
                .apiV3Key(API_V3_KEY)
                .wechatPayPublicKey(PUBLIC_KEY_ID, PLATFORM_PUBLIC_PEM);
    }

    /** The cases of one array ({@code requestSigning}, {@code responseVerification}, ...). */
    public static List<JsonNode> cases(String array) {
        List<JsonNode> out = new ArrayList<>();
        ROOT.get(array).forEach(out::add);
        return out;
    }

    /** The merchant private key. */
    public static PrivateKey merchantPrivateKey() {
        return PemKeys.rsaPrivateKey("merchant", MERCHANT_PRIVATE_PEM);
    }

    /** The merchant public key. */
    public static PublicKey merchantPublicKey() {
        return PemKeys.rsaPublicKey("merchant", MERCHANT_PUBLIC_PEM);
    }

    /** The platform private key. */
    public static PrivateKey platformPrivateKey() {
        return PemKeys.rsaPrivateKey("platform", PLATFORM_PRIVATE_PEM);
    }

    /** The platform public key. */
    public static PublicKey platformPublicKey() {
        return PemKeys.rsaPublicKey("platform", PLATFORM_PUBLIC_PEM);
    }

    private static String text(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource vectors/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
