package dev.resilientpay.alipay.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import java.util.Map;

/**
 * One method per Alipay API: builds its {@code biz_content}, makes one gateway call (or none, for
 * the payer-side methods) and reads the answer into an {@link Attempt}. Success is decided on
 * {@code code} alone ({@code 10000}), never on "no sub_code" ({@code 10003} has none either).
 */
public final class AlipayOperations {

    static final String PAY = "alipay.trade.pay";
    static final String PRECREATE = "alipay.trade.precreate";
    static final String CREATE = "alipay.trade.create";
    static final String PAGE_PAY = "alipay.trade.page.pay";
    static final String WAP_PAY = "alipay.trade.wap.pay";
    static final String APP_PAY = "alipay.trade.app.pay";
    static final String QUERY = "alipay.trade.query";
    static final String CANCEL = "alipay.trade.cancel";
    static final String CLOSE = "alipay.trade.close";
    static final String REFUND = "alipay.trade.refund";
    static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";

    private static final String SUCCESS = "10000";

    private final AlipayGateway gateway;

    /** Operations over {@code gateway}. */
    public AlipayOperations(AlipayGateway gateway) {
        this.gateway = gateway;
    }

    /** Sends a payment once, choosing the Alipay product from the method. */
    public Attempt<PaymentOutcome> pay(PaymentRequest request, AttemptContext context) {
        try {
            AlipayRules.validate(request, gateway.now());
        } catch (IllegalArgumentException e) {
            return new Attempt.Rejected<>(Failure.of(FailureReason.INVALID_REQUEST, e.getMessage()));
        }
        String notifyUrl = request.notifyUrl() != null ? request.notifyUrl() : gateway.settings().notifyUrl();
        ObjectNode biz = orderBiz(request);
        PaymentMethod method = request.method();
        if (method instanceof PaymentMethod.PaymentCode code) {
            biz.put("scene", "bar_code").put("auth_code", code.authCode());
            return payByCode(request, finish(biz, request), notifyUrl, context);
        }
        if (method instanceof PaymentMethod.QrCode) {
            return precreate(request, finish(biz, request), notifyUrl, context);
        }
        if (method instanceof PaymentMethod.InApp inApp) {
            biz.put(AlipayRules.isBuyerId(inApp.payerId()) ? "buyer_id" : "buyer_open_id", inApp.payerId());
            biz.put("product_code", "JSAPI_PAY");
            return create(request, finish(biz, request), notifyUrl, context);
        }
        if (method instanceof PaymentMethod.Web web) {
            boolean desktop = web.device() == PaymentMethod.Web.Device.DESKTOP;
            biz.put("product_code", desktop ? "FAST_INSTANT_TRADE_PAY" : "QUICK_WAP_WAY");
            String url = gateway.signedUrl(desktop ? PAGE_PAY : WAP_PAY, finish(biz, request), notifyUrl, web.returnUrl());
            return new Attempt.Succeeded<>(new PaymentOutcome.AwaitingPayer(request.orderId(), new PayerAction.OpenUrl(url)));
        }
        // PaymentMethod.App: the remaining permitted subtype
        biz.put("product_code", "QUICK_MSECURITY_PAY");
        String orderString = gateway.orderString(APP_PAY, finish(biz, request), notifyUrl);
        return new Attempt.Succeeded<>(new PaymentOutcome.AwaitingPayer(request.orderId(),
                new PayerAction.InvokeClient(Map.of("orderString", orderString))));
    }

    /** {@code alipay.trade.query}: an unknown order is {@code NOT_FOUND}. */
    public Attempt<TradeStatus> query(String orderId, AttemptContext context) {
        GatewayReply reply = gateway.call(QUERY, byOrder(orderId).toString(), null, context);
        if (!(reply instanceof GatewayReply.Answer answer)) {
            return ((GatewayReply.Problem) reply).attempt();
        }
        if (!SUCCESS.equals(answer.code())) {
            if ("ACQ.TRADE_NOT_EXIST".equals(answer.text("sub_code")) && answer.signed()) {
                return new Attempt.Succeeded<>(TradeStatus.notFound(orderId));
            }
            return failure(answer);
        }
        if (isForAnotherOrder(answer, orderId)) {
            return anotherOrder(answer);
        }
        String raw = answer.text("trade_status");
        return new Attempt.Succeeded<>(new TradeStatus(orderId, AlipayRules.tradeState(raw), answer.text("trade_no"),
                AlipayRules.parseYuan(answer.text("total_amount")), AlipayRules.parseTime(answer.text("send_pay_date")), raw));
    }

