package dev.resilientpay.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GatewayUrlsTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 11, 22, 10, 0, 0, 0, ZoneOffset.UTC);

    @Test
    void httpsGatewaysAreAccepted() {
        assertThat(GatewayUrls.requireHttpsOrLoopback("gatewayUrl", "https://openapi.alipay.com/gateway.do").host())
                .isEqualTo("openapi.alipay.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/gateway.do", "http://localhost:1/x", "http://[::1]:9/x"})
    void plainHttpIsAcceptedForLoopbackOnly(String url) {
        assertThat(GatewayUrls.requireHttpsOrLoopback("gatewayUrl", url)).isNotNull();
    }

    @Test
    void plainHttpToAnotherHostIsRefusedNamingTheField() {
        assertThatThrownBy(() -> GatewayUrls.requireHttpsOrLoopback("gatewayUrl", "http://openapi.alipay.com/gateway.do"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gatewayUrl must use https");
    }

    @Test
    void aNameIsNeverResolvedToDecideLoopback() {
        assertThat(GatewayUrls.isLoopback("loopback.example.com")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "not a url", "ftp://example.com"})
    void malformedOrEmptyUrlsAreRefusedNamingTheField(String url) {
        assertThatThrownBy(() -> GatewayUrls.requireHttpsOrLoopback("host", url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("host ");
    }

    @Test
    void retryAfterInSeconds() {
        assertThat(GatewayUrls.retryAfter("3", NOW)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterAsAnHttpDate() {
        assertThat(GatewayUrls.retryAfter("Sun, 22 Nov 2026 10:00:05 GMT", NOW)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterIsCappedAtOneHour() {
        assertThat(GatewayUrls.retryAfter("86400", NOW)).isEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "soon", "-1"})
    void unreadableRetryAfterIsIgnored(String header) {
        assertThat(GatewayUrls.retryAfter(header, NOW)).isNull();
    }
}
