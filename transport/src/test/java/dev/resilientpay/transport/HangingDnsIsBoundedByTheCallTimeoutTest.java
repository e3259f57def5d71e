package dev.resilientpay.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 8: OkHttp resolves names on the calling thread and its call timeout does not cut a
 * lookup short, so a hanging resolver held a 0.5 s call for as long as the resolver hung. The resolver
 * here blocks on a latch (for at most 10 s, so that the old code fails instead of hanging the build).
 * Margin: the call must return within its timeout plus 400 ms (thread hand-off and scheduling on a loaded
 * 2-core machine; the measured overrun is a few milliseconds).
 */
class HangingDnsIsBoundedByTheCallTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static final Duration MARGIN = Duration.ofMillis(400);

    private final WireMockServer server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private final CountDownLatch resolverReleased = new CountDownLatch(1);
    private final Dns hangingDns = hostname -> {
        try {
            resolverReleased.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnknownHostException("interrupted");
        }
        return List.of(InetAddress.getLoopbackAddress());
    };

    @BeforeEach
    void start() {
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
    }

    @AfterEach
    void stop() {
        resolverReleased.countDown();
        server.stop();
    }

    @Test
    void hangingDnsLookupEndsWithinTheCallTimeoutAsNotSent() {
        GatewayHttp http = GatewayHttp.using(new OkHttpClient.Builder().dns(hangingDns).build(), 4096);
        Request request = new Request.Builder().url("http://gateway.example:" + server.port() + "/pay").build();

        long started = System.nanoTime();
        HttpOutcome outcome = http.execute(request, TIMEOUT);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

        assertThat(outcome).isInstanceOf(HttpOutcome.NotSent.class);
        assertThat(elapsed).isLessThan(TIMEOUT.plus(MARGIN));
        assertThat(server.getAllServeEvents()).isEmpty();
    }

    @Test
    void resolvedNameIsUsedWhenTheResolverAnswersInTime() {
        resolverReleased.countDown();
        GatewayHttp http = GatewayHttp.using(new OkHttpClient.Builder().dns(hangingDns).build(), 4096);
        Request request = new Request.Builder().url("http://gateway.example:" + server.port() + "/pay").build();

        HttpOutcome outcome = http.execute(request, TIMEOUT);

        assertThat(outcome).isInstanceOf(HttpOutcome.Received.class);
    }
}
