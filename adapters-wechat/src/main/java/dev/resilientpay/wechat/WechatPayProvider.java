package dev.resilientpay.wechat;

import dev.resilientpay.Classification;
import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.Operation;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.PaymentProvider;
import dev.resilientpay.transport.GatewayHttp;
import dev.resilientpay.transport.GatewayUrls;
import dev.resilientpay.transport.HttpOutcome;
import dev.resilientpay.wechat.internal.AesGcmDecryptor;
import dev.resilientpay.wechat.internal.ClientPayParameters;
import dev.resilientpay.wechat.internal.PlatformKeyring;
import dev.resilientpay.wechat.internal.SignatureCheck;
import dev.resilientpay.wechat.internal.WechatErrorTable;
import dev.resilientpay.wechat.internal.WechatGateway;
import dev.resilientpay.wechat.internal.WechatJson;
import dev.resilientpay.wechat.internal.WechatNotificationVerifier;
import dev.resilientpay.wechat.internal.WechatRequestSigner;
import dev.resilientpay.wechat.internal.WechatResponseVerifier;
import dev.resilientpay.wechat.internal.WechatRules;
import dev.resilientpay.wechat.internal.WechatStatuses;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat Pay API v3 (direct merchant) as a {@link PaymentProvider}: one signed request per attempt,
 * every answer verified, and each outcome classified so that the pipeline never loses an order.
 *
 * <table>
 *   <caption>Payment methods</caption>
 *   <tr><th>method</th><th>endpoint</th><th>success</th></tr>
 *   <tr><td>{@code QrCode}</td><td>Native</td><td>{@code AwaitingPayer(ScanQrCode(code_url))}</td></tr>
 *   <tr><td>{@code InApp(openid)}</td><td>JSAPI</td><td>{@code AwaitingPayer(InvokeClient(… paySign))}</td></tr>
 *   <tr><td>{@code App}</td><td>APP</td><td>{@code AwaitingPayer(InvokeClient(… sign))}</td></tr>
 *   <tr><td>{@code Web(MOBILE, …, ip)}</td><td>H5</td><td>{@code AwaitingPayer(OpenUrl(h5_url))}</td></tr>
 *   <tr><td>{@code PaymentCode}</td><td>codepay</td><td>{@code Paid}, or pending while the payer confirms</td></tr>
 * </table>
 *
 * <p>Classification: timeouts and resets after sending, 5xx, HTML or empty error bodies and any
 * answer that fails signature or freshness checks are {@link Attempt.Unknown} (query decides); a
 * request that never left is {@link Attempt.NotSent}, as is 429 (with {@code Retry-After}); 202
 * {@code USERPAYING} is {@link Attempt.Pending}; every other code maps through one table. "Already
 * paid" answers to a re-sent payment are {@code Unknown(ORDER_ALREADY_PAID)}, or {@code Paid} when the
 * answer is a verified successful transaction.
 *
 * <p>Thread-safe; one instance per merchant. Keys are parsed once by the configuration.
 */
public final class WechatPayProvider implements PaymentProvider {

    private static final Logger LOG = LoggerFactory.getLogger(WechatPayProvider.class);
    private static final String TRANSACTIONS = "/v3/pay/transactions";
    private static final String REFUNDS = "/v3/refund/domestic/refunds";

    private final WechatPayConfig config;
    private final Clock clock;
    private final WechatRequestSigner signer;
    private final WechatGateway gateway;
    private final PlatformKeyring keyring;
    private final WechatResponseVerifier verifier;
    private final WechatNotificationVerifier notifications;

    private WechatPayProvider(WechatPayConfig config) {
        this.config = config;
        this.clock = config.clock();
        this.signer = new WechatRequestSigner(config.mchId(), config.merchantSerialNumber(),
                config.merchantPrivateKey());
        GatewayHttp http = config.gatewayHttp() != null ? config.gatewayHttp() : SharedTransport.INSTANCE;
        this.gateway = new WechatGateway(http, config.host(), config.backupHost(), signer,
                this::preferredSerial, clock);
        AesGcmDecryptor decryptor = new AesGcmDecryptor(config.apiV3Key());
        PlatformKeyring.CertificateSource source = config.platformCertificates()
                ? timeout -> gateway.send("GET", "/v3/certificates", null, timeout)
                : null;
        this.keyring = new PlatformKeyring(config.publicKeyId(), config.publicKey(), source, decryptor, clock);
        this.verifier = new WechatResponseVerifier(keyring, clock);
        this.notifications = new WechatNotificationVerifier(verifier, decryptor, config.mchId(), config.appId());
    }

