package dev.resilientpay.alipay.e2e;

import dev.resilientpay.Money;
import dev.resilientpay.Operation;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.Policies;
import dev.resilientpay.TimeSource;
import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.testing.VirtualTime;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorRequest;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Wiring for the end-to-end tests: an {@link AlipayProvider} configured from an
 * {@link AlipaySimulator} (keys, app id, gateway URL) inside a {@link PaymentClient} with short
 * policies, virtual time (waits are instant; HTTP is real, over loopback) and a recording listener.
 */
final class AlipayEndToEnd {

    final AlipaySimulator simulator;
    final TimeSource time;
    final RecordingListener listener = new RecordingListener();
    final PaymentClient client;

    private AlipayEndToEnd(AlipaySimulator simulator, TimeSource time, String notifyUrl) {
        this.simulator = simulator;
        this.time = time;
        AlipayConfig.Builder config = AlipayConfig.builder()
                .appId(simulator.appId())
                .merchantPrivateKey(simulator.appPrivateKeyPem())
                .alipayPublicKey(simulator.alipayPublicKeyPem())
                .gatewayUrl(simulator.gatewayUrl());
        if (notifyUrl != null) {
            config.notifyUrl(notifyUrl);
        }
        this.client = PaymentClient.builder()
                .provider(AlipayProvider.create(config.build()))
                .policies(shortPolicies())
                .listener(listener)
                .timeSource(time)
                .seed(42L)
                .build();
    }

    /** A client in virtual time: polling schedules run at once, HTTP attempts are real. */
    static AlipayEndToEnd virtualTime(AlipaySimulator simulator) {
        return new AlipayEndToEnd(simulator, new VirtualTime(), null);
    }

    /** A client on the system clock, for tests where a real thread acts while the client waits. */
    static AlipayEndToEnd realTime(AlipaySimulator simulator) {
        return new AlipayEndToEnd(simulator, TimeSource.system(), null);
    }

    /** A client in virtual time whose requests carry {@code notifyUrl}. */
    static AlipayEndToEnd withNotifyUrl(AlipaySimulator simulator, String notifyUrl) {
        return new AlipayEndToEnd(simulator, new VirtualTime(), notifyUrl);
    }

    /** Seconds, not the production defaults' tens of seconds; polls every 20 to 50 ms. */
    static Policies shortPolicies() {
        Policies defaults = Policies.defaults();
        OperationPolicy pay = defaults.of(Operation.PAY_BY_CODE).toBuilder()
                .attemptTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(3)).maxAttempts(3)
                .backoff(Duration.ofMillis(20), 2.0, Duration.ofMillis(100)).jitter(0.0)
                .polling(Duration.ofMillis(20), Duration.ofMillis(50)).build();
        OperationPolicy quick = defaults.of(Operation.QUERY).toBuilder()
                .attemptTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(3)).maxAttempts(3)
                .backoff(Duration.ofMillis(20), 2.0, Duration.ofMillis(100)).jitter(0.0)
                .polling(Duration.ofMillis(20), Duration.ofMillis(50)).build();
        OperationPolicy cancel = defaults.of(Operation.CANCEL).toBuilder()
                .attemptTimeout(Duration.ofSeconds(2)).deadline(Duration.ofSeconds(3)).maxAttempts(5)
                .backoff(Duration.ofMillis(50), 1.0, Duration.ofMillis(50)).jitter(0.0)
                .polling(Duration.ofMillis(50), Duration.ofMillis(50)).build();
        return defaults
                .with(Operation.PAY_BY_CODE, pay)
                .with(Operation.CREATE_ORDER, quick)
                .with(Operation.REFUND, quick)
                .with(Operation.QUERY, quick)
                .with(Operation.CLOSE, quick)
                .with(Operation.REFUND_QUERY, quick)
                .with(Operation.CANCEL, cancel);
    }

    /** A payment-code payment of {@code yuan} for {@code orderId}. */
    static PaymentRequest barcode(String orderId, String authCode, String yuan) {
        return PaymentRequest.builder()
                .orderId(orderId)
                .amount(Money.of(yuan, "CNY"))
                .subject("Coffee beans 1 kg")
                .method(new PaymentMethod.PaymentCode(authCode))
                .build();
    }

    /** A QR-code payment of {@code yuan} for {@code orderId}. */
    static PaymentRequest qr(String orderId, String yuan) {
        return PaymentRequest.builder()
                .orderId(orderId)
                .amount(Money.of(yuan, "CNY"))
                .subject("Coffee beans 1 kg")
                .method(new PaymentMethod.QrCode())
                .build();
    }

    /** Lets virtual time pass (the client must have been made with {@link #virtualTime}). */
    void advance(Duration duration) {
        ((VirtualTime) time).advance(duration);
    }

    /** How many requests of each Alipay method for {@code orderId} reached the simulator. */
    Map<String, Long> receivedByMethod(String orderId) {
        return simulator.requests(orderId).stream()
                .collect(Collectors.groupingBy(AlipaySimulatorRequest::method, Collectors.counting()));
    }

    void close() {
        client.close();
    }
}
