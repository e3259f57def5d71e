package dev.resilientpay.testkit.internal.wechat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.FaultPlan;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * The simulated WeChat Pay v3 gateway as a WireMock extension: every request is routed to its API,
 * checked for a valid {@code Authorization}, handled by the {@link OrderBook}, answered with signed
 * headers, and broken on the way by the {@link FaultPlan} when a test asks for it. Processing faults
 * change the book first and then break the answer; the others break it without processing.
 */
public final class GatewayTransformer implements ResponseDefinitionTransformerV2 {

    /** Seconds a {@code StaleTimestamp} answer is backdated: twice the 5-minute window. */
    private static final long STALE_SECONDS = 600;
    private static final String JSON = "application/json; charset=utf-8";

    private final Merchant merchant;
    private final PlatformKeys keys;
    private final OrderBook book;
    private final FaultPlan faults;
    private final Journal journal;
    private final Clock clock;
    private final RequestAuthorization authorization;
    private final BillService bills;
    private volatile boolean lowercaseHeaders;

    /** Wires the gateway's parts together. */
    public GatewayTransformer(Merchant merchant, PlatformKeys keys, OrderBook book, FaultPlan faults, Journal journal,
                              Clock clock) {
        this.merchant = Objects.requireNonNull(merchant, "merchant");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.book = Objects.requireNonNull(book, "book");
        this.faults = Objects.requireNonNull(faults, "faults");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.authorization = new RequestAuthorization(merchant, clock);
        this.bills = new BillService(merchant, book, clock);
    }

    /** The bill service (faults, download base URL). */
    public BillService bills() {
        return bills;
    }

    /** Sends response header names in lowercase from now on (or not). */
    public void lowercaseHeaders(boolean lowercase) {
        this.lowercaseHeaders = lowercase;
    }

    @Override
    public String getName() {
        return "wechatpay-v3-gateway";
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest request = serveEvent.getRequest();
        String method = request.getMethod().getName();
        String url = request.getUrl();
        byte[] body = request.getBody();
        Endpoint endpoint = Endpoint.of(method, url);
        String outRefundNo = outRefundNo(endpoint, body);
        String outTradeNo = outTradeNo(endpoint, body, outRefundNo);
        String problem = authorization.problem(method, url, request.getHeader("Authorization"), body);
        String requestedSerial = request.getHeader("Wechatpay-Serial");
        Fault fault = endpoint.kind() == Endpoint.Kind.UNKNOWN ? null
                : faults.nextFor(endpoint.operation()).orElse(null);

        if (endpoint.kind() == Endpoint.Kind.BILL_DOWNLOAD && problem == null && fault == null) {
            // bill files are served unsigned, like the real download (their digest is in the signed tradebill answer)
            journal.record(endpoint.operation(), method, url, null, null, true, null, 200);
            return dev.resilientpay.testkit.internal.bills.BillDownload.respond(
                    bills.desk().serve(endpoint.queryParameter("token")));
        }
        Reply reply;
        if (fault != null && !fault.processesRequest()) {
            reply = unprocessed(fault, endpoint, requestedSerial);
        } else if (problem != null) {
            reply = signed(Answer.error(401, "SIGN_ERROR", problem), endpoint, requestedSerial,
                    GatewaySignature.Variant.GENUINE, 0);
        } else {
            reply = processed(handle(endpoint, body), fault, endpoint, requestedSerial);
            if (fault != null && endpoint.kind() == Endpoint.Kind.CODEPAY) {
                book.codepayFaulted(outTradeNo);
            }
        }
        journal.record(endpoint.operation(), method, url, outTradeNo, outRefundNo, problem == null,
                fault == null ? null : fault.getClass().getSimpleName(), reply.status);
        return reply.definition;
    }

    private Answer handle(Endpoint endpoint, byte[] body) {
        return switch (endpoint.kind()) {
            case PREPAY -> book.prepay(endpoint.operation(), body);
            case CODEPAY -> book.codepay(body);
            case QUERY_BY_OUT_TRADE_NO -> book.queryByOutTradeNo(endpoint.pathId(), endpoint.queryParameter("mchid"));
            case QUERY_BY_TRANSACTION_ID -> book.queryByTransactionId(endpoint.pathId(),
                    endpoint.queryParameter("mchid"));
            case CLOSE -> book.close(endpoint.pathId(), body);
            case REVERSE -> book.reverse(endpoint.pathId(), body);
            case REFUND -> book.refund(body);
            case REFUND_QUERY -> book.refundQuery(endpoint.pathId());
            case CERTIFICATES -> keys.servesCertificates()
                    ? Answer.ok(CertificateList.of(keys.certificates(), merchant.apiV3Key()))
                    : Answer.error(404, "RESOURCE_NOT_EXISTS", "无可用的平台证书，请在商户平台-API安全申请使用微信支付公钥");
            case TRADE_BILL -> bills.tradeBill(endpoint);
            case FUND_FLOW_BILL -> bills.fundFlowBill(endpoint);
            case BILL_DOWNLOAD -> Answer.error(404, "NOT_FOUND", "下载链接已失效");
            case UNKNOWN -> Answer.error(404, "NOT_FOUND", "请求的API不存在");
        };
    }