    /** A provider for one merchant. */
    public static WechatPayProvider create(WechatPayConfig config) {
        return new WechatPayProvider(Objects.requireNonNull(config, "config must not be null"));
    }

    private String preferredSerial() {
        return keyring.preferredSerial();
    }

    @Override
    public String name() {
        return "wechat";
    }

    /** The WeChat Pay mchid: namespaces this merchant's ledger keys. */
    @Override
    public String merchantId() {
        return config.mchId();
    }

    /** WeChat Pay requires {@code out_refund_no} unique per merchant, not per order. */
    @Override
    public boolean refundIdsUniquePerMerchant() {
        return true;
    }

    /**
     * This merchant's trade bills, for reconciliation ({@code GET /v3/bill/tradebill}, gzip).
     *
     * @return the bill source (downloads go to the system temp directory)
     */
    public WechatPayBills bills() {
        GatewayHttp http = config.gatewayHttp() != null ? config.gatewayHttp() : SharedTransport.INSTANCE;
        return new WechatPayBills(gateway, verifier, signer, http.okHttpClient(), config.mchId(), clock, true, null);
    }

    /** The configuration (its {@code toString()} holds no secret). */
    public WechatPayConfig config() {
        return config;
    }

    @Override
    public void validate(PaymentRequest request) {
        WechatRules.validate(request, clock, config.notifyUrl());
    }

    @Override
    public void validate(RefundRequest request) {
        WechatRules.validate(request);
    }

    @Override
    public Attempt<PaymentOutcome> pay(PaymentRequest request, AttemptContext context) {
        String orderId = request.orderId();
        PaymentMethod method = request.method();
        String notify = request.notifyUrl() != null ? request.notifyUrl() : config.notifyUrl();
        Long fen = request.amount().minorUnits();
        WechatJson.Amount amount = new WechatJson.Amount(fen, null, null, "CNY");
        String expire = WechatRules.timeExpire(request.expiresAt());
        String attach = WechatRules.attach(request.metadata());
        if (method instanceof PaymentMethod.PaymentCode code) {
            WechatJson.PayBody body = new WechatJson.PayBody(config.appId(), config.mchId(), request.subject(),
                    orderId, null, attach, null, amount, new WechatJson.Payer(null, code.authCode()),
                    new WechatJson.SceneInfo(null, null, new WechatJson.StoreInfo(config.mchId())));
            return exchange(Operation.PAY_BY_CODE, orderId, "POST", TRANSACTIONS + "/codepay",
                    WechatJson.write(body), context, (status, bytes) -> codepayAnswer(request, bytes), null);
        }
        String path;
        WechatJson.Payer payer = null;
        WechatJson.SceneInfo scene = null;
        if (method instanceof PaymentMethod.QrCode) {
            path = "/native";
        } else if (method instanceof PaymentMethod.InApp inApp) {
            path = "/jsapi";
            payer = new WechatJson.Payer(inApp.payerId(), null);
        } else if (method instanceof PaymentMethod.App) {
            path = "/app";
        } else if (method instanceof PaymentMethod.Web web && web.device() == PaymentMethod.Web.Device.MOBILE
                && web.payerClientIp() != null) {
            path = "/h5";
            scene = new WechatJson.SceneInfo(web.payerClientIp(), new WechatJson.H5Info("Wap"), null);
        } else {
            return new Attempt.Rejected<>(Failure.of(FailureReason.INVALID_REQUEST,
                    "method " + method + " is not offered by WeChat Pay (desktop web: use QrCode)"));
        }
        WechatJson.PayBody body = new WechatJson.PayBody(config.appId(), config.mchId(), request.subject(), orderId,
                expire, attach, notify, amount, payer, scene);
        String kind = path;
        return exchange(Operation.CREATE_ORDER, orderId, "POST", TRANSACTIONS + path, WechatJson.write(body),
                context, (status, bytes) -> prepayAnswer(request, kind, bytes), null);
    }

