package dev.resilientpay.alipay.e2e;

import static dev.resilientpay.alipay.e2e.AlipayEndToEnd.qr;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.TradeState;
import dev.resilientpay.testkit.AlipaySimulatorDelivery;
import dev.resilientpay.testkit.AlipaySimulatorExtension;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notifications the simulated gateway signs and delivers over HTTP to a merchant endpoint (a JDK
 * HttpServer that hands the raw body to {@code client.notifications()} and answers its reply).
 */
class NotificationEndToEndTest {

    @RegisterExtension
    static final AlipaySimulatorExtension ALIPAY = new AlipaySimulatorExtension();

    private AlipayEndToEnd e2e;
    private HttpServer endpoint;
    private final List<NotificationResult> results = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endpoint.createContext("/alipay/notify", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            NotificationResult result = e2e.client.notifications()
                    .verify(Map.of("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type")), raw);
            results.add(result);
            byte[] reply = result.reply().body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(result.reply().status(), reply.length == 0 ? -1 : reply.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(reply);
            }
        });
        endpoint.start();
        String notifyUrl = "http://127.0.0.1:" + endpoint.getAddress().getPort() + "/alipay/notify";
        e2e = AlipayEndToEnd.withNotifyUrl(ALIPAY.simulator(), notifyUrl);
    }

    @AfterEach
    void stop() {
        endpoint.stop(0);
        e2e.close();
    }

    @Test
    void duplicateNotificationIsRecognisedAndBothAreAcknowledged() {
        e2e.client.pay(qr("e2e_notify_dup", "66.00"));
        e2e.simulator.payerPays("e2e_notify_dup");

        AlipaySimulatorDelivery first = e2e.simulator.sendNotification("e2e_notify_dup");
        AlipaySimulatorDelivery again = e2e.simulator.sendNotification("e2e_notify_dup");

        assertThat(first.acknowledged()).isTrue();
        assertThat(again.acknowledged()).isTrue();
        assertThat(results).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(NotificationResult.Accepted.class));
        assertThat(((NotificationResult.Accepted) results.get(0)).duplicate()).isFalse();
        assertThat(((NotificationResult.Accepted) results.get(1)).duplicate()).isTrue();
    }

    @Test
    void notificationOfAPaidOrderIsVerifiedAndCompletesTheAwaitedPayment() {
        e2e.client.pay(qr("e2e_notify_paid", "66.00"));
        e2e.simulator.payerPays("e2e_notify_paid");

        AlipaySimulatorDelivery delivery = e2e.simulator.sendNotification("e2e_notify_paid");

        assertThat(delivery.acknowledged()).isTrue();
        assertThat(results).singleElement().isInstanceOfSatisfying(NotificationResult.Accepted.class, accepted ->
                assertThat(accepted.notification()).isInstanceOfSatisfying(Notification.PaymentNotification.class,
                        payment -> assertThat(payment.status().state()).isEqualTo(TradeState.PAID)));
        int queriesBefore = e2e.simulator.requestCount("e2e_notify_paid", "alipay.trade.query");
        assertThat(e2e.client.awaitPayment("e2e_notify_paid", Duration.ofSeconds(1))).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(e2e.simulator.requestCount("e2e_notify_paid", "alipay.trade.query")).isEqualTo(queriesBefore);
    }

    @Test
    void notificationSignedByAnotherGatewayIsRejectedAndNotAcknowledged() {
        e2e.client.pay(qr("e2e_notify_forged", "66.00"));
        e2e.simulator.payerPays("e2e_notify_forged");
        String genuine = e2e.simulator.notification("e2e_notify_forged").body();
        String forged = genuine.replace("total_amount=66.00", "total_amount=0.01");

        NotificationResult result = e2e.client.notifications().verify(
                Map.of("content-type", "application/x-www-form-urlencoded; charset=utf-8"),
                forged.getBytes(StandardCharsets.UTF_8));

        assertThat(result).isInstanceOf(NotificationResult.Rejected.class);
        assertThat(result.reply().body()).isNotEqualTo("success");
    }
}
