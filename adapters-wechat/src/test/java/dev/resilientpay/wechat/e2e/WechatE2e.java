package dev.resilientpay.wechat.e2e;

import com.sun.net.httpserver.HttpServer;
import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.Money;
import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.Operation;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.Policies;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorKeyMode;
import dev.resilientpay.wechat.WechatPayConfig;
import dev.resilientpay.wechat.WechatPayProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One end-to-end rig: a {@link WechatPaySimulator}, a {@link WechatPayProvider} configured against
 * it, a {@link PaymentClient} with short policies (polls every 20-50 ms, deadlines of a few seconds)
 * and a notify_url receiver that hands each notification's raw headers and body to the client's
 * verifier and answers with its reply, the way a merchant's web endpoint would.
 */
final class WechatE2e implements AutoCloseable {

    /** How long a test waits for a payment at most. */
    static final Duration AWAIT = Duration.ofSeconds(3);

    final WechatPaySimulator simulator;
    final WechatPayProvider provider;
    final PaymentClient client;
    /** Every attempt the pipeline made, in order. */
    final List<PaymentListener.AttemptFinished> attempts = new CopyOnWriteArrayList<>();
    /** What the client's verifier said to each notification the receiver got. */
    final List<NotificationResult> notifications = new CopyOnWriteArrayList<>();
    private final HttpServer receiver;
    private final boolean ownsSimulator;

    private WechatE2e(WechatPaySimulator simulator, boolean ownsSimulator) {
        this.simulator = simulator;
        this.ownsSimulator = ownsSimulator;
        WechatPayConfig.Builder config = WechatPayConfig.builder()
                .mchId(simulator.mchId())
                .appId(simulator.appId())
                .merchantPrivateKey(simulator.merchantPrivateKeyPem())
                .merchantSerialNumber(simulator.merchantSerialNumber())
                .apiV3Key(simulator.apiV3Key())
                .host(simulator.baseUrl())
                .notifyUrl("https://shop.example.com/wechat/notify");
        if (simulator.keyMode() != WechatPaySimulatorKeyMode.PLATFORM_CERTIFICATE) {
            config.wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKeyPem());
        }
        if (simulator.keyMode() != WechatPaySimulatorKeyMode.PUBLIC_KEY) {
            config.platformCertificates();
        }
        this.provider = WechatPayProvider.create(config.build());
        this.client = PaymentClient.builder()
                .provider(provider)
                .policies(shortPolicies())
                // a breaker that never opens in these tests: they count every request
                .breaker(new BreakerPolicy(100, 100, 100, Duration.ofSeconds(1), 3))
                .listener(new PaymentListener() {
                    @Override
                    public void onAttempt(AttemptFinished event) {
                        attempts.add(event);
                    }
                })
                .seed(42)
                .build();
        this.receiver = startReceiver();
    }

    /** A rig in public-key mode. */
    static WechatE2e start() {
        return start(WechatPaySimulatorKeyMode.PUBLIC_KEY);
    }

    /** A rig whose simulator and provider use {@code mode}. */
    static WechatE2e start(WechatPaySimulatorKeyMode mode) {
        return new WechatE2e(WechatPaySimulator.builder().keyMode(mode).start(), true);
    }

    /** A second client process (own provider, ledger and receiver) for the same gateway; leaves it running on close. */
    static WechatE2e attachTo(WechatPaySimulator simulator) {
        return new WechatE2e(simulator, false);
    }

    /** The receiver's notify_url (loopback, plain HTTP: the simulator posts to it directly). */
    String notifyUrl() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/wechat/notify";
    }

    static PaymentRequest nativeOrder(String orderId, String yuan) {
        return PaymentRequest.builder().orderId(orderId).amount(Money.of(yuan, "CNY")).subject("Tea 250 g")
                .method(new PaymentMethod.QrCode()).build();
    }

    static PaymentRequest codeOrder(String orderId, String authCode, String yuan) {
        return PaymentRequest.builder().orderId(orderId).amount(Money.of(yuan, "CNY")).subject("Tea 250 g")
                .method(new PaymentMethod.PaymentCode(authCode)).build();
    }

    static RefundRequest refund(String orderId, String refundId, String yuan, String orderYuan) {
        return RefundRequest.builder().orderId(orderId).refundId(refundId).amount(Money.of(yuan, "CNY"))
                .orderAmount(Money.of(orderYuan, "CNY")).reason("returned").build();
    }

    /** Polls every 20-50 ms, re-sends after 20-50 ms, gives up after a few seconds. */
    static OperationPolicy shortPolicy(Duration deadline, int maxAttempts) {
        return Policies.defaults().of(Operation.QUERY).toBuilder()
                .attemptTimeout(Duration.ofSeconds(2))
                .deadline(deadline)
                .maxAttempts(maxAttempts)
                .backoff(Duration.ofMillis(20), 1.5, Duration.ofMillis(50))
                .jitter(0)
                .polling(Duration.ofMillis(20), Duration.ofMillis(50))
                .build();
    }

    static Policies shortPolicies() {
        Policies policies = Policies.defaults();
        for (Operation operation : Operation.values()) {
            policies = policies.with(operation, shortPolicy(Duration.ofSeconds(4), operation == Operation.CANCEL ? 5 : 3));
        }
        return policies;
    }

    /** The simulator's name for the operation an attempt made ({@code native} for CREATE_ORDER here). */
    static String simulatorOperation(Operation operation) {
        return switch (operation) {
            case CREATE_ORDER -> WechatPaySimulator.NATIVE;
            case PAY_BY_CODE -> WechatPaySimulator.CODEPAY;
            case QUERY -> WechatPaySimulator.QUERY;
            case CLOSE -> WechatPaySimulator.CLOSE;
            case CANCEL -> WechatPaySimulator.REVERSE;
            case REFUND -> WechatPaySimulator.REFUND;
            case REFUND_QUERY -> WechatPaySimulator.REFUND_QUERY;
        };
    }

    /** The operations of the attempts the pipeline made for {@code orderId}, as the simulator names them. */
    List<String> attemptedOperations(String orderId) {
        return attempts.stream().filter(a -> a.orderId().equals(orderId))
                .map(a -> simulatorOperation(a.operation())).toList();
    }

    private HttpServer startReceiver() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/wechat/notify", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Map<String, String> headers = new HashMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
                NotificationResult result = client.notifications().verify(headers, body);
                notifications.add(result);
                NotificationReply reply = result.reply();
                byte[] answer = reply.body().getBytes(StandardCharsets.UTF_8);
                if (reply.contentType() != null) {
                    exchange.getResponseHeaders().add("Content-Type", reply.contentType());
                }
                exchange.sendResponseHeaders(reply.status(), answer.length == 0 ? -1 : answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        receiver.stop(0);
        client.close();
        if (ownsSimulator) {
            simulator.close();
        }
    }
}