    private Attempt<PaymentOutcome> prepayAnswer(PaymentRequest request, String kind, byte[] bytes)
            throws IOException {
        WechatJson.PrepayAnswer answer = WechatJson.read(bytes, WechatJson.PrepayAnswer.class);
        String orderId = request.orderId();
        if (answer.tradeState() != null) {
            // A replayed transaction: the order exists and (maybe) is paid already.
            return transactionAnswer(request, WechatJson.read(bytes, WechatJson.Transaction.class));
        }
        PayerAction action = switch (kind) {
            case "/native" -> answer.codeUrl() == null ? null : new PayerAction.ScanQrCode(answer.codeUrl());
            case "/h5" -> answer.h5Url() == null ? null : new PayerAction.OpenUrl(answer.h5Url());
            case "/jsapi" -> answer.prepayId() == null ? null : new PayerAction.InvokeClient(ClientPayParameters.jsapi(
                    signer, config.appId(), answer.prepayId(), clock.instant().getEpochSecond(), signer.nonce()));
            default -> answer.prepayId() == null ? null : new PayerAction.InvokeClient(ClientPayParameters.app(
                    signer, config.appId(), config.mchId(), answer.prepayId(), clock.instant().getEpochSecond(),
                    signer.nonce()));
        };
        if (action == null) {
            return new Attempt.Unknown<>(Failure.of(FailureReason.PROVIDER_ERROR,
                    "prepay answer without code_url/prepay_id/h5_url"));
        }
        return new Attempt.Succeeded<>(new PaymentOutcome.AwaitingPayer(orderId, action));
    }

    private Attempt<PaymentOutcome> codepayAnswer(PaymentRequest request, byte[] bytes) throws IOException {
        return transactionAnswer(request, WechatJson.read(bytes, WechatJson.Transaction.class));
    }

    /** A transaction returned by a pay call: paid, still in progress, or something a query must settle. */
    private Attempt<PaymentOutcome> transactionAnswer(PaymentRequest request, WechatJson.Transaction t) {
        String orderId = request.orderId();
        if (t.outTradeNo() != null && !orderId.equals(t.outTradeNo())) {
            return new Attempt.Unknown<>(Failure.of(FailureReason.PROVIDER_ERROR,
                    "answer is for out_trade_no " + t.outTradeNo()));
        }
        TradeStatus status = WechatStatuses.tradeStatus(t, orderId);
        if (status.state() == TradeState.PAID && !request.amount().equals(status.amount())) {
            // A verified "paid" for another amount (or none) proves nothing about this request's money:
            // the pipeline queries, and the query's amount is compared again before anything is concluded.
            LOG.warn("wechat pay {}: answer says paid {} but the request is for {}: query decides", orderId,
                    status.amount(), request.amount());
            return new Attempt.Unknown<>(Failure.of(FailureReason.PROVIDER_ERROR, t.tradeState(), null,
                    "answer amount " + status.amount() + " differs from the request's " + request.amount(), null));
        }
        return switch (status.state()) {
            case PAID -> new Attempt.Succeeded<>(new PaymentOutcome.Paid(orderId, t.transactionId(),
                    status.amount(), status.paidAt()));
            case PROCESSING, AWAITING_PAYMENT -> new Attempt.Pending<>("trade_state " + t.tradeState());
            case FAILED -> new Attempt.Rejected<>(Failure.of(FailureReason.PAYMENT_DECLINED, t.tradeState(), null,
                    t.tradeStateDesc(), null));
            case CLOSED -> new Attempt.Rejected<>(Failure.of(FailureReason.ORDER_CLOSED, t.tradeState(), null,
                    t.tradeStateDesc(), null));
            default -> new Attempt.Unknown<>(Failure.of(FailureReason.ORDER_ALREADY_PAID, t.tradeState(), null,
                    "pay answered with trade_state " + t.tradeState() + ": query decides", null));
        };
    }