    private Reply unprocessed(Fault fault, Endpoint endpoint, String requestedSerial) {
        if (fault instanceof Fault.ConnectionReset) {
            return Reply.reset();
        }
        if (fault instanceof Fault.HttpError error) {
            ResponseDefinitionBuilder builder = base(error.status());
            if (error.contentType() != null) {
                builder.withHeader("Content-Type", error.contentType());
            }
            if (error.body() != null && !error.body().isEmpty()) {
                builder.withBody(error.body().getBytes(StandardCharsets.UTF_8));
            }
            return new Reply(error.status(), builder.build());
        }
        if (fault instanceof Fault.RateLimited limited) {
            Reply reply = signed(Answer.error(429, "FREQUENCY_LIMITED", "请求频率超限，请稍后重试"), endpoint,
                    requestedSerial, GatewaySignature.Variant.GENUINE, 0,
                    Map.of("Retry-After", Long.toString(Math.max(0, (limited.retryAfter().toMillis() + 999) / 1000))));
            return reply;
        }
        if (fault instanceof Fault.SystemError) {
            return systemError(endpoint, requestedSerial);
        }
        throw new IllegalStateException("fault processes the request: " + fault);
    }

    private Reply processed(Answer answer, Fault fault, Endpoint endpoint, String requestedSerial) {
        if (fault == null) {
            return signed(answer, endpoint, requestedSerial, GatewaySignature.Variant.GENUINE, 0);
        }
        if (fault instanceof Fault.Delay delay) {
            Reply reply = signed(answer, endpoint, requestedSerial, GatewaySignature.Variant.GENUINE, 0);
            ResponseDefinition delayed = ResponseDefinitionBuilder.like(reply.definition)
                    .withFixedDelay((int) Math.min(Integer.MAX_VALUE, delay.delay().toMillis())).build();
            return new Reply(reply.status, delayed);
        }
        if (fault instanceof Fault.SystemError) {
            return systemError(endpoint, requestedSerial);
        }
        if (fault instanceof Fault.MalformedBody) {
            String text = answer.bodyText();
            String broken = text.length() < 2 ? "{\"" : text.substring(0, text.length() / 2);
            int status = answer.status() == 204 ? 200 : answer.status();
            return signed(new Answer(status, broken.getBytes(StandardCharsets.UTF_8)), endpoint, requestedSerial,
                    GatewaySignature.Variant.GENUINE, 0);
        }
        if (fault instanceof Fault.BadSignature) {
            return signed(answer, endpoint, requestedSerial, GatewaySignature.Variant.CORRUPTED, 0);
        }
        if (fault instanceof Fault.StaleTimestamp) {
            return signed(answer, endpoint, requestedSerial, GatewaySignature.Variant.GENUINE, STALE_SECONDS);
        }
        if (fault instanceof Fault.ResponseLost) {
            return Reply.reset();
        }
        throw new IllegalStateException("fault does not process the request: " + fault);
    }

    private Reply systemError(Endpoint endpoint, String requestedSerial) {
        return signed(Answer.error(500, "SYSTEM_ERROR", "系统错误，请使用相同参数稍后重新调用"), endpoint,
                requestedSerial, GatewaySignature.Variant.GENUINE, 0);
    }

    private Reply signed(Answer answer, Endpoint endpoint, String requestedSerial, GatewaySignature.Variant variant,
                         long ageSeconds) {
        return signed(answer, endpoint, requestedSerial, variant, ageSeconds, Map.of());
    }

    private Reply signed(Answer answer, Endpoint endpoint, String requestedSerial, GatewaySignature.Variant variant,
                         long ageSeconds, Map<String, String> extraHeaders) {
        boolean lowercase = lowercaseHeaders;
        SigningKey key = keys.forResponse(requestedSerial, endpoint.kind() == Endpoint.Kind.CERTIFICATES);
        long timestamp = clock.instant().getEpochSecond() - ageSeconds;
        ResponseDefinitionBuilder builder = base(answer.status());
        GatewaySignature.headers(key, keys::forger, variant, timestamp, answer.body(), lowercase)
                .forEach(builder::withHeader);
        extraHeaders.forEach((name, value) -> builder.withHeader(GatewaySignature.name(name, lowercase), value));
        if (answer.body() != null) {
            builder.withHeader(GatewaySignature.name("Content-Type", lowercase), JSON);
            builder.withBody(answer.body());
        }
        return new Reply(answer.status(), builder.build());
    }

    private ResponseDefinitionBuilder base(int status) {
        return new ResponseDefinitionBuilder().withStatus(status)
                .withHeader(GatewaySignature.name("Request-ID", lowercaseHeaders), Randomness.hex(32));
    }

    private String outRefundNo(Endpoint endpoint, byte[] body) {
        return switch (endpoint.kind()) {
            case REFUND -> Json.field(body, "out_refund_no");
            case REFUND_QUERY -> endpoint.pathId();
            default -> null;
        };
    }

    private String outTradeNo(Endpoint endpoint, byte[] body, String outRefundNo) {
        return switch (endpoint.kind()) {
            case PREPAY, CODEPAY -> Json.field(body, "out_trade_no");
            case QUERY_BY_OUT_TRADE_NO, CLOSE, REVERSE -> endpoint.pathId();
            case QUERY_BY_TRANSACTION_ID -> book.outTradeNoOfTransaction(endpoint.pathId());
            case REFUND -> {
                String byNumber = Json.field(body, "out_trade_no");
                String transactionId = Json.field(body, "transaction_id");
                yield byNumber != null ? byNumber
                        : transactionId == null ? null : book.outTradeNoOfTransaction(transactionId);
            }
            case REFUND_QUERY -> book.outTradeNoOfRefund(outRefundNo);
            case CERTIFICATES, TRADE_BILL, FUND_FLOW_BILL, BILL_DOWNLOAD, UNKNOWN -> null;
        };
    }

    /** A WireMock response and the status recorded for it (0 for a reset connection). */
    private record Reply(int status, ResponseDefinition definition) {
        static Reply reset() {
            return new Reply(0, new ResponseDefinitionBuilder()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build());
        }
    }
}
