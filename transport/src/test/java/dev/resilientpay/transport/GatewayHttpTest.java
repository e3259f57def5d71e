package dev.resilientpay.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayHttpTest {

    private static final WireMockServer server =
            new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    private static final GatewayHttp http = GatewayHttp.using(new OkHttpClient(), 4096);

    @BeforeAll
    static void start() {
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void reset() {
        server.resetAll();
    }

    private static Request post(String url) {
        return new Request.Builder().url(url)
                .post(RequestBody.create("{\"amount\":1}", MediaType.get("application/json"))).build();
    }

    private static Request post() {
        return post(server.baseUrl() + "/pay");
    }

    @Test
    void aCompleteResponseIsReceivedWithStatusHeadersAndRawBody() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(202)
                .withHeader("Request-ID", "abc").withBody("{\"code\":\"USERPAYING\"}")));

        HttpOutcome outcome = http.execute(post(), Duration.ofSeconds(2));

        assertThat(outcome).isInstanceOfSatisfying(HttpOutcome.Received.class, r -> {
            assertThat(r.status()).isEqualTo(202);
            assertThat(r.header("request-id")).isEqualTo("abc");
            assertThat(r.bodyText()).isEqualTo("{\"code\":\"USERPAYING\"}");
        });
    }

    @Test
    void aRefusedConnectionIsNotSent() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        HttpOutcome outcome = http.execute(post("http://127.0.0.1:" + closedPort + "/pay"), Duration.ofSeconds(2));

        assertThat(outcome).isInstanceOf(HttpOutcome.NotSent.class);
    }

    @Test
    void aResetAfterTheRequestWasWrittenIsLostAndNeverResentByTheTransport() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        HttpOutcome outcome = http.execute(post(), Duration.ofSeconds(2));

        assertThat(outcome).isInstanceOfSatisfying(HttpOutcome.Lost.class, lost -> assertThat(lost.timeout()).isFalse());
        server.verify(1, postRequestedFor(urlEqualTo("/pay")));
    }

    @Test
    void anEmptyReplyIsLostAndNeverResentByTheTransport() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        // A generous timeout: the empty reply comes at once; on a loaded machine 2 s were not always
        // enough for the request to reach WireMock, and the test is about the reply, not the timeout.
        HttpOutcome outcome = http.execute(post(), Duration.ofSeconds(15));

        assertThat(outcome).isInstanceOf(HttpOutcome.Lost.class);
        server.verify(1, postRequestedFor(urlEqualTo("/pay")));
    }

    @Test
    void anAnswerSlowerThanTheCallTimeoutIsLostByTimeout() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withFixedDelay(1_000).withBody("late")));

        HttpOutcome outcome = http.execute(post(), Duration.ofMillis(150));

        assertThat(outcome).isInstanceOfSatisfying(HttpOutcome.Lost.class, lost -> assertThat(lost.timeout()).isTrue());
    }

    @Test
    void aBodyLargerThanTheCapIsNotRead() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("x".repeat(4097))));

        HttpOutcome outcome = http.execute(post(), Duration.ofSeconds(2));

        assertThat(outcome).isInstanceOfSatisfying(HttpOutcome.Lost.class,
                lost -> assertThat(lost.reason()).contains("larger than 4096"));
    }

    @Test
    void aBodyOfExactlyTheCapIsRead() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withBody("x".repeat(4096))));

        HttpOutcome outcome = http.execute(post(), Duration.ofSeconds(2));

        assertThat(outcome).isInstanceOfSatisfying(HttpOutcome.Received.class,
                r -> assertThat(r.body()).hasSize(4096));
    }

    @Test
    void redirectsAreNotFollowed() {
        server.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(302).withHeader("Location", "/elsewhere")));

        HttpOutcome outcome = http.execute(post(), Duration.ofSeconds(2));

        assertThat(outcome).isInstanceOfSatisfying(HttpOutcome.Received.class,
                r -> assertThat(r.status()).isEqualTo(302));
        assertThat(server.getAllServeEvents()).hasSize(1);
    }

    @Test
    void theTransportNeverRetriesOnConnectionFailureWhateverTheBaseClientSays() {
        OkHttpClient retrying = new OkHttpClient.Builder().retryOnConnectionFailure(true).build();

        assertThat(GatewayHttp.using(retrying, 4096).okHttpClient().retryOnConnectionFailure()).isFalse();
    }

    @Test
    void idleConnectionsAreDroppedBeforeTheGatewaysKeepAliveEnds() {
        assertThat(GatewayHttp.KEEP_ALIVE).isLessThan(Duration.ofSeconds(8));
    }
}