    /** {@code alipay.trade.close}: only an unpaid order can be closed. */
    public Attempt<CloseOutcome.Closed> close(String orderId, AttemptContext context) {
        GatewayReply reply = gateway.call(CLOSE, byOrder(orderId).toString(), null, context);
        if (!(reply instanceof GatewayReply.Answer answer)) {
            return ((GatewayReply.Problem) reply).attempt();
        }
        if (!SUCCESS.equals(answer.code())) {
            return failure(answer);
        }
        if (isForAnotherOrder(answer, orderId)) {
            return anotherOrder(answer);
        }
        return new Attempt.Succeeded<>(new CloseOutcome.Closed(orderId, false));
    }

    /**
     * {@code alipay.trade.cancel}: {@code retry_flag=Y} asks for the same cancel again ({@link Attempt.NotSent});
     * {@code action=refund} means the order had been paid and the money went back, {@code action=close}
     * that it had not. Alipay returns {@code action} only when the call succeeded <em>and the trade
     * exists</em> (the response parameter's description in the {@code alipay.trade.cancel} reference), so
     * a success without it is Alipay's signed word that it has no such trade: {@code ORDER_NOT_FOUND},
     * as WeChat Pay's reverse answers {@code ORDER_NOT_EXIST}. Alipay remembers that cancel, so a pay that
     * arrives later is refused, not charged.
     */
    public Attempt<CloseOutcome.Closed> cancel(String orderId, AttemptContext context) {
        GatewayReply reply = gateway.call(CANCEL, byOrder(orderId).toString(), null, context);
        if (!(reply instanceof GatewayReply.Answer answer)) {
            return ((GatewayReply.Problem) reply).attempt();
        }
        if ("Y".equalsIgnoreCase(answer.text("retry_flag")) && answer.signed()) {
            return new Attempt.NotSent<>(failureOf(answer, FailureReason.PROVIDER_UNAVAILABLE), null);
        }
        if (!SUCCESS.equals(answer.code())) {
            return movingMoneyFailure(answer);
        }
        if (isForAnotherOrder(answer, orderId)) {
            return anotherOrder(answer);
        }
        String action = answer.text("action");
        if (action == null) {
            return new Attempt.Rejected<>(Failure.of(FailureReason.ORDER_NOT_FOUND, answer.code(), null,
                    "cancel answered without an action: Alipay has no such trade", null));
        }
        return new Attempt.Succeeded<>(new CloseOutcome.Closed(orderId, "refund".equalsIgnoreCase(action)));
    }

    /**
     * {@code alipay.trade.refund} with {@code out_request_no} = the refund id, unchanged on every retry;
     * {@code fund_change=Y} means money moved, anything else is confirmed by a refund query.
     */
    public Attempt<RefundStatus> refund(RefundRequest request, AttemptContext context) {
        try {
            AlipayRules.validate(request);
        } catch (IllegalArgumentException e) {
            return new Attempt.Rejected<>(Failure.of(FailureReason.INVALID_REQUEST, e.getMessage()));
        }
        ObjectNode biz = byOrder(request.orderId())
                .put("refund_amount", AlipayRules.yuan(request.amount()))
                .put("out_request_no", request.refundId());
        if (request.reason() != null) {
            biz.put("refund_reason", request.reason());
        }
        GatewayReply reply = gateway.call(REFUND, biz.toString(), null, context);
        if (!(reply instanceof GatewayReply.Answer answer)) {
            return ((GatewayReply.Problem) reply).attempt();
        }
        if (!SUCCESS.equals(answer.code())) {
            return movingMoneyFailure(answer);
        }
        if (isForAnotherOrder(answer, request.orderId())) {
            return anotherOrder(answer);
        }
        boolean moved = "Y".equalsIgnoreCase(answer.text("fund_change"));
        return new Attempt.Succeeded<>(new RefundStatus(request.orderId(), request.refundId(), answer.text("trade_no"),
                request.amount(), moved ? RefundState.SUCCEEDED : RefundState.PROCESSING,
                moved ? AlipayRules.parseTime(answer.text("gmt_refund_pay")) : null,
                "fund_change=" + answer.text("fund_change")));
    }

