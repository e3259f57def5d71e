package dev.resilientpay.testkit.internal.alipay;

import dev.resilientpay.testkit.AlipaySimulatorDelivery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** POSTs notification forms to a merchant's notify URL, as Alipay's notifier does. */
public final class NotificationSender {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * Delivers {@code body} to {@code url} once.
     *
     * @throws UncheckedIOException when the receiver cannot be reached
     */
    public AlipaySimulatorDelivery deliver(URI url, String body) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new AlipaySimulatorDelivery(body, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("notification to " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while notifying " + url, e);
        }
    }
}
