package dev.resilientpay.benchmarks.jmh;

import dev.resilientpay.alipay.internal.AlipayRequestSigner;
import dev.resilientpay.alipay.internal.AlipayResponseVerifier;
import dev.resilientpay.spi.RsaSha256;
import dev.resilientpay.wechat.internal.AesGcmDecryptor;
import dev.resilientpay.wechat.internal.DecryptionFailedException;
import dev.resilientpay.wechat.internal.PlatformKeyring;
import dev.resilientpay.wechat.internal.WechatRequestSigner;
import dev.resilientpay.wechat.internal.WechatResponseVerifier;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cryptographic work of one call, with the adapters' own (internal) classes and RSA-2048 keys made
 * at set-up: Alipay signs the request and verifies the response (RSA2), WeChat Pay signs the
 * {@code Authorization} header and verifies the response signature, and a WeChat notification's
 * resource is AES-256-GCM decrypted. Inputs are built once, so only the per-call work is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureBenchmark {

    private static final String PUBLIC_KEY_ID = "PUB_KEY_ID_0114232134912410000000000000";

    private AlipayRequestSigner alipaySigner;
    private Map<String, String> alipayParams;
    private RsaSha256.Verifier alipayKey;
    private String alipayResponse;

    private WechatRequestSigner wechatSigner;
    private byte[] wechatRequestBody;
    private WechatResponseVerifier wechatVerifier;
    private Map<String, String> wechatHeaders;
    private byte[] wechatResponseBody;

    private AesGcmDecryptor decryptor;
    private String nonce;
    private String ciphertext;

    @Setup(Level.Trial)
    public void keysAndMessages() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair merchant = generator.generateKeyPair();
        KeyPair gateway = generator.generateKeyPair();
        long now = Clock.systemUTC().instant().getEpochSecond();

        alipaySigner = new AlipayRequestSigner(merchant.getPrivate());
        alipayParams = new LinkedHashMap<>();
        alipayParams.put("app_id", "2021000000000000");
        alipayParams.put("method", "alipay.trade.pay");
        alipayParams.put("format", "JSON");
        alipayParams.put("charset", "utf-8");
        alipayParams.put("sign_type", "RSA2");
        alipayParams.put("timestamp", "2025-01-01 12:00:00");
        alipayParams.put("version", "1.0");
        alipayParams.put("biz_content", "{\"out_trade_no\":\"J1\",\"scene\":\"bar_code\",\"auth_code\":"
                + "\"286000000000000001\",\"subject\":\"Benchmark coffee\",\"total_amount\":\"1.00\"}");
        String node = "{\"code\":\"10000\",\"msg\":\"Success\",\"buyer_logon_id\":\"159****5620\","
                + "\"buyer_pay_amount\":\"1.00\",\"buyer_user_id\":\"2088101117955611\",\"gmt_payment\":"
                + "\"2025-01-01 12:00:01\",\"invoice_amount\":\"1.00\",\"out_trade_no\":\"J1\",\"point_amount\":"
                + "\"0.00\",\"receipt_amount\":\"1.00\",\"total_amount\":\"1.00\",\"trade_no\":"
                + "\"2025010122001411111111111111\"}";
        alipayResponse = "{\"alipay_trade_pay_response\":" + node + ",\"sign\":\""
                + RsaSha256.signer(gateway.getPrivate()).sign(node) + "\"}";
        alipayKey = RsaSha256.verifier(gateway.getPublic());

        wechatSigner = new WechatRequestSigner("1900009191", "5157F09EFDC096DE15EBE81A47057A7232F1B8E1",
                merchant.getPrivate());
        wechatRequestBody = ("{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900009191\",\"description\":"
                + "\"Benchmark coffee\",\"out_trade_no\":\"J1\",\"payer\":{\"auth_code\":\"134000000000000001\"},"
                + "\"amount\":{\"total\":100,\"currency\":\"CNY\"},\"scene_info\":{\"device_ip\":\"127.0.0.1\"}}")
                .getBytes(StandardCharsets.UTF_8);
        wechatResponseBody = ("{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900009191\",\"out_trade_no\":"
                + "\"J1\",\"transaction_id\":\"4200000000202501010000000001\",\"trade_type\":\"MICROPAY\","
                + "\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\",\"bank_type\":\"OTHERS\","
                + "\"success_time\":\"2025-01-01T12:00:01+08:00\",\"payer\":{\"openid\":\"oUpF8uMuAJO_M2pxb1Q9zNjWeS6o\"},"
                + "\"amount\":{\"total\":100,\"payer_total\":100,\"currency\":\"CNY\",\"payer_currency\":\"CNY\"}}")
                .getBytes(StandardCharsets.UTF_8);
        String responseNonce = "5K8264ILTKCH16CQ2502SI8ZNMTM67VS";
        wechatHeaders = Map.of(
                "Wechatpay-Timestamp", Long.toString(now),
                "Wechatpay-Nonce", responseNonce,
                "Wechatpay-Serial", PUBLIC_KEY_ID,
                "Wechatpay-Signature", RsaSha256.signer(gateway.getPrivate())
                        .sign(WechatResponseVerifier.message(Long.toString(now), responseNonce, wechatResponseBody)));
        Clock clock = Clock.systemUTC();
        wechatVerifier = new WechatResponseVerifier(
                new PlatformKeyring(PUBLIC_KEY_ID, gateway.getPublic(), null, null, clock), clock);

        String apiV3Key = "a7cde1ZJB1kG2e7VfTs3jQzaWizur8Gb";
        decryptor = new AesGcmDecryptor(apiV3Key);
        nonce = "fdasflkja484";
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        cipher.updateAAD("transaction".getBytes(StandardCharsets.UTF_8));
        ciphertext = Base64.getEncoder().encodeToString(cipher.doFinal(wechatResponseBody));
    }

    /** Alipay: canonical string of the request parameters and its RSA2 signature. */
    @Benchmark
    public String alipaySignRequest() {
        return alipaySigner.sign(alipayParams);
    }

    /** Alipay: find the signed node in the raw body, verify RSA2, read the code. */
    @Benchmark
    public Object alipayVerifyResponse() {
        return AlipayResponseVerifier.verify("alipay.trade.pay", alipayResponse, alipayKey);
    }

    /** WeChat Pay: the signed message and the {@code Authorization} header (fresh nonce and timestamp). */
    @Benchmark
    public String wechatSignAuthorization() {
        return wechatSigner.authorization("POST", "/v3/pay/transactions/codepay",
                System.currentTimeMillis() / 1000, wechatRequestBody);
    }

    /** WeChat Pay: headers, freshness, key by serial, RSA verification of the response. */
    @Benchmark
    public Object wechatVerifyResponse() {
        return wechatVerifier.verify(wechatHeaders::get, wechatResponseBody, Duration.ofSeconds(5));
    }

    /** WeChat Pay: AES-256-GCM decryption of a notification resource. */
    @Benchmark
    public String wechatDecryptNotification() throws DecryptionFailedException {
        return decryptor.decrypt("transaction", nonce, ciphertext);
    }
}