    /** {@code alipay.trade.fastpay.refund.query}: {@code REFUND_SUCCESS} is done; no status means not found. */
    public Attempt<RefundStatus> queryRefund(String orderId, String refundId, AttemptContext context) {
        ObjectNode biz = byOrder(orderId).put("out_request_no", refundId);
        biz.putArray("query_options").add("gmt_refund_pay");
        GatewayReply reply = gateway.call(REFUND_QUERY, biz.toString(), null, context);
        if (!(reply instanceof GatewayReply.Answer answer)) {
            return ((GatewayReply.Problem) reply).attempt();
        }
        if (!SUCCESS.equals(answer.code())) {
            if ("ACQ.TRADE_NOT_EXIST".equals(answer.text("sub_code")) && answer.signed()) {
                return new Attempt.Succeeded<>(new RefundStatus(orderId, refundId, null, null, RefundState.NOT_FOUND, null, null));
            }
            return failure(answer);
        }
        if (isForAnotherOrder(answer, orderId) || isForAnotherRefund(answer, refundId)) {
            return anotherOrder(answer);
        }
        String raw = answer.text("refund_status");
        RefundState state = raw == null ? RefundState.NOT_FOUND
                : "REFUND_SUCCESS".equals(raw) ? RefundState.SUCCEEDED : RefundState.UNKNOWN;
        return new Attempt.Succeeded<>(new RefundStatus(orderId, refundId, answer.text("trade_no"),
                AlipayRules.parseYuan(answer.text("refund_amount")), state,
                state == RefundState.SUCCEEDED ? AlipayRules.parseTime(answer.text("gmt_refund_pay")) : null, raw));
    }

    private Attempt<PaymentOutcome> payByCode(PaymentRequest request, String biz, String notifyUrl, AttemptContext context) {
        GatewayReply reply = gateway.call(PAY, biz, notifyUrl, context);
        if (!(reply instanceof GatewayReply.Answer answer)) {
            return ((GatewayReply.Problem) reply).attempt();
        }
        if (!SUCCESS.equals(answer.code())) {
            return movingMoneyFailure(answer);
        }
        if (isForAnotherOrder(answer, request.orderId())) {
            return anotherOrder(answer);
        }
        Money amount = AlipayRules.parseYuan(answer.text("total_amount"));
        if (!request.amount().equals(amount)) {
            return new Attempt.Unknown<>(Failure.of(FailureReason.PROVIDER_ERROR, answer.code(), null,
                    "answer amount " + amount + " differs from the request's " + request.amount(), null));
        }
        return new Attempt.Succeeded<>(new PaymentOutcome.Paid(request.orderId(), answer.text("trade_no"),
                request.amount(), AlipayRules.parseTime(answer.text("gmt_payment"))));
    }

    private Attempt<PaymentOutcome> precreate(PaymentRequest request, String biz, String notifyUrl, AttemptContext context) {
        GatewayReply reply = gateway.call(PRECREATE, biz, notifyUrl, context);
        if (!(reply instanceof GatewayReply.Answer answer)) {
            return ((GatewayReply.Problem) reply).attempt();
        }
        if (!SUCCESS.equals(answer.code())) {
            return failure(answer);
        }
        if (isForAnotherOrder(answer, request.orderId()) || answer.text("qr_code") == null) {
            return anotherOrder(answer);
        }
        return new Attempt.Succeeded<>(new PaymentOutcome.AwaitingPayer(request.orderId(),
                new PayerAction.ScanQrCode(answer.text("qr_code"))));
    }

    private Attempt<PaymentOutcome> create(PaymentRequest request, String biz, String notifyUrl, AttemptContext context) {
        GatewayReply reply = gateway.call(CREATE, biz, notifyUrl, context);
        if (!(reply instanceof GatewayReply.Answer answer)) {
            return ((GatewayReply.Problem) reply).attempt();
        }
        if (!SUCCESS.equals(answer.code())) {
            return failure(answer);
        }
        if (isForAnotherOrder(answer, request.orderId()) || answer.text("trade_no") == null) {
            return anotherOrder(answer);
        }
        return new Attempt.Succeeded<>(new PaymentOutcome.AwaitingPayer(request.orderId(),
                new PayerAction.InvokeClient(Map.of("tradeNO", answer.text("trade_no")))));
    }