    @Override
    public Attempt<TradeStatus> query(String orderId, AttemptContext context) {
        String path = TRANSACTIONS + "/out-trade-no/" + WechatGateway.encodeSegment(orderId) + "?mchid="
                + config.mchId();
        return exchange(Operation.QUERY, orderId, "GET", path, null, context,
                (status, bytes) -> {
                    WechatJson.Transaction t = WechatJson.read(bytes, WechatJson.Transaction.class);
                    if (t.outTradeNo() != null && !orderId.equals(t.outTradeNo())) {
                        return new Attempt.Unknown<>(Failure.of(FailureReason.PROVIDER_ERROR,
                                "answer is for out_trade_no " + t.outTradeNo()));
                    }
                    return new Attempt.Succeeded<>(WechatStatuses.tradeStatus(t, orderId));
                },
                () -> new Attempt.Succeeded<>(TradeStatus.notFound(orderId)));
    }

    /**
     * Queries an order by WeChat Pay's {@code transaction_id}, once. The status carries the merchant
     * order id from the answer; an unknown transaction id is {@code Rejected(ORDER_NOT_FOUND)}.
     *
     * @param transactionId WeChat Pay's transaction id
     * @param context       the attempt's timeout and deadline
     * @return the order's status, or why it could not be learned
     * @throws IllegalArgumentException if the id is {@code .} or {@code ..} (it would change the request path)
     */
    public Attempt<TradeStatus> queryByTransactionId(String transactionId, AttemptContext context) {
        Objects.requireNonNull(transactionId, "transactionId must not be null");
        String path = TRANSACTIONS + "/id/" + WechatGateway.encodeSegment(transactionId) + "?mchid="
                + config.mchId();
        return exchange(Operation.QUERY, transactionId, "GET", path, null, context,
                (status, bytes) -> {
                    WechatJson.Transaction t = WechatJson.read(bytes, WechatJson.Transaction.class);
                    if (t.outTradeNo() == null) {
                        throw new IOException("transaction without out_trade_no");
                    }
                    return new Attempt.Succeeded<>(WechatStatuses.tradeStatus(t, t.outTradeNo()));
                }, null);
    }

    @Override
    public Attempt<CloseOutcome.Closed> close(String orderId, AttemptContext context) {
        String path = TRANSACTIONS + "/out-trade-no/" + WechatGateway.encodeSegment(orderId) + "/close";
        return exchange(Operation.CLOSE, orderId, "POST", path,
                WechatJson.write(new WechatJson.CloseBody(config.mchId())), context,
                (status, bytes) -> new Attempt.Succeeded<>(new CloseOutcome.Closed(orderId, false)), null);
    }

    /**
     * Reverses a payment-code order (WeChat {@code reverse}): an unpaid order is closed, a paid one
     * refunded. WeChat Pay's answer does not say which ({@code refunded} is always {@code false} here), so the
     * pipeline queries the order after a successful reverse ({@link #cancelReportsRefund()}): a reversed
     * order that carries a {@code success_time} had been paid, and the reverse returned the money.
     * When that query gives no usable answer, the reverse still stands and {@code refunded} is
     * {@code false} (logged at WARN): the payer is whole either way, only the flag is unknown.
     */
    @Override
    public Attempt<CloseOutcome.Closed> cancel(String orderId, AttemptContext context) {
        String path = TRANSACTIONS + "/out-trade-no/" + WechatGateway.encodeSegment(orderId) + "/reverse";
        return exchange(Operation.CANCEL, orderId, "POST", path,
                WechatJson.write(new WechatJson.ReverseBody(config.appId(), config.mchId())), context,
                (status, bytes) -> new Attempt.Succeeded<>(new CloseOutcome.Closed(orderId, false)), null);
    }

    /** WeChat Pay's reverse answer does not say whether it refunded: the pipeline queries afterwards. */
    @Override
    public boolean cancelReportsRefund() {
        return false;
    }

