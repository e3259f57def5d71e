package dev.resilientpay.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.resilientpay.testkit.internal.alipay.GatewaySettings;
import dev.resilientpay.testkit.internal.alipay.GatewayTransformer;
import dev.resilientpay.testkit.internal.alipay.NotificationForm;
import dev.resilientpay.testkit.internal.alipay.NotificationSender;
import dev.resilientpay.testkit.internal.alipay.RequestLog;
import dev.resilientpay.testkit.internal.alipay.SimulatedGateway;
import dev.resilientpay.testkit.internal.alipay.TradeBook;
import dev.resilientpay.testkit.internal.crypto.Pem;
import dev.resilientpay.testkit.internal.crypto.RsaKeyPairs;
import java.net.URI;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * A stateful simulator of the Alipay Open Platform gateway ({@code POST /gateway.do}) on a loopback
 * port, for tests. It is an independent implementation of the gateway side: it verifies request
 * signatures with the app public key (rejecting like Alipay with {@code 40002 isv.invalid-signature},
 * unsigned), signs its answers with its own gateway key over the exact node text, and keeps trades:
 * pay (payment code), precreate (QR), create, query, cancel, close, refund (idempotent by
 * {@code out_request_no}) and refund query. It injects faults from {@link #faults()} (operation name
 * = the Alipay method) and records every request it receives.
 *
 * <pre>{@code
 * try (AlipaySimulator alipay = AlipaySimulator.start()) {
 *     AlipayConfig config = AlipayConfig.builder()
 *             .appId(alipay.appId())
 *             .merchantPrivateKey(alipay.appPrivateKeyPem())
 *             .alipayPublicKey(alipay.alipayPublicKeyPem())
 *             .gatewayUrl(alipay.gatewayUrl())
 *             .build();
 *     String code = alipay.newPaymentCode(AlipaySimulatorPayer.confirmsAfter(1));
 *     alipay.faults().next(1, Fault.responseLost(), AlipaySimulator.PAY::equals);
 *     // ... pay with the client (its timeSource(new VirtualTime()) skips the polling waits), then:
 *     assertThat(alipay.order("order-1").orElseThrow().charges()).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>Faults: {@link Fault.Delay} processes at once and delays the answer; {@link Fault.ConnectionReset},
 * {@link Fault.HttpError} and {@link Fault.RateLimited} change nothing; {@link Fault.SystemError}
 * answers a signed {@code ACQ.SYSTEM_ERROR} (or {@code 20000}, see the builder) after processing or
 * not; {@link Fault.MalformedBody}, {@link Fault.BadSignature} and {@link Fault.ResponseLost} process
 * first. {@link Fault.StaleTimestamp} has no Alipay meaning (answers carry no timestamp): the request
 * is answered normally.
 *
 * <p>Keys are RSA-2048, generated once per JVM and shared by every simulator unless the builder is
 * given others. Thread-safe. Its methods use the same names as {@link WechatPaySimulator}'s for the
 * same things ({@code docs/testkit.md} has the table).
 */
public final class AlipaySimulator implements AutoCloseable {

    /** The app id simulators use unless told otherwise. */
    public static final String DEFAULT_APP_ID = "2021000000000000";

    /** Operation name (Alipay method) of the payment-code pay. */
    public static final String PAY = "alipay.trade.pay";
    /** Operation name of the QR-code order ({@code precreate}). */
    public static final String PRECREATE = "alipay.trade.precreate";
    /** Operation name of the in-app / JSAPI order ({@code create}). */
    public static final String CREATE = "alipay.trade.create";
    /** Operation name of the order query. */
    public static final String QUERY = "alipay.trade.query";
    /** Operation name of cancel (close an unpaid order, refund a paid one). */
    public static final String CANCEL = "alipay.trade.cancel";
    /** Operation name of close. */
    public static final String CLOSE = "alipay.trade.close";
    /** Operation name of refund. */
    public static final String REFUND = "alipay.trade.refund";
    /** Operation name of the refund query. */
    public static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";

    private final WireMockServer server;
    private final GatewaySettings settings;
    private final TradeBook book;
    private final AtomicReference<FaultPlan> faults = new AtomicReference<>(new FaultPlan());
    private final RequestLog log = new RequestLog();
    private final NotificationForm notifications;
    private final NotificationSender sender = new NotificationSender();
    private final String appPrivateKeyPem;
    private final String appPublicKeyPem;
    private final String alipayPublicKeyPem;
    private final SimulatedGateway simulatedGateway;

    private AlipaySimulator(Builder builder) {
        KeyPair app = builder.appKeys != null ? builder.appKeys : RsaKeyPairs.shared("alipay app");
        KeyPair gatewayKeys = builder.gatewayKeys != null ? builder.gatewayKeys : RsaKeyPairs.shared("alipay gateway");
        this.settings = new GatewaySettings(builder.appId, app.getPublic(), gatewayKeys.getPrivate(), builder.clock,
                builder.systemErrorAs20000, builder.contentType);
        this.book = new TradeBook(builder.defaultPayer);
        this.notifications = new NotificationForm(settings, book);
        this.appPrivateKeyPem = Pem.of(app.getPrivate());
        this.appPublicKeyPem = Pem.of(app.getPublic());
        this.alipayPublicKeyPem = Pem.of(gatewayKeys.getPublic());
        this.simulatedGateway = new SimulatedGateway(settings, book);
        GatewayTransformer transformer = new GatewayTransformer(simulatedGateway, faults::get, log);
        this.server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .disableRequestJournal()
                .extensions(transformer));
        server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(GatewayTransformer.NAME)));
        server.start();
        simulatedGateway.billDesk().baseUrl("http://127.0.0.1:" + server.port());
    }

    /**
     * Faults of the bill service ({@code alipay.data.dataservice.bill.downloadurl.query} and the
     * download), one per bill request, in order.
     *
     * @return the queue
     */
    public BillFaults billFaults() {
        return simulatedGateway.billDesk().faults();
    }

    /**
     * A refund made in the merchant portal, outside the API (and so unknown to the client): booked at
     * once, under a generated {@code out_request_no}; it shows in queries and in the day's bill.
     *
     * @param orderId the paid order
     * @param amount  the amount, yuan
     * @return the trade afterwards
     */
    public AlipaySimulatorTrade portalRefund(String orderId, java.math.BigDecimal amount) {
        return book.portalRefund(orderId, amount.setScale(2), settings.now());
    }

    /**
     * Starts a simulator with the defaults: shared keys, app id {@value #DEFAULT_APP_ID}, payers pay at once.
     *
     * @return the running simulator; close it when done
     */
    public static AlipaySimulator start() {
        return builder().start();
    }

    /** {@return a builder for a simulator with other keys, app id, clock or defaults} */
    public static Builder builder() {
        return new Builder();
    }

    /** {@return the gateway URL to configure in the client: {@code http://127.0.0.1:<port>/gateway.do}} */
    public String gatewayUrl() {
        return "http://127.0.0.1:" + server.port() + "/gateway.do";
    }

    /** {@return the loopback port} */
    public int port() {
        return server.port();
    }

    /** {@return the app id the simulator accepts} */
    public String appId() {
        return settings.appId();
    }

    /** {@return the app (merchant) private key, PKCS#8 PEM: what the client signs requests with} */
    public String appPrivateKeyPem() {
        return appPrivateKeyPem;
    }

    /** {@return the app (merchant) public key, X.509 PEM: what the simulator verifies requests with} */
    public String appPublicKeyPem() {
        return appPublicKeyPem;
    }

    /** {@return the gateway ("Alipay") public key, X.509 PEM: what the client verifies answers and notifications with} */
    public String alipayPublicKeyPem() {
        return alipayPublicKeyPem;
    }

    /** {@return the fault plan: scripted and random faults, by Alipay method name. {@link #reset()} starts a new one} */
    public FaultPlan faults() {
        return faults.get();
    }

    /**
     * Scripts the payer behind one payment code ({@code auth_code}); unscripted codes behave as the default payer.
     *
     * @param authCode the payment code the payer shows
     * @param payer the scripted payer
     * @return this simulator
     */
    public AlipaySimulator scriptPaymentCode(String authCode, AlipaySimulatorPayer payer) {
        Objects.requireNonNull(authCode, "authCode");
        book.scriptPaymentCode(authCode, Objects.requireNonNull(payer, "payer"));
        return this;
    }

    /**
     * Scripts the payer of one order, whichever method creates it; it takes precedence over the
     * payment code's script. It applies now if the order exists and still waits for its payer, else
     * when the order is created. A scripted QR order counts as scanned at once.
     *
     * @param orderId the merchant order id
     * @param payer the scripted payer
     * @return this simulator
     */
    public AlipaySimulator scriptOrder(String orderId, AlipaySimulatorPayer payer) {
        Objects.requireNonNull(orderId, "orderId");
        book.scriptOrder(orderId, Objects.requireNonNull(payer, "payer"), settings.now());
        return this;
    }

    /**
     * Sets how payment codes without a script behave (initially the builder's default payer).
     *
     * @param payer the scripted payer
     * @return this simulator
     */
    public AlipaySimulator defaultPayer(AlipaySimulatorPayer payer) {
        book.defaultPayer(Objects.requireNonNull(payer, "payer"));
        return this;
    }

    /**
     * A fresh, well-formed 18-digit payment code whose payer behaves as {@code payer}.
     *
     * @param payer the scripted payer
     * @return a fresh, well-formed 18-digit payment code whose payer behaves as {@code payer}
     */
    public String newPaymentCode(AlipaySimulatorPayer payer) {
        return book.newPaymentCode(Objects.requireNonNull(payer, "payer"));
    }

    /**
     * The payer scans a precreated QR order: from now on queries find it ({@code WAIT_BUYER_PAY});
     * before the scan Alipay answers {@code ACQ.TRADE_NOT_EXIST}, as the real gateway does.
     *
     * @param orderId the merchant order id
     * @return a snapshot of the trade after the scan
     * @throws IllegalStateException when the order has no trade or is not waiting
     */
    public AlipaySimulatorTrade payerScans(String orderId) {
        return book.payerScans(orderId);
    }

    /**
     * The payer pays a waiting order: a QR or in-app order, or a barcode payment still being confirmed.
     *
     * @param orderId the merchant order id
     * @return a snapshot of the paid trade
     * @throws IllegalStateException when the order has no trade or is not {@code WAIT_BUYER_PAY}
     */
    public AlipaySimulatorTrade payerPays(String orderId) {
        return book.payerPays(orderId, settings.now());
    }

    /**
     * Turns a paid trade into {@code TRADE_FINISHED} (no longer refundable, cannot be cancelled).
     *
     * @param orderId the merchant order id
     * @return a snapshot of the finished trade
     * @throws IllegalStateException when the trade is not {@code TRADE_SUCCESS}
     */
    public AlipaySimulatorTrade finishTrade(String orderId) {
        return book.finish(orderId);
    }

    /**
     * A snapshot of the order (Alipay's trade), if the gateway has it.
     *
     * @param orderId the merchant order id ({@code out_trade_no})
     * @return a snapshot of the order, if the order ever became a trade
     */
    public Optional<AlipaySimulatorTrade> order(String orderId) {
        return book.snapshot(orderId);
    }

    /** {@return snapshots of every order the gateway holds, oldest first: the gateway's side for reconciliation} */
    public List<AlipaySimulatorTrade> orders() {
        return book.orders();
    }

    /** {@return every request that reached the simulator, in arrival order (including broken and rejected ones)} */
    public List<AlipaySimulatorRequest> requests() {
        return log.all();
    }

    /**
     * The requests that concerned one order.
     *
     * @param orderId the merchant order id
     * @return the requests that concerned one order
     */
    public List<AlipaySimulatorRequest> requests(String orderId) {
        return log.forOrder(orderId);
    }

    /**
     * How many requests of {@code method} (e.g. {@code alipay.trade.pay}) for the order reached the simulator.
     *
     * @param method the gateway method name
     * @param orderId the merchant order id
     * @return how many requests of {@code method} (e.g. {@code alipay.trade.pay}) for the order reached the simulator
     */
    public int requestCount(String orderId, String method) {
        return (int) log.forOrder(orderId).stream().filter(r -> r.method().equals(method)).count();
    }

    /**
     * How many requests of {@code operation} (an Alipay method, e.g. {@link #QUERY}) reached the simulator.
     *
     * @param operation the Alipay method
     * @return how many requests of {@code operation} arrived, for any order
     */
    public int requestCount(String operation) {
        return (int) log.all().stream().filter(r -> r.method().equals(operation)).count();
    }

    /**
     * Builds the signed {@code trade_status_sync} notification of the order's current state without
     * sending it (for feeding a notification verifier directly). The same state gives the same
     * {@code notify_id}.
     *
     * @param orderId the merchant order id
     * @return the notification (headers and form body), not sent
     * @throws IllegalStateException when the order has no trade
     */
    public AlipaySimulatorNotification notification(String orderId) {
        return AlipaySimulatorNotification.ofBody(notifications.body(orderId));
    }

    /**
     * POSTs a notification built earlier (again, to redeliver it byte for byte) to {@code url}.
     *
     * @param notification the notification to deliver
     * @param url the URL
     * @return what the receiver answered
     * @throws java.io.UncheckedIOException when the receiver cannot be reached
     */
    public AlipaySimulatorDelivery deliver(AlipaySimulatorNotification notification, String url) {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(url, "url");
        return sender.deliver(URI.create(url), notification.body());
    }

    /**
     * POSTs the order's signed notification to {@code url}, once, and returns what the receiver said.
     *
     * @param orderId the merchant order id
     * @param url the URL
     * @return what the receiver answered
     * @throws IllegalStateException when the order has no trade
     * @throws java.io.UncheckedIOException when the receiver cannot be reached
     */
    public AlipaySimulatorDelivery sendNotification(String orderId, String url) {
        Objects.requireNonNull(url, "url");
        return sender.deliver(URI.create(url), notifications.body(orderId));
    }

    /**
     * POSTs the order's signed notification to the {@code notify_url} the order was created with.
     *
     * @param orderId the merchant order id
     * @return what the receiver answered
     * @throws IllegalStateException when the order has no trade or was created without notify_url
     */
    public AlipaySimulatorDelivery sendNotification(String orderId) {
        String url = notifications.notifyUrl(orderId);
        if (url.isEmpty()) {
            throw new IllegalStateException("order " + orderId + " has no trade created with a notify_url");
        }
        return sendNotification(orderId, url);
    }

    /**
     * The next {@code queries} queries of {@code orderId} answer {@code ACQ.TRADE_NOT_EXIST} whatever the
     * trade's state, as Alipay documents for a query right after a timeout (the gateway has not caught up).
     *
     * @param orderId the merchant order id ({@code out_trade_no})
     * @param queries how many queries lag (0 or more)
     */
    public void lagQueries(String orderId, int queries) {
        book.lagQueries(Objects.requireNonNull(orderId, "orderId"), requireCount(queries));
    }

    /**
     * After every payment-code pay that the gateway processed but whose answer a fault broke (lost, late, malformed,
     * badly signed, system error after processing), the next {@code queries} queries of that order answer
     * {@code ACQ.TRADE_NOT_EXIST}: an independent gateway whose queries lag right after a timeout.
     * Cleared by {@link #reset()}.
     *
     * @param queries how many queries of each such order lag (0 or more)
     */
    public void lagQueriesAfterFaultedPay(int queries) {
        book.lagQueriesAfterFaultedPay(requireCount(queries));
    }

    /**
     * With {@code true}, a payment code is consumed by the first pay that creates the trade: a re-sent pay
     * of the same order is refused with {@code ACQ.PAYMENT_AUTH_CODE_INVALID}, whatever became of the
     * trade (by default a re-send is answered idempotently). Cleared by {@link #reset()}.
     *
     * @param consume whether a payment code may create only one trade
     */
    public void consumePaymentCodes(boolean consume) {
        book.consumePaymentCodes(consume);
    }

    private static int requireCount(int queries) {
        if (queries < 0) {
            throw new IllegalArgumentException("queries must be >= 0, was " + queries);
        }
        return queries;
    }

    /**
     * Forgets every trade, script and recorded request, and replaces the fault plan with an empty one
     * (injected counts start again from zero): a clean gateway on the same port and keys.
     */
    public void reset() {
        faults.set(new FaultPlan());
        book.clear();
        log.clear();
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop();
    }

    /** Options for a simulator; every one has a default. */
    public static final class Builder {

        private static final Pattern APP_ID = Pattern.compile("\\d{16}");

        private String appId = DEFAULT_APP_ID;
        private KeyPair appKeys;
        private KeyPair gatewayKeys;
        private Clock clock = Clock.systemUTC();
        private boolean systemErrorAs20000;
        private String contentType = "text/html;charset=utf-8";
        private AlipaySimulatorPayer defaultPayer = AlipaySimulatorPayer.paysAtOnce();

        private Builder() {
        }

        /**
         * The app id the simulator accepts (16 digits); default {@value #DEFAULT_APP_ID}.
         *
         * @param appId the app id the simulator accepts (16 digits); default {@value #DEFAULT_APP_ID}
         * @return this builder
         */
        public Builder appId(String appId) {
            Objects.requireNonNull(appId, "appId");
            if (!APP_ID.matcher(appId).matches()) {
                throw new IllegalArgumentException("appId must be 16 digits, was " + appId);
            }
            this.appId = appId;
            return this;
        }

        /**
         * Uses this app (merchant) key pair instead of the shared one: PKCS#8 private and X.509 public PEM.
         *
         * @param privateKeyPem the private key, PKCS#8 PEM
         * @param publicKeyPem the public key, X.509 PEM
         * @return this builder
         */
        public Builder appKeys(String privateKeyPem, String publicKeyPem) {
            this.appKeys = keyPair(privateKeyPem, publicKeyPem, "appKeys");
            return this;
        }

        /**
         * Uses this gateway key pair instead of the shared one: PKCS#8 private and X.509 public PEM.
         *
         * @param privateKeyPem the private key, PKCS#8 PEM
         * @param publicKeyPem the public key, X.509 PEM
         * @return this builder
         */
        public Builder gatewayKeys(String privateKeyPem, String publicKeyPem) {
            this.gatewayKeys = keyPair(privateKeyPem, publicKeyPem, "gatewayKeys");
            return this;
        }

        /**
         * Generates key pairs for this simulator alone (slower: about 100 ms per pair).
         *
         * @return this builder
         */
        public Builder freshKeys() {
            this.appKeys = RsaKeyPairs.fresh();
            this.gatewayKeys = RsaKeyPairs.fresh();
            return this;
        }

        /**
         * The clock for the times the simulator writes ({@code gmt_payment}, {@code notify_time}...).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * How {@link Fault.SystemError} answers: {@code 20000 isp.unknow-error} when true, else (default)
         * {@code 40004 ACQ.SYSTEM_ERROR}.
         *
         * @param as20000 how {@link Fault.SystemError} answers: {@code 20000 isp.unknow-error} when true, else (default) {@code 40004 ACQ.SYSTEM_ERROR}
         * @return this builder
         */
        public Builder systemErrorAs20000(boolean as20000) {
            this.systemErrorAs20000 = as20000;
            return this;
        }

        /**
         * The Content-Type of gateway answers; default {@code text/html;charset=utf-8}, as the real gateway sends.
         *
         * @param contentType the Content-Type of gateway answers; default {@code text/html;charset=utf-8}, as the real gateway sends
         * @return this builder
         */
        public Builder responseContentType(String contentType) {
            Objects.requireNonNull(contentType, "contentType");
            if (contentType.isBlank()) {
                throw new IllegalArgumentException("contentType must not be blank");
            }
            this.contentType = contentType;
            return this;
        }

        /**
         * How unscripted payment codes behave; default {@link AlipaySimulatorPayer#paysAtOnce()}.
         *
         * @param payer the scripted payer
         * @return this builder
         */
        public Builder defaultPayer(AlipaySimulatorPayer payer) {
            this.defaultPayer = Objects.requireNonNull(payer, "payer");
            return this;
        }

        /**
         * Starts the simulator on a free loopback port.
         *
         * @return the running simulator; close it when done
         */
        public AlipaySimulator start() {
            return new AlipaySimulator(this);
        }

        private static KeyPair keyPair(String privateKeyPem, String publicKeyPem, String field) {
            PrivateKey privateKey = Pem.privateKey(privateKeyPem, field + ".privateKeyPem");
            PublicKey publicKey = Pem.publicKey(publicKeyPem, field + ".publicKeyPem");
            return new KeyPair(publicKey, privateKey);
        }
    }
}
