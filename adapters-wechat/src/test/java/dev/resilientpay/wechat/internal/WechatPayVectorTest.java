package dev.resilientpay.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.TradeState;
import dev.resilientpay.RefundState;
import dev.resilientpay.spi.RsaSha256;
import dev.resilientpay.wechat.support.MutableClock;
import dev.resilientpay.wechat.support.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of {@code wechatpay-vectors.json}, produced with the official SDK, reproduced byte for byte. */
class WechatPayVectorTest {

    private static Stream<Arguments> cases(String array) {
        return Vectors.cases(array).stream().map(c -> Arguments.of(Named.of(c.get("name").asText(), c)));
    }

    static Stream<Arguments> requestSigning() {
        return cases("requestSigning");
    }

    static Stream<Arguments> responseVerification() {
        return cases("responseVerification");
    }

    static Stream<Arguments> notifications() {
        return cases("notifications");
    }

    static Stream<Arguments> validNotifications() {
        return Vectors.cases("notifications").stream().filter(c -> c.get("valid").asBoolean())
                .map(c -> Arguments.of(Named.of(c.get("name").asText(), c)));
    }

    static Stream<Arguments> clientSideSigning() {
        return cases("clientSideSigning");
    }

    private static WechatRequestSigner signer() {
        return new WechatRequestSigner(Vectors.MCH_ID, Vectors.MERCHANT_SERIAL,
                RsaSha256.signer(Vectors.merchantPrivateKey()), () -> {
                    throw new AssertionError("vector tests inject the nonce");
                });
    }

    private static WechatResponseVerifier verifierAt(long epochSeconds) {
        MutableClock clock = new MutableClock(Instant.ofEpochSecond(epochSeconds));
        PlatformKeyring keyring = new PlatformKeyring(Vectors.PUBLIC_KEY_ID, Vectors.platformPublicKey(), null,
                new AesGcmDecryptor(Vectors.API_V3_KEY), clock);
        return new WechatResponseVerifier(keyring, clock);
    }

    private static Map<String, String> headers(JsonNode c) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        c.get("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        return headers;
    }

    @ParameterizedTest
    @MethodSource("requestSigning")
    void canonicalUrlIsTheRawPathAndQueryAsSent(JsonNode c) {
        assertThat(WechatGateway.canonicalUrl(HttpUrl.get(c.get("url").asText())))
                .isEqualTo(c.get("canonicalUrl").asText());
    }