    /** What is left of {@code context}'s timeout after what ran since {@code startedNanos}; zero when spent. */
    private static Duration remaining(AttemptContext context, long startedNanos) {
        Duration left = context.timeout().minusNanos(System.nanoTime() - startedNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    @Override
    public Attempt<RefundStatus> refund(RefundRequest request, AttemptContext context) {
        WechatJson.RefundBody body = new WechatJson.RefundBody(request.orderId(), request.refundId(),
                request.reason(), request.notifyUrl(),
                new WechatJson.RefundAmount(request.amount().minorUnits(), request.orderAmount().minorUnits(), "CNY"));
        return exchange(Operation.REFUND, request.refundId(), "POST", REFUNDS, WechatJson.write(body), context,
                (status, bytes) -> refundAnswer(request.orderId(), request.refundId(), bytes), null);
    }

    @Override
    public Attempt<RefundStatus> queryRefund(String orderId, String refundId, AttemptContext context) {
        return exchange(Operation.REFUND_QUERY, refundId, "GET", REFUNDS + "/" + WechatGateway.encodeSegment(refundId),
                null, context, (status, bytes) -> refundAnswer(orderId, refundId, bytes),
                () -> new Attempt.Succeeded<>(new RefundStatus(orderId, refundId, null, null, RefundState.NOT_FOUND,
                        null, null)));
    }

    private Attempt<RefundStatus> refundAnswer(String orderId, String refundId, byte[] bytes) throws IOException {
        WechatJson.Refund refund = WechatJson.read(bytes, WechatJson.Refund.class);
        if (refund.outRefundNo() != null && !refundId.equals(refund.outRefundNo())) {
            return new Attempt.Unknown<>(Failure.of(FailureReason.PROVIDER_ERROR,
                    "answer is for out_refund_no " + refund.outRefundNo()));
        }
        if (refund.outTradeNo() != null && !orderId.equals(refund.outTradeNo())) {
            // out_refund_no is unique per merchant, not per order: a refund id already used on another
            // order gets that order's refund back. It says nothing about money for this order, so it is
            // never a success; Unknown (not Rejected) because "nothing moved" is not proven either: the
            // pipeline queries, the query answers the same, and the refund ends in doubt with this reason.
            LOG.warn("wechat refund {} of {}: answer is for out_trade_no {} (refund id reused on another order?)",
                    refundId, orderId, refund.outTradeNo());
            return new Attempt.Unknown<>(Failure.of(FailureReason.IDEMPOTENCY_CONFLICT, null, null,
                    "refund " + refundId + " belongs to out_trade_no " + refund.outTradeNo() + ", not " + orderId
                            + ": out_refund_no must be unique per merchant", null));
        }
        return new Attempt.Succeeded<>(WechatStatuses.refundStatus(refund, orderId, refundId));
    }

    @Override
    public NotificationVerifier notifications() {
        return notifications;
    }

    @Override
    public String toString() {
        return "WechatPayProvider[" + config + "]";
    }

    /** Turns a verified 2xx answer into an attempt; a parse failure means the answer is unusable. */
    @FunctionalInterface
    private interface Answer<T> {
        Attempt<T> read(int status, byte[] body) throws IOException;
    }

    /** The attempt for "no such order/refund" (a verified 404), when the operation has one. */
    @FunctionalInterface
    private interface NotFound<T> {
        Attempt<T> get();
    }

    private <T> Attempt<T> exchange(Operation operation, String key, String method, String path, byte[] body,
            AttemptContext context, Answer<T> answer, NotFound<T> notFound) {
        long started = System.nanoTime();
        HttpOutcome outcome = gateway.send(method, path, body, context.timeout());
        Attempt<T> attempt = classify(operation, outcome, remaining(context, started), answer, notFound);
        if (attempt instanceof Attempt.Unknown<T> unknown
                && unknown.failure().reason() == FailureReason.RESPONSE_SIGNATURE_INVALID) {
            // An answer that fails verification is a security event; other per-attempt trouble is
            // DEBUG, the pipeline logs the call's outcome.
            LOG.warn("wechat {} {} attempt {}: in doubt: {} {} (request-id {})", operation, key, context.attempt(),
                    unknown.failure().reason(), unknown.failure().providerMessage(), unknown.failure().requestId());
        } else {
            LOG.debug("wechat {} {} attempt {}: {}", operation, key, context.attempt(), describe(outcome, attempt));
        }
        return attempt;
    }

    private static String describe(HttpOutcome outcome, Attempt<?> attempt) {
        String http = outcome instanceof HttpOutcome.Received r
                ? "HTTP " + r.status() + " request-id " + r.header("Request-ID")
                : outcome.getClass().getSimpleName();
        return http + " -> " + attempt.getClass().getSimpleName();
    }

    /**
     * @param left what is left of the attempt's timeout after the exchange: a platform certificate download
     *             that verifying the answer needs may take no more (the attempt must end within its timeout)
     */
    private <T> Attempt<T> classify(Operation operation, HttpOutcome outcome, Duration left,
            Answer<T> answer, NotFound<T> notFound) {
        if (outcome instanceof HttpOutcome.NotSent notSent) {
            return new Attempt.NotSent<>(Failure.of(FailureReason.NETWORK_ERROR,
                    "request not sent: " + notSent.reason()), null);
        }
        if (outcome instanceof HttpOutcome.Lost lost) {
            return new Attempt.Unknown<>(Failure.of(lost.timeout() ? FailureReason.TIMEOUT : FailureReason.NETWORK_ERROR,
                    "no complete answer after sending: " + lost.reason()));
        }
        HttpOutcome.Received r = (HttpOutcome.Received) outcome;
        int status = r.status();
        String requestId = r.header("Request-ID");
        WechatJson.ErrorBody error = r.isSuccessful() ? null : errorBody(r.body());
        String code = error == null ? null : error.code();
        String message = errorMessage(status, error, r.body().length);
        if (status == 429) {
            Duration retryAfter = GatewayUrls.retryAfter(r.header("Retry-After"), clock.instant().atZone(ZoneOffset.UTC));
            return new Attempt.NotSent<>(Failure.of(FailureReason.RATE_LIMITED, code, null, message, requestId),
                    retryAfter);
        }
        if (status >= 500) {
            WechatErrorTable.Meaning meaning = WechatErrorTable.lookup(operation, status, code);
            FailureReason reason = meaning.reason() != null ? meaning.reason() : FailureReason.PROVIDER_UNAVAILABLE;
            return new Attempt.Unknown<>(Failure.of(reason, code, null, message, requestId));
        }
        SignatureCheck check = verifier.verify(r::header, r.body(), left);
        if (!check.passed()) {
            return new Attempt.Unknown<>(Failure.of(FailureReason.RESPONSE_SIGNATURE_INVALID, code, null,
                    "HTTP " + status + " answer not trusted: " + check.detail(), requestId));
        }
        if (r.isSuccessful()) {
            if (status == 202) {
                return new Attempt.Pending<>("HTTP 202 " + r.bodyText());
            }
            try {
                return answer.read(status, r.body());
            } catch (IOException | RuntimeException e) {
                return new Attempt.Unknown<>(Failure.of(FailureReason.PROVIDER_ERROR, null, null,
                        "HTTP " + status + " answer is not the expected JSON", requestId));
            }
        }
        if (status == 404 && notFound != null
                && ("ORDER_NOT_EXIST".equals(code) || "RESOURCE_NOT_EXISTS".equals(code))) {
            return notFound.get();
        }
        WechatErrorTable.Meaning meaning = WechatErrorTable.lookup(operation, status, code);
        if (meaning.classification() == Classification.PENDING) {
            return new Attempt.Pending<>(message);
        }
        Failure failure = Failure.of(meaning.reason(), code, null, message, requestId);
        return switch (meaning.classification()) {
            case DEFINITE -> new Attempt.Rejected<>(failure);
            case NOT_SENT -> new Attempt.NotSent<>(failure,
                    GatewayUrls.retryAfter(r.header("Retry-After"), clock.instant().atZone(ZoneOffset.UTC)));
            default -> new Attempt.Unknown<>(failure);
        };
    }

    private static WechatJson.ErrorBody errorBody(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            WechatJson.ErrorBody error = WechatJson.read(body, WechatJson.ErrorBody.class);
            return error.code() == null ? null : error;
        } catch (IOException e) {
            return null;
        }
    }

    private static String errorMessage(int status, WechatJson.ErrorBody error, int length) {
        if (error == null) {
            return "HTTP " + status + (length == 0 ? " with an empty body" : " without a JSON error body");
        }
        return "HTTP " + status + " " + error.code() + ": " + error.message()
                + (error.detail() == null || error.detail().isNull() ? "" : " detail=" + error.detail());
    }

    /** The process-wide transport for configurations without their own: one pool for all merchants. */
    private static final class SharedTransport {
        static final GatewayHttp INSTANCE = GatewayHttp.create();
    }
}
