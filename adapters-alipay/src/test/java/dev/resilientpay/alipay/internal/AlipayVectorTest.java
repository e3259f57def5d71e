package dev.resilientpay.alipay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.alipay.support.TestSigning;
import dev.resilientpay.alipay.support.Vectors;
import dev.resilientpay.spi.PemKeys;
import dev.resilientpay.spi.RsaSha256;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of {@code alipay-vectors.json}, produced with the official SDK, reproduced byte for byte. */
class AlipayVectorTest {

    private static final AlipayRequestSigner SIGNER =
            new AlipayRequestSigner(PemKeys.rsaPrivateKey("appPrivateKey", Vectors.key("appPrivateKey")));
    private static final RsaSha256.Verifier GATEWAY_KEY =
            RsaSha256.verifier(PemKeys.rsaPublicKey("gatewayPublicKey", Vectors.key("gatewayPublicKey")));

    static List<Named<JsonNode>> requestSigning() {
        return Vectors.cases("requestSigning");
    }

    static List<Named<JsonNode>> responseVerification() {
        return Vectors.cases("responseVerification");
    }

    static List<Named<JsonNode>> notifications() {
        return Vectors.cases("notifications");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestSigning")
    void requestStringToSignMatchesTheOfficialSdk(JsonNode c) {
        assertThat(AlipayRequestSigner.stringToSign(params(c))).isEqualTo(c.path("stringToSign").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestSigning")
    void requestSignatureMatchesTheOfficialSdkAndVerifiesWithTheAppPublicKey(JsonNode c) {
        String sign = SIGNER.sign(params(c));
        assertThat(sign).isEqualTo(c.path("sign").asText());
        assertThat(TestSigning.verify(TestSigning.appPublicKey(), c.path("stringToSign").asText(), sign)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responseVerification")
    void responseIsAcceptedExactlyWhenValid(JsonNode c) {
        ResponseVerdict verdict = AlipayResponseVerifier.verify(c.path("method").asText(), c.path("body").asText(), GATEWAY_KEY);
        boolean accepted = verdict instanceof ResponseVerdict.Trusted t && t.signed();
        assertThat(accepted).as(verdict.toString()).isEqualTo(c.path("valid").asBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifications")
    void notificationIsAcceptedExactlyWhenValid(JsonNode c) {
        // The vectors' notify_time is 2023-11-15 06:13:26 China time: judge freshness as of then.
        AlipayNotificationVerifier verifier = new AlipayNotificationVerifier(Vectors.appId(), null,
                java.time.Clock.fixed(java.time.Instant.parse("2023-11-14T22:13:30Z"), java.time.ZoneOffset.UTC),
                () -> List.of(GATEWAY_KEY));
        NotificationResult result = verifier.verify(Map.of("Content-Type", "application/x-www-form-urlencoded"),
                c.path("rawBody").asText().getBytes(StandardCharsets.UTF_8));
        assertThat(result instanceof NotificationResult.Accepted).as(result.toString()).isEqualTo(c.path("valid").asBoolean());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notifications")
    void notificationStringToVerifyMatchesTheVector(JsonNode c) {
        Map<String, String> form = FormCodec.decode(c.path("rawBody").asText());
        assertThat(AlipayRequestSigner.canonical(form, java.util.Set.of("sign", "sign_type")))
                .isEqualTo(c.path("stringToVerify").asText());
    }

    private static Map<String, String> params(JsonNode c) {
        Map<String, String> params = new LinkedHashMap<>();
        c.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        return params;
    }
}
