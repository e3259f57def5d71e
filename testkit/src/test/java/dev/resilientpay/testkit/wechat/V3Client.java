package dev.resilientpay.testkit.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resilientpay.testkit.WechatPaySimulator;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A deliberately tiny merchant-side client for testing the simulator, written with the JDK only and
 * sharing no code with the simulator: signs requests, verifies response signatures, decrypts.
 * Each call uses a fresh {@link HttpClient} so that a reset connection is never silently retried on
 * a pooled one.
 */
final class V3Client {

    static final ObjectMapper JSON = new ObjectMapper();

    private final WechatPaySimulator simulator;
    private final PrivateKey merchantKey;

    V3Client(WechatPaySimulator simulator) {
        this.simulator = simulator;
        this.merchantKey = privateKey(simulator.merchantPrivateKeyPem());
    }

    /** A response as received. */
    record Response(int status, HttpHeaders headers, byte[] body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String code() {
            return json().path("code").asText(null);
        }

        /** Whether the {@code Wechatpay-*} headers verify with {@code key}. */
        boolean verifiesWith(PublicKey key) {
            String message = header("Wechatpay-Timestamp") + "\n" + header("Wechatpay-Nonce") + "\n" + text() + "\n";
            return V3Client.verifies(key, message.getBytes(StandardCharsets.UTF_8), header("Wechatpay-Signature"));
        }

        long timestamp() {
            return Long.parseLong(header("Wechatpay-Timestamp"));
        }
    }

    Response post(String path, String json) throws IOException {
        return send("POST", path, json, null);
    }

    Response get(String pathAndQuery) throws IOException {
        return send("GET", pathAndQuery, "", null);
    }

    Response query(String outTradeNo) throws IOException {
        return get("/v3/pay/transactions/out-trade-no/" + outTradeNo + "?mchid=" + simulator.mchId());
    }

    /** Sends with the given {@code Authorization}, or a correct one when {@code null}. */
    Response send(String method, String pathAndQuery, String body, String authorization) throws IOException {
        return send(method, pathAndQuery, body, authorization, null);
    }

    Response send(String method, String pathAndQuery, String body, String authorization, String wechatpaySerial)
            throws IOException {
        String auth = authorization != null ? authorization
                : authorization(method, pathAndQuery, body, Instant.now().getEpochSecond(), simulator.mchId(),
                        simulator.merchantSerialNumber());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(simulator.baseUrl() + pathAndQuery))
                .header("Accept", "application/json")
                .header("Authorization", auth)
                .method(method, "GET".equals(method) ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!"GET".equals(method)) {
            request.header("Content-Type", "application/json");
        }
        if (wechatpaySerial != null) {
            request.header("Wechatpay-Serial", wechatpaySerial);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** The header value, fields in the conventional order. */
    String authorization(String method, String url, String body, long timestamp, String mchId, String serial) {
        String nonce = UUID.randomUUID().toString().replace("-", "");
        String message = method + "\n" + url + "\n" + timestamp + "\n" + nonce + "\n" + body + "\n";
        return "WECHATPAY2-SHA256-RSA2048 mchid=\"" + mchId + "\",nonce_str=\"" + nonce + "\",signature=\""
                + sign(message) + "\",timestamp=\"" + timestamp + "\",serial_no=\"" + serial + "\"";
    }

    String sign(String message) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(merchantKey);
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verifies(PublicKey key, byte[] message, String signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(message);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static String decrypt(String apiV3Key, String nonce, String associatedData, String ciphertext)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
        cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        return new String(cipher.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
    }

    static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }
}
