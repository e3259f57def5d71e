package dev.resilientpay.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.Options;
import dev.resilientpay.testkit.internal.crypto.Pem;
import dev.resilientpay.testkit.internal.crypto.RsaKeyPairs;
import dev.resilientpay.testkit.internal.wechat.GatewayTransformer;
import dev.resilientpay.testkit.internal.wechat.Journal;
import dev.resilientpay.testkit.internal.wechat.Merchant;
import dev.resilientpay.testkit.internal.wechat.Notifications;
import dev.resilientpay.testkit.internal.wechat.OrderBook;
import dev.resilientpay.testkit.internal.wechat.PlatformKeys;
import dev.resilientpay.testkit.internal.wechat.Randomness;
import dev.resilientpay.testkit.internal.wechat.SigningKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAKey;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A WeChat Pay API v3 gateway on a loopback port, for tests: an implementation of the gateway side
 * written independently of the adapter, so that a bug shared by both cannot cancel out.
 *
 * <p>It verifies each request's {@code Authorization} signature ({@code 401 SIGN_ERROR} otherwise),
 * signs each response with the WeChat Pay public key or a platform certificate, serves
 * {@code /v3/certificates}, keeps the orders (prepay idempotent by out_trade_no, payment code with a
 * scripted payer, query, close, reverse, refund once per out_refund_no, refund query), delivers
 * signed and encrypted notifications on request, and breaks requests as its {@link #faults()} plan
 * says. Everything it received is recorded ({@link #requests()}), and every order is kept for
 * reconciliation ({@link #orders()}).
 *
 * <pre>{@code
 * try (WechatPaySimulator wechat = WechatPaySimulator.start()) {
 *     // configure the client with wechat.baseUrl(), mchId(), appId(), merchantSerialNumber(),
 *     // merchantPrivateKeyPem(), apiV3Key(), publicKeyId(), platformPublicKeyPem()
 *     wechat.faults().next(1, Fault.responseLost(), op -> op.equals(WechatPaySimulator.NATIVE));
 *     ... client creates the Native order "ORDER-1" (the first answer is lost, a re-send gets the same code_url)
 *     wechat.payerPays("ORDER-1");
 *     wechat.sendNotification("ORDER-1", "http://127.0.0.1:8080/wechat/notify");
 *     assertThat(wechat.order("ORDER-1").orElseThrow().charges()).isEqualTo(1);
 *     assertThat(wechat.orders()).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Thread-safe. Keys are generated once per JVM and shared by all simulators. Its methods use the
 * same names as {@link AlipaySimulator}'s for the same things ({@code docs/testkit.md} has the table).
 */
public final class WechatPaySimulator implements AutoCloseable {

    /** Operation name of Native prepay ({@code POST /v3/pay/transactions/native}). */
    public static final String NATIVE = "native";
    /** Operation name of JSAPI prepay. */
    public static final String JSAPI = "jsapi";
    /** Operation name of APP prepay. */
    public static final String APP = "app";
    /** Operation name of H5 prepay. */
    public static final String H5 = "h5";
    /** Operation name of payment-code pay. */
    public static final String CODEPAY = "codepay";
    /** Operation name of reverse. */
    public static final String REVERSE = "reverse";
    /** Operation name of the order query, by out_trade_no or by transaction id. */
    public static final String QUERY = "query";
    /** Operation name of close. */
    public static final String CLOSE = "close";
    /** Operation name of refund. */
    public static final String REFUND = "refund";
    /** Operation name of the refund query. */
    public static final String REFUND_QUERY = "refund-query";
    /** Operation name of the platform certificate download. */
    public static final String CERTIFICATES = "certificates";

    private final Merchant merchant;
    private final PlatformKeys keys;
    private final OrderBook book;
    private final FaultPlan faults = new FaultPlan();
    private final Journal journal = new Journal();
    private final GatewayTransformer gateway;
    private final Notifications notifications;
    private final WireMockServer server;

    private WechatPaySimulator(Builder builder) {
        this.merchant = new Merchant(builder.mchId, builder.appId, builder.merchantSerialNumber,
                builder.merchantKeys, builder.apiV3Key);
        this.keys = new PlatformKeys(builder.keyMode, builder.clock, builder.publicKeyId);
        this.book = new OrderBook(merchant, builder.clock);
        this.gateway = new GatewayTransformer(merchant, keys, book, faults, journal, builder.clock);
        this.notifications = new Notifications(merchant, keys, book, builder.clock);
        this.server = new WireMockServer(wireMockConfig()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .gzipDisabled(true)
                .useChunkedTransferEncoding(Options.ChunkedEncodingPolicy.NEVER)
                .disableRequestJournal()
                .extensions(gateway));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(aResponse()));
        gateway.bills().desk().baseUrl("http://127.0.0.1:" + server.port());
    }

    /**
     * Faults of the bill service ({@code /v3/bill/tradebill} and the download), one per bill request,
     * in order.
     *
     * @return the queue
     */
    public BillFaults billFaults() {
        return gateway.bills().desk().faults();
    }

    /**
     * A refund made in the merchant portal, outside the API (and so unknown to the client): succeeds at
     * once under a generated {@code out_refund_no}; it shows in refund queries and in the day's bill.
     *
     * @param outTradeNo the paid order
     * @param fen        the amount
     * @return the refund
     */
    public WechatPaySimulatorRefund portalRefund(String outTradeNo, long fen) {
        return book.portalRefund(outTradeNo, fen);
    }

    /**
     * Starts a simulator in public-key mode with generated merchant identity and keys.
     *
     * @return the running simulator; close it when done
     */
    public static WechatPaySimulator start() {
        return builder().start();
    }

    /** {@return a builder for a simulator with chosen identity, keys, key mode or clock} */
    public static Builder builder() {
        return new Builder();
    }

    // ---------------------------------------------------------------- identity and keys

    /** {@return {@code http://127.0.0.1:<port>}, the host to configure in the client} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** {@return the loopback port} */
    public int port() {
        return server.port();
    }

    /** {@return the merchant id} */
    public String mchId() {
        return merchant.mchId();
    }

    /** {@return the app id} */
    public String appId() {
        return merchant.appId();
    }

    /** {@return the merchant API certificate serial number the client must send as {@code serial_no}} */
    public String merchantSerialNumber() {
        return merchant.serialNumber();
    }

    /** {@return the merchant API private key, PKCS#8 PEM ({@code apiclient_key.pem})} */
    public String merchantPrivateKeyPem() {
        return Pem.of(merchant.keys().getPrivate());
    }

    /** {@return the APIv3 key (32 characters)} */
    public String apiV3Key() {
        return merchant.apiV3Key();
    }

    /** {@return how responses and notifications are signed} */
    public WechatPaySimulatorKeyMode keyMode() {
        return keys.mode();
    }

    /** {@return the WeChat Pay public key id ({@code PUB_KEY_ID_…})} */
    public String publicKeyId() {
        return keys.publicKey().id();
    }

    /** {@return the WeChat Pay public key, X.509 SubjectPublicKeyInfo PEM} */
    public String platformPublicKeyPem() {
        return Pem.of(keys.publicKey().keys().getPublic());
    }

    /** {@return the serials of the platform certificates served, oldest first (empty in public-key mode)} */
    public List<String> certificateSerials() {
        return keys.certificates().stream().map(SigningKey::id).toList();
    }

    /** {@return the serial of the newest platform certificate, the default signer in certificate mode} */
    public String currentCertificateSerial() {
        return keys.newestCertificate().id();
    }

    /**
     * The PEM of the served platform certificate {@code serial}.
     *
     * @param serial the serial number
     * @return the PEM of the served platform certificate {@code serial}
     */
    public String platformCertificatePem(String serial) {
        SigningKey key = keys.byId(serial);
        if (!key.isCertificate()) {
            throw new IllegalArgumentException("serial names the public key, not a certificate: " + serial);
        }
        return Pem.of(key.certificate());
    }

    /**
     * Issues a new platform certificate with a new key; it is served from now on and becomes the
     * default signer, while the older ones stay served until {@link #removeCertificate removed}. The
     * certificate list itself stays signed by the oldest certificate still served (by the public key
     * in {@link WechatPaySimulatorKeyMode#BOTH} mode when the request names it). Returns the serial.
     *
     * @return issues a new platform certificate with a new key; it is served from now on and becomes the default signer, while the older ones stay served until {@link #removeCertificate removed}
     * @throws IllegalStateException in {@link WechatPaySimulatorKeyMode#PUBLIC_KEY} mode
     */
    public String rotateCertificate() {
        return keys.rotate();
    }

    /**
     * Stops serving (and signing with) the platform certificate {@code serial}.
     *
     * @param serial the serial number
     */
    public void removeCertificate(String serial) {
        keys.remove(serial);
    }

    /**
     * Signs every response with the key {@code keyId} (the public key id or a served certificate
     * serial), or chooses automatically again when {@code null}.
     *
     * @param keyId the public key id or a served certificate serial
     */
    public void signResponsesWith(String keyId) {
        keys.signWith(keyId);
    }

    /**
     * Signs the next responses, one key each in order, then chooses as before.
     *
     * @param keyIds the key ids, one per response
     */
    public void signNextResponsesWith(String... keyIds) {
        keys.signNextWith(Arrays.asList(keyIds));
    }

    /**
     * Sends response header names in lowercase ({@code wechatpay-signature}, {@code request-id}) or not.
     *
     * @param lowercase true for lowercase header names
     */
    public void lowercaseResponseHeaders(boolean lowercase) {
        gateway.lowercaseHeaders(lowercase);
    }

    // ---------------------------------------------------------------- faults and scripts

    /** {@return the faults to inject, by operation name ({@link #NATIVE}, {@link #QUERY}, …)} */
    public FaultPlan faults() {
        return faults;
    }

    /**
     * The payer pays the NOTPAY or USERPAYING order {@code outTradeNo} now; returns the paid order.
     *
     * @param outTradeNo the merchant order id (out_trade_no)
     * @return a snapshot of the paid order
     */
    public WechatPaySimulatorOrder payerPays(String outTradeNo) {
        return book.payerPays(outTradeNo);
    }

    /**
     * Scripts the payer of one order, whichever method creates it (prepay or codepay); it takes
     * precedence over the payment code's script. It applies now if the order exists and still waits
     * for its payer, else when the order is created.
     *
     * @param orderId the merchant order id (out_trade_no)
     * @param payer the scripted payer
     * @return this simulator
     */
    public WechatPaySimulator scriptOrder(String orderId, WechatPaySimulatorPayer payer) {
        book.payer(Objects.requireNonNull(orderId, "orderId"), payer);
        return this;
    }

    /**
     * Scripts the payer who shows payment code {@code authCode} (codepay); unscripted codes behave as
     * the {@link #defaultPayer default payer}.
     *
     * @param authCode the payment code the payer shows
     * @param payer the scripted payer
     * @return this simulator
     */
    public WechatPaySimulator scriptPaymentCode(String authCode, WechatPaySimulatorPayer payer) {
        book.payerWithAuthCode(authCode, payer);
        return this;
    }

    /**
     * A fresh, well-formed WeChat payment code (18 digits starting {@code 13}) whose payer behaves as
     * {@code payer}.
     *
     * @param payer the scripted payer
     * @return the payment code to pay with
     */
    public String newPaymentCode(WechatPaySimulatorPayer payer) {
        return book.newPaymentCode(payer);
    }

    /**
     * Sets how payment codes without a script behave; {@link WechatPaySimulatorPayer#paysAtOnce()}
     * initially and after {@link #reset()}.
     *
     * @param payer the scripted payer
     * @return this simulator
     */
    public WechatPaySimulator defaultPayer(WechatPaySimulatorPayer payer) {
        book.defaultCodepayPayer(payer);
        return this;
    }

    /**
     * Scripts how the refund {@code outRefundNo} settles.
     *
     * @param outRefundNo the merchant refund id (out_refund_no)
     * @param script the refund script
     */
    public void refundScript(String outRefundNo, WechatPaySimulatorRefundScript script) {
        book.refundScript(outRefundNo, script);
    }

    /**
     * How refunds not scripted otherwise settle; {@code succeedsAfterQueries(0)} by default.
     *
     * @param script how refunds not scripted otherwise settle; {@code succeedsAfterQueries(0)} by default
     */
    public void defaultRefundScript(WechatPaySimulatorRefundScript script) {
        book.defaultRefundScript(script);
    }

    /**
     * Settles the PROCESSING refund {@code outRefundNo} now with {@code SUCCESS}, {@code CLOSED} or {@code ABNORMAL}.
     *
     * @param finalStatus {@code SUCCESS}, {@code CLOSED} or {@code ABNORMAL}
     * @param outRefundNo the merchant refund id (out_refund_no)
     * @return a snapshot of the settled refund
     */
    public WechatPaySimulatorRefund settleRefund(String outRefundNo, String finalStatus) {
        return book.settleRefund(outRefundNo, finalStatus);
    }

    /**
     * The next {@code queries} queries of the order {@code outTradeNo} answer {@code 404 ORDER_NOT_EXIST}
     * whatever its state, as a replica that has not caught up yet would: the way to make a client
     * re-send a payment that was in fact processed.
     *
     * @param outTradeNo the merchant order id (out_trade_no)
     * @param queries how many queries answer "still paying" first
     */
    public void lagQueries(String outTradeNo, int queries) {
        book.lagQueries(outTradeNo, queries);
    }

    /**
     * The next {@code queries} refund queries of {@code outRefundNo} answer {@code 404 RESOURCE_NOT_EXISTS}
     * whatever its state, as a lagging replica would: the way to make a client re-send a processed refund.
     *
     * @param outRefundNo the merchant refund id (out_refund_no)
     * @param queries how many queries answer "still paying" first
     */
    public void lagRefundQueries(String outRefundNo, int queries) {
        book.lagRefundQueries(outRefundNo, queries);
    }

    /**
     * The answer to a re-sent payment of an already paid order; {@link WechatPaySimulatorAlreadyPaid#replay()} by default.
     *
     * @param answer the answer to a re-sent payment of an already paid order; {@link WechatPaySimulatorAlreadyPaid#replay()} by default
     */
    public void alreadyPaidAnswer(WechatPaySimulatorAlreadyPaid answer) {
        book.alreadyPaid(answer);
    }

    // ---------------------------------------------------------------- notifications

    /**
     * Builds the {@code TRANSACTION.SUCCESS} notification of a paid order without sending it.
     *
     * @param outTradeNo the merchant order id (out_trade_no)
     * @return the signed, encrypted notification (headers and body), not sent
     */
    public WechatPaySimulatorNotification notification(String outTradeNo) {
        return notification(outTradeNo, WechatPaySimulatorNotificationOptions.defaults());
    }

    /**
     * As {@link #notification(String)}, built as {@code options} say (stale, forged, other key, …).
     *
     * @param options how to build the notification (stale, forged, other key, …)
     * @param outTradeNo the merchant order id (out_trade_no)
     * @return the notification, not sent
     */
    public WechatPaySimulatorNotification notification(String outTradeNo, WechatPaySimulatorNotificationOptions options) {
        return notifications.transaction(outTradeNo, Objects.requireNonNull(options, "options"));
    }

    /**
     * Builds the {@code REFUND.*} notification of a settled refund without sending it.
     *
     * @param outRefundNo the merchant refund id (out_refund_no)
     * @return the signed, encrypted refund notification (headers and body), not sent
     */
    public WechatPaySimulatorNotification refundNotification(String outRefundNo) {
        return refundNotification(outRefundNo, WechatPaySimulatorNotificationOptions.defaults());
    }

    /**
     * As {@link #refundNotification(String)}, built as {@code options} say.
     *
     * @param options how to build the notification (stale, forged, other key, …)
     * @param outRefundNo the merchant refund id (out_refund_no)
     * @return the notification, not sent
     */
    public WechatPaySimulatorNotification refundNotification(String outRefundNo,
                                                             WechatPaySimulatorNotificationOptions options) {
        return notifications.refund(outRefundNo, Objects.requireNonNull(options, "options"));
    }

    /**
     * POSTs the paid order's {@code TRANSACTION.SUCCESS} notification to {@code url}; returns the answer.
     *
     * @param outTradeNo the merchant order id (out_trade_no)
     * @param url the URL
     * @return POSTs the paid order's {@code TRANSACTION.SUCCESS} notification to {@code url}; returns the answer
     */
    public WechatPaySimulatorDelivery sendNotification(String outTradeNo, String url) {
        return deliver(notification(outTradeNo), url);
    }

    /**
     * As {@link #sendNotification(String, String)}, built as {@code options} say.
     *
     * @param options how to build the notification (stale, forged, other key, …)
     * @param outTradeNo the merchant order id (out_trade_no)
     * @param url the URL
     * @return what the receiver answered
     */
    public WechatPaySimulatorDelivery sendNotification(String outTradeNo, String url,
                                                       WechatPaySimulatorNotificationOptions options) {
        return deliver(notification(outTradeNo, options), url);
    }

    /**
     * POSTs the settled refund's {@code REFUND.*} notification to {@code url}; returns the answer.
     *
     * @param outRefundNo the merchant refund id (out_refund_no)
     * @param url the URL
     * @return POSTs the settled refund's {@code REFUND.*} notification to {@code url}; returns the answer
     */
    public WechatPaySimulatorDelivery sendRefundNotification(String outRefundNo, String url) {
        return deliver(refundNotification(outRefundNo), url);
    }

    /**
     * As {@link #sendRefundNotification(String, String)}, built as {@code options} say.
     *
     * @param options how to build the notification (stale, forged, other key, …)
     * @param outRefundNo the merchant refund id (out_refund_no)
     * @param url the URL
     * @return what the receiver answered
     */
    public WechatPaySimulatorDelivery sendRefundNotification(String outRefundNo, String url,
                                                             WechatPaySimulatorNotificationOptions options) {
        return deliver(refundNotification(outRefundNo, options), url);
    }

    /**
     * POSTs the paid order's {@code TRANSACTION.SUCCESS} notification to the {@code notify_url} the order
     * was created with.
     *
     * @param orderId the merchant order id (out_trade_no)
     * @return what the receiver answered
     * @throws IllegalStateException when the order is unknown or was created without a notify_url (codepay)
     */
    public WechatPaySimulatorDelivery sendNotification(String orderId) {
        String url = book.notifyUrl(orderId);
        if (url.isEmpty()) {
            throw new IllegalStateException("order " + orderId + " has no order created with a notify_url");
        }
        return sendNotification(orderId, url);
    }

    /**
     * POSTs a notification built earlier (again, to redeliver it byte for byte) to {@code url}.
     *
     * @param notification the notification to deliver
     * @param url the URL
     * @return POSTs a notification built earlier (again, to redeliver it byte for byte) to {@code url}
     * @throws java.io.UncheckedIOException when the receiver cannot be reached
     */
    public WechatPaySimulatorDelivery deliver(WechatPaySimulatorNotification notification, String url) {
        return notifications.deliver(Objects.requireNonNull(notification, "notification"),
                Objects.requireNonNull(url, "url"));
    }

    // ---------------------------------------------------------------- inspection

    /**
     * A snapshot of the order {@code outTradeNo}, if the gateway has it.
     *
     * @param outTradeNo the merchant order id (out_trade_no)
     * @return a snapshot of the order {@code outTradeNo}, if the gateway has it
     */
    public Optional<WechatPaySimulatorOrder> order(String outTradeNo) {
        return book.order(outTradeNo);
    }

    /**
     * A snapshot of the refund {@code outRefundNo}, if the gateway has it.
     *
     * @param outRefundNo the merchant refund id (out_refund_no)
     * @return a snapshot of the refund {@code outRefundNo}, if the gateway has it
     */
    public Optional<WechatPaySimulatorRefund> refund(String outRefundNo) {
        return book.refundSnapshot(outRefundNo);
    }

    /** {@return snapshots of every order the gateway holds, oldest first: the gateway's side for reconciliation} */
    public List<WechatPaySimulatorOrder> orders() {
        return book.ledger();
    }

    /** {@return every request received, in order, including rejected and faulted ones} */
    public List<WechatPaySimulatorRequest> requests() {
        return journal.all();
    }

    /**
     * The requests that concerned {@code outTradeNo}, in order.
     *
     * @param outTradeNo the merchant order id (out_trade_no)
     * @return the requests that concerned {@code outTradeNo}, in order
     */
    public List<WechatPaySimulatorRequest> requests(String outTradeNo) {
        return journal.forOrder(outTradeNo);
    }

    /**
     * How many requests of {@code operation} concerned {@code outTradeNo}.
     *
     * @param operation the operation
     * @param outTradeNo the merchant order id (out_trade_no)
     * @return how many requests of {@code operation} concerned {@code outTradeNo}
     */
    public int requestCount(String outTradeNo, String operation) {
        return journal.count(outTradeNo, operation);
    }

    /**
     * How many requests of {@code operation} arrived.
     *
     * @param operation the operation name, e.g. {@code codepay}
     * @return how many requests of {@code operation} arrived
     */
    public int requestCount(String operation) {
        return journal.count(operation);
    }

    /**
     * After every codepay that the gateway processed but whose answer a fault broke (lost, late, malformed,
     * badly signed, system error after processing), the next {@code queries} queries of that order answer
     * 404 {@code ORDER_NOT_EXIST}: an independent gateway whose queries lag right after a timeout.
     * Cleared by {@link #reset()}.
     *
     * @param queries how many queries of each such order lag
     */
    public void lagQueriesAfterFaultedPay(int queries) {
        book.lagQueriesAfterFaultedCodepay(queries);
    }

    /**
     * With {@code true}, a payment code is consumed by the first codepay that creates the order: a re-sent
     * codepay of the same order is refused with 400 {@code AUTH_CODE_INVALID}, whatever became of the order
     * (by default a re-send is answered idempotently). Cleared by {@link #reset()}.
     *
     * @param consume whether a payment code may create only one order
     */
    public void consumePaymentCodes(boolean consume) {
        book.consumePaymentCodes(consume);
    }

    /**
     * Back to the state just after start: no orders, refunds, requests, faults or scripts; only the
     * first platform certificate; signers chosen automatically; header names as usual. Identity and
     * keys stay, so a configured client keeps working.
     */
    public void reset() {
        faults.clear();
        book.reset();
        journal.clear();
        keys.reset();
        gateway.lowercaseHeaders(false);
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop();
    }

    @Override
    public String toString() {
        return "WechatPaySimulator[" + baseUrl() + ", mchId=" + mchId() + ", " + keyMode() + "]";
    }

    /** Chooses the simulator's identity, keys, key mode and clock; unset values are generated. */
    public static final class Builder {

        private String mchId = "1900009191";
        private String appId = "wxd678efh567hg6787";
        private String merchantSerialNumber = Randomness.hex(40);
        private KeyPair merchantKeys;
        private String apiV3Key = Randomness.alphanumeric(32);
        private String publicKeyId = "PUB_KEY_ID_01" + Randomness.digits(30);
        private WechatPaySimulatorKeyMode keyMode = WechatPaySimulatorKeyMode.PUBLIC_KEY;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /**
         * The merchant id ({@code mchid}).
         *
         * @param mchId the merchant id ({@code mchid})
         * @return this builder
         */
        public Builder mchId(String mchId) {
            this.mchId = requireNonBlank(mchId, "mchId");
            return this;
        }

        /**
         * The app id ({@code appid}).
         *
         * @param appId the app id ({@code appid})
         * @return this builder
         */
        public Builder appId(String appId) {
            this.appId = requireNonBlank(appId, "appId");
            return this;
        }

        /**
         * The merchant API certificate serial number.
         *
         * @param serial the serial number
         * @return this builder
         */
        public Builder merchantSerialNumber(String serial) {
            this.merchantSerialNumber = requireNonBlank(serial, "merchantSerialNumber");
            return this;
        }

        /**
         * The merchant's RSA-2048 key pair (generated once per JVM when not set).
         *
         * @param keys the merchant's RSA-2048 key pair (generated once per JVM when not set)
         * @return this builder
         */
        public Builder merchantKeyPair(KeyPair keys) {
            Objects.requireNonNull(keys, "merchantKeyPair");
            if (!(keys.getPublic() instanceof RSAKey rsa) || rsa.getModulus().bitLength() < 2048) {
                throw new IllegalArgumentException("merchantKeyPair must be RSA of at least 2048 bits");
            }
            this.merchantKeys = keys;
            return this;
        }

        /**
         * The APIv3 key: exactly 32 bytes of UTF-8.
         *
         * @param apiV3Key the APIv3 key: exactly 32 bytes of UTF-8
         * @return this builder
         */
        public Builder apiV3Key(String apiV3Key) {
            Objects.requireNonNull(apiV3Key, "apiV3Key");
            int bytes = apiV3Key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes != 32) {
                throw new IllegalArgumentException("apiV3Key must be exactly 32 bytes of UTF-8, was " + bytes);
            }
            this.apiV3Key = apiV3Key;
            return this;
        }

        /**
         * The WeChat Pay public key id; must start with {@code PUB_KEY_ID_}.
         *
         * @param publicKeyId the WeChat Pay public key id; must start with {@code PUB_KEY_ID_}
         * @return this builder
         */
        public Builder publicKeyId(String publicKeyId) {
            Objects.requireNonNull(publicKeyId, "publicKeyId");
            if (!publicKeyId.startsWith("PUB_KEY_ID_")) {
                throw new IllegalArgumentException("publicKeyId must start with PUB_KEY_ID_, was " + publicKeyId);
            }
            this.publicKeyId = publicKeyId;
            return this;
        }

        /**
         * How responses and notifications are signed; {@link WechatPaySimulatorKeyMode#PUBLIC_KEY} by default.
         *
         * @param keyMode how responses and notifications are signed; {@link WechatPaySimulatorKeyMode#PUBLIC_KEY} by default
         * @return this builder
         */
        public Builder keyMode(WechatPaySimulatorKeyMode keyMode) {
            this.keyMode = Objects.requireNonNull(keyMode, "keyMode");
            return this;
        }

        /**
         * The gateway's clock: it stamps responses and notifications and checks request timestamps
         * against it (5-minute window). Share the client's clock in tests with virtual time.
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Starts the simulator on a dynamic 127.0.0.1 port.
         *
         * @return the running simulator; close it when done
         */
        public WechatPaySimulator start() {
            if (merchantKeys == null) {
                merchantKeys = RsaKeyPairs.shared("wechat merchant");
            }
            return new WechatPaySimulator(this);
        }

        private static String requireNonBlank(String value, String field) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(field + " must not be blank");
            }
            return value;
        }
    }
}