    @ParameterizedTest
    @MethodSource("requestSigning")
    void requestMessageMatchesByteForByte(JsonNode c) {
        byte[] message = WechatRequestSigner.message(c.get("method").asText(), c.get("canonicalUrl").asText(),
                c.get("timestamp").asLong(), c.get("nonce").asText(),
                c.get("body").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(new String(message, StandardCharsets.UTF_8)).isEqualTo(c.get("message").asText());
    }

    @ParameterizedTest
    @MethodSource("requestSigning")
    void authorizationHeaderMatchesByteForByte(JsonNode c) {
        String authorization = signer().authorization(c.get("method").asText(), c.get("canonicalUrl").asText(),
                c.get("timestamp").asLong(), c.get("nonce").asText(),
                c.get("body").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(authorization).isEqualTo(c.get("authorization").asText());
        assertThat(authorization).contains("signature=\"" + c.get("signature").asText() + "\"");
    }

    @ParameterizedTest
    @MethodSource("responseVerification")
    void responseVerificationMatchesTheVerdict(JsonNode c) {
        Map<String, String> headers = headers(c);
        String message = new String(WechatResponseVerifier.message(headers.get("Wechatpay-Timestamp"),
                headers.get("Wechatpay-Nonce"), c.get("body").asText().getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
        assertThat(message).isEqualTo(c.get("message").asText());
        SignatureCheck check = verifierAt(Long.parseLong(headers.get("Wechatpay-Timestamp")))
                .verify(headers::get, c.get("body").asText().getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(1));
        assertThat(check.passed()).as(check.detail()).isEqualTo(c.get("valid").asBoolean());
    }

    @ParameterizedTest
    @MethodSource("notifications")
    void notificationVerdictMatches(JsonNode c) {
        Map<String, String> headers = headers(c);
        long ts = Long.parseLong(headers.get("Wechatpay-Timestamp"));
        WechatNotificationVerifier verifier = new WechatNotificationVerifier(verifierAt(ts),
                new AesGcmDecryptor(Vectors.API_V3_KEY), Vectors.MCH_ID, Vectors.APP_ID);
        NotificationResult result = verifier.verify(headers, c.get("body").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(result instanceof NotificationResult.Accepted).as(result.toString())
                .isEqualTo(c.get("valid").asBoolean());
        if (!c.get("valid").asBoolean()) {
            NotificationRejection expected = c.get("name").asText().equals("bad-signature")
                    ? NotificationRejection.SIGNATURE_INVALID
                    : NotificationRejection.DECRYPTION_FAILED;
            assertThat(((NotificationResult.Rejected) result).reason()).isEqualTo(expected);
            assertThat(result.reply().status()).isBetween(400, 599);
            assertThat(result.reply().body()).contains("\"code\":\"FAIL\"");
        } else {
            assertThat(result.reply().status()).isEqualTo(200);
            assertThat(result.reply().body()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("validNotifications")
    void validNotificationsDecryptToTheRecordedPlaintext(JsonNode c) throws Exception {
        WechatJson.Envelope envelope = WechatJson.read(c.get("body").asText().getBytes(StandardCharsets.UTF_8),
                WechatJson.Envelope.class);
        String plaintext = new AesGcmDecryptor(Vectors.API_V3_KEY).decrypt(envelope.resource().associatedData(),
                envelope.resource().nonce(), envelope.resource().ciphertext());
        assertThat(plaintext).isEqualTo(c.get("plaintext").asText());
    }

    @ParameterizedTest
    @MethodSource("validNotifications")
    void acceptedNotificationsCarryTheDecryptedOrder(JsonNode c) throws IOException {
        Map<String, String> headers = headers(c);
        WechatNotificationVerifier verifier = new WechatNotificationVerifier(
                verifierAt(Long.parseLong(headers.get("Wechatpay-Timestamp"))),
                new AesGcmDecryptor(Vectors.API_V3_KEY), Vectors.MCH_ID, Vectors.APP_ID);
        Notification n = ((NotificationResult.Accepted) verifier.verify(headers,
                c.get("body").asText().getBytes(StandardCharsets.UTF_8))).notification();
        JsonNode plaintext = WechatJson.MAPPER.readTree(c.get("plaintext").asText());
        JsonNode envelope = WechatJson.MAPPER.readTree(c.get("body").asText());
        assertThat(n.id()).isEqualTo(envelope.get("id").asText());
        assertThat(n.orderId()).isEqualTo(plaintext.get("out_trade_no").asText());
        if (n instanceof Notification.PaymentNotification p) {
            assertThat(p.status().state()).isEqualTo(TradeState.PAID);
            assertThat(p.status().transactionId()).isEqualTo(plaintext.get("transaction_id").asText());
            assertThat(p.status().amount().minorUnits()).isEqualTo(plaintext.at("/amount/total").asLong());
        } else {
            Notification.RefundNotification r = (Notification.RefundNotification) n;
            assertThat(r.status().state()).isEqualTo(RefundState.SUCCEEDED);
            assertThat(r.status().refundId()).isEqualTo(plaintext.get("out_refund_no").asText());
            assertThat(r.status().amount().minorUnits()).isEqualTo(plaintext.at("/amount/refund").asLong());
        }
    }

    @ParameterizedTest
    @MethodSource("clientSideSigning")
    void clientSideParametersMatchByteForByte(JsonNode c) {
        JsonNode p = c.get("params");
        Map<String, String> params;
        String message;
        String signature;
        if (c.get("type").asText().equals("JSAPI")) {
            String prepayId = p.get("package").asText().substring("prepay_id=".length());
            params = ClientPayParameters.jsapi(signer(), p.get("appId").asText(), prepayId,
                    p.get("timeStamp").asLong(), p.get("nonceStr").asText());
            message = ClientPayParameters.jsapiMessage(params.get("appId"), params.get("timeStamp"),
                    params.get("nonceStr"), params.get("package"));
            signature = params.get("paySign");
        } else {
            params = ClientPayParameters.app(signer(), p.get("appid").asText(), p.get("partnerid").asText(),
                    p.get("prepayid").asText(), p.get("timestamp").asLong(), p.get("noncestr").asText());
            message = ClientPayParameters.appMessage(params.get("appid"), params.get("timestamp"),
                    params.get("noncestr"), params.get("prepayid"));
            signature = params.get("sign");
        }
        p.fields().forEachRemaining(e -> assertThat(params).containsEntry(e.getKey(), e.getValue().asText()));
        assertThat(message).isEqualTo(c.get("message").asText());
        assertThat(signature).isEqualTo(c.get("signature").asText());
    }
}
