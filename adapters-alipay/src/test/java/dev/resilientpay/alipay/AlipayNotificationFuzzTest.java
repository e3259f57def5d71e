package dev.resilientpay.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.alipay.support.TestSigning;
import dev.resilientpay.alipay.support.Vectors;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzz target for Alipay notification parsing and verification (form body, RSA2, app_id, the typed
 * event). Contract: any body gives a {@link NotificationResult}, {@code Accepted} only with a valid
 * gateway signature; nothing escapes. Regression inputs:
 * {@code src/test/resources/dev/resilientpay/alipay/AlipayNotificationFuzzTestInputs/}.
 */
class AlipayNotificationFuzzTest {

    private static final PrivateKey GATEWAY_PRIVATE_KEY = TestSigning.gatewayPrivateKey();
    private static final NotificationVerifier VERIFIER = AlipayProvider.create(AlipayConfig.builder()
            .appId(Vectors.appId())
            .merchantPrivateKey(Vectors.key("appPrivateKey"))
            .alipayPublicKey(Vectors.key("gatewayPublicKey"))
            .gatewayUrl("https://openapi.alipay.com/gateway.do")
            .clock(Clock.fixed(Instant.parse("2026-11-22T02:32:50Z"), ZoneOffset.UTC))
            .build()).notifications();

    /**
     * Input layout: byte 0 bit 0 picks the mode: 0 = the rest is the body as posted; 1 = the rest is a
     * form whose fields the test signs with the gateway key (adding {@code sign} and {@code sign_type}),
     * so that fuzzing reaches the parsing of verified fields (amounts, times, states).
     */
    @FuzzTest(maxDuration = "10m")
    void everyBodyGetsATypedResult(byte[] input) {
        if (input.length == 0) {
            assertThat(VERIFIER.verify(Map.of(), input)).isInstanceOf(NotificationResult.Rejected.class);
            return;
        }
        boolean signedByGateway = (input[0] & 1) != 0;
        String rest = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        String body = signedByGateway ? signed(rest) : rest;

        NotificationResult result = VERIFIER.verify(Map.of("Content-Type", "application/x-www-form-urlencoded"),
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(result).isNotNull();
        assertThat(result.reply()).isNotNull();
        if (result instanceof NotificationResult.Accepted accepted) {
            assertThat(signedByGateway).as("the fuzzer cannot forge the gateway's signature").isTrue();
            Notification n = accepted.notification();
            assertThat(n.orderId()).isNotBlank();
            assertThat(n.id()).isNotBlank();
        }
    }

    /** The fields of {@code form} (read leniently here: last value wins) signed as Alipay signs them. */
    private static String signed(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException notDecodable) {
                // left out: the test only signs what it can read
            }
        }
        fields.remove("sign");
        fields.remove("sign_type");
        fields.put("sign", TestSigning.sign(GATEWAY_PRIVATE_KEY, TestSigning.canonical(fields)));
        fields.put("sign_type", "RSA2");
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }
}