    private static ObjectNode orderBiz(PaymentRequest request) {
        return byOrder(request.orderId())
                .put("total_amount", AlipayRules.yuan(request.amount()))
                .put("subject", request.subject());
    }

    /** Adds the fields every payment product shares after the product's own fields. */
    private String finish(ObjectNode biz, PaymentRequest request) {
        if (request.expiresAt() != null) {
            biz.put("timeout_express", AlipayRules.timeoutExpress(gateway.now(), request.expiresAt()));
        }
        if (!request.metadata().isEmpty()) {
            biz.put("passback_params", AlipayRules.passbackParams(request.metadata()));
        }
        return biz.toString();
    }

    private static ObjectNode byOrder(String orderId) {
        return AlipayJson.MAPPER.createObjectNode().put("out_trade_no", orderId);
    }

    private static boolean isForAnotherOrder(GatewayReply.Answer answer, String orderId) {
        String echoed = answer.text("out_trade_no");
        return echoed != null && !echoed.equals(orderId);
    }

    /** A refund query answer that names another refund ({@code out_request_no}) of the trade. */
    private static boolean isForAnotherRefund(GatewayReply.Answer answer, String refundId) {
        String echoed = answer.text("out_request_no");
        return echoed != null && !echoed.equals(refundId);
    }

    /** A verified answer that does not fit the request (another order, a missing field): proves nothing. */
    private static <T> Attempt<T> anotherOrder(GatewayReply.Answer answer) {
        return new Attempt.Unknown<>(Failure.of(FailureReason.PROVIDER_ERROR, answer.code(), answer.text("sub_code"),
                "answer does not match the request (out_trade_no " + answer.text("out_trade_no")
                        + (answer.text("out_request_no") == null ? "" : ", out_request_no " + answer.text("out_request_no"))
                        + ")", null));
    }

    /**
     * A non-10000 answer to a call that can move money (pay, cancel, refund). The gateway sends some
     * failures unsigned ({@code 20000}, {@code 20001}, {@code 40001}–{@code 40003}, {@code 40006}: it cannot
     * sign when it cannot identify the app), and the protocol notes allow reading them as failures, never as
     * successes. But an unsigned answer is not authenticated: anyone on the path could have written it in place
     * of a signed success. For these calls a "definite refusal" would be read as "no money moved", so an
     * unsigned one proves nothing and is {@link Attempt.Unknown}: the pipeline queries, and the signed query
     * answer decides. Signed answers, and unsigned ones the table already reads as in doubt ({@code 20000}),
     * keep the table's meaning; an unsigned {@code 40004} never gets here (the verifier rejects it).
     */
    private static <T> Attempt<T> movingMoneyFailure(GatewayReply.Answer answer) {
        Attempt<T> attempt = failure(answer);
        if (!answer.signed() && attempt instanceof Attempt.Rejected<T> rejected) {
            Failure f = rejected.failure();
            return new Attempt.Unknown<>(Failure.of(f.reason(), f.providerCode(), f.providerSubCode(),
                    "unsigned answer, not proof that nothing was done: " + f.providerMessage(), null));
        }
        return attempt;
    }

    /** A non-10000 answer through the error table. */
    private static <T> Attempt<T> failure(GatewayReply.Answer answer) {
        AlipayErrorTable.Row row = AlipayErrorTable.lookup(answer.code(), answer.text("sub_code"));
        Failure failure = failureOf(answer, row.reason());
        return switch (row.effect()) {
            case REJECTED -> new Attempt.Rejected<>(failure);
            case UNKNOWN -> new Attempt.Unknown<>(failure);
            case PENDING -> new Attempt.Pending<>(answer.code() + " " + answer.text("msg"));
        };
    }

    private static Failure failureOf(GatewayReply.Answer answer, FailureReason reason) {
        String msg = answer.text("msg");
        String subMsg = answer.text("sub_msg");
        String message = subMsg == null ? msg : msg == null ? subMsg : msg + ": " + subMsg;
        return Failure.of(reason, answer.code(), answer.text("sub_code"), message, null);
    }
}
