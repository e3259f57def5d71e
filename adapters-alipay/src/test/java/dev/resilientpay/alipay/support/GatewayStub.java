package dev.resilientpay.alipay.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.spi.AttemptContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A WireMock stand-in for the Alipay gateway on a loopback dynamic port, answering per method.
 * Registered in a static field it serves the whole test class, forgets its stubs before each test
 * and stops after the last one:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final GatewayStub gateway = new GatewayStub();
 * }</pre>
 */
public final class GatewayStub implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    /** The fixed clock of the tests: 2026-11-22 10:32:50 in China. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T02:32:50Z"), ZoneOffset.UTC);

    /** The default notify URL of the test configuration. */
    public static final String NOTIFY_URL = "https://shop.example.com/alipay/notify";

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));

    /** Starts the server. */
    public GatewayStub() {
        server.start();
    }

    /** The gateway URL. */
    public String url() {
        return "http://127.0.0.1:" + server.port() + "/gateway.do";
    }

    /** A public-key-mode configuration builder pointed at this stub. */
    public AlipayConfig.Builder config() {
        return AlipayConfig.builder()
                .appId(Vectors.appId())
                .merchantPrivateKey(Vectors.key("appPrivateKey"))
                .alipayPublicKey(Vectors.key("gatewayPublicKey"))
                .gatewayUrl(url())
                .notifyUrl(NOTIFY_URL)
                .clock(CLOCK);
    }

    /** Forgets every stub and recorded request. */
    public void reset() {
        server.resetAll();
    }

    /** Answers {@code method} with {@code response}. */
    public void answer(String method, ResponseDefinitionBuilder response) {
        server.stubFor(post(urlPathEqualTo("/gateway.do")).withQueryParam("method", equalTo(method)).willReturn(response));
    }

    /** Answers {@code method} with HTTP 200 and {@code body}. */
    public void answer(String method, String body) {
        answer(method, aResponse().withStatus(200).withHeader("Content-Type", "text/html;charset=utf-8").withBody(body));
    }

    /** Answers {@code method} with the node {@code content} signed by the gateway key. */
    public void answerSigned(String method, String content) {
        answer(method, TestSigning.signedResponse(method, content));
    }

    /** Asserts that {@code count} requests matched {@code pattern}. */
    public void verifyCount(int count, com.github.tomakehurst.wiremock.matching.RequestPatternBuilder pattern) {
        server.verify(count, pattern);
    }

    /** Every request received, oldest first. */
    public List<LoggedRequest> requests() {
        return server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
    }

    /** Every parameter of a request as sent: the query string and the form body, decoded once. */
    public static Map<String, String> params(LoggedRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        String url = request.getUrl();
        int q = url.indexOf('?');
        if (q >= 0) {
            decodeInto(url.substring(q + 1), params);
        }
        decodeInto(request.getBodyAsString(), params);
        return params;
    }

    /** A form or query string decoded once. */
    public static Map<String, String> decodeForm(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        decodeInto(form, out);
        return out;
    }

    /** A context for attempt 1 with {@code timeout}. */
    public static AttemptContext context(String key, Duration timeout) {
        return new AttemptContext(key, 1, timeout, Instant.now().plusSeconds(30));
    }

    /** A context for attempt 1 with a 3-second timeout. */
    public static AttemptContext context(String key) {
        return context(key, Duration.ofSeconds(3));
    }

    private static void decodeInto(String form, Map<String, String> out) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    @Override
    public void close() {
        server.stop();
    }
}
