package dev.resilientpay.testkit.internal.alipay;

import dev.resilientpay.testkit.AlipaySimulatorPayer;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trade methods: pay (payment code), precreate (QR), create (in-app), query, cancel and close.
 * Each runs under the trade book's lock. Idempotency follows Alipay: {@code out_trade_no} is the
 * key; a repeat finds the same trade or answers TRADE_HAS_SUCCESS / TRADE_HAS_CLOSE /
 * CONTEXT_INCONSISTENT.
 */
final class PaymentMethods {

    static final String PAY = "alipay.trade.pay";
    static final String PRECREATE = "alipay.trade.precreate";
    static final String CREATE = "alipay.trade.create";
    static final String QUERY = "alipay.trade.query";
    static final String CANCEL = "alipay.trade.cancel";
    static final String CLOSE = "alipay.trade.close";

    private static final String BUYER_LOGON_ID = "159****5620";

    private final GatewaySettings settings;

    PaymentMethods(GatewaySettings settings) {
        this.settings = settings;
    }

    GatewayAnswer pay(TradeBook book, GatewayRequest request) {
        String outTradeNo = request.biz("out_trade_no");
        String scene = request.biz("scene");
        String authCode = request.biz("auth_code");
        GatewayAnswer invalid = checkOrderFields(PAY, request);
        if (invalid != null) {
            return invalid;
        }
        if (!scene.equals("bar_code") && !scene.equals("security_code")) {
            return AnswerNode.businessFailure(PAY, "ACQ.INVALID_PARAMETER", "scene must be bar_code or security_code")
                    .signed();
        }
        if (!BizFields.isAuthCode(authCode)) {
            return AnswerNode.businessFailure(PAY, "ACQ.PAYMENT_AUTH_CODE_INVALID").put("out_trade_no", outTradeNo)
                    .signed();
        }
        if (book.codeConsumed(outTradeNo)) {
            // An independent gateway's one-time code: the first pay used it up, a re-send is refused.
            return AnswerNode.businessFailure(PAY, "ACQ.PAYMENT_AUTH_CODE_INVALID").put("out_trade_no", outTradeNo)
                    .signed();
        }
        BigDecimal amount = BizFields.amount(request.biz("total_amount"));
        GatewayAnswer repeat = repeatOf(book, PAY, request, amount);
        if (repeat != null) {
            return repeat;
        }
        AlipaySimulatorPayer payer = book.payerFor(outTradeNo, authCode);
        if (payer instanceof AlipaySimulatorPayer.Fails fails) {
            return AnswerNode.businessFailure(PAY, fails.subCode())
                    .put("buyer_pay_amount", "0.00").put("invoice_amount", "0.00").put("out_trade_no", outTradeNo)
                    .put("point_amount", "0.00").put("receipt_amount", "0.00").signed();
        }
        String now = settings.now();
        SimulatedTrade trade = book.open(outTradeNo, PAY, amount, request.biz("subject"), GatewaySettings.BUYER_ID,
                request.parameter("notify_url"), now, true);
        trade.startPayer(payer, now);
        return payAnswer(trade);
    }

    GatewayAnswer precreate(TradeBook book, GatewayRequest request) {
        return createOrder(book, request, PRECREATE);
    }

    GatewayAnswer create(TradeBook book, GatewayRequest request) {
        if (request.biz("buyer_id").isEmpty() && request.biz("buyer_open_id").isEmpty()) {
            return AnswerNode.businessFailure(CREATE, "ACQ.INVALID_PARAMETER", "buyer_id or buyer_open_id is required")
                    .signed();
        }
        return createOrder(book, request, CREATE);
    }

    GatewayAnswer query(TradeBook book, GatewayRequest request) {
        GatewayAnswer missing = checkTradeReference(QUERY, request);
        if (missing != null) {
            return missing;
        }
        SimulatedTrade trade = book.findVisible(request.biz("out_trade_no"), request.biz("trade_no"));
        if (trade != null && book.queryLags(trade.outTradeNo)) {
            trade = null;
        }
        if (trade == null) {
            return AnswerNode.businessFailure(QUERY, "ACQ.TRADE_NOT_EXIST")
                    .put("buyer_pay_amount", "0.00").put("invoice_amount", "0.00")
                    .put("out_trade_no", request.biz("out_trade_no")).put("point_amount", "0.00")
                    .put("receipt_amount", "0.00").signed();
        }
        trade.countQuery(settings.now());
        String paidAmount = trade.buyerPayAmount();
        return AnswerNode.success(QUERY)
                .put("buyer_logon_id", trade.paid() ? BUYER_LOGON_ID : "")
                .put("buyer_pay_amount", paidAmount)
                .put("buyer_user_id", trade.buyerId)
                .put("invoice_amount", paidAmount)
                .put("out_trade_no", trade.outTradeNo)
                .put("point_amount", "0.00")
                .put("receipt_amount", paidAmount)
                .put("send_pay_date", trade.paidAt)
                .put("total_amount", trade.totalAmount.toPlainString())
                .put("trade_no", trade.tradeNo)
                .put("trade_status", trade.status)
                .signed();
    }

    GatewayAnswer cancel(TradeBook book, GatewayRequest request) {
        GatewayAnswer missing = checkTradeReference(CANCEL, request);
        if (missing != null) {
            return missing;
        }
        String outTradeNo = request.biz("out_trade_no");
        SimulatedTrade trade = book.find(outTradeNo, request.biz("trade_no"));
        String now = settings.now();
        if (trade == null || !trade.visible) {
            // Alipay answers success for an order it does not know (the pay may never have arrived) and
            // remembers it: a pay that arrives late must not charge.
            if (trade == null) {
                book.markCancelledWhileUnknown(outTradeNo);
            } else {
                trade.close(now);
            }
            return AnswerNode.success(CANCEL).put("out_trade_no", outTradeNo).put("retry_flag", "N").signed();
        }
        if (SimulatedTrade.TRADE_FINISHED.equals(trade.status)) {
            return AnswerNode.businessFailure(CANCEL, "ACQ.TRADE_HAS_FINISHED")
                    .put("out_trade_no", trade.outTradeNo).put("retry_flag", "N").signed();
        }
        if (trade.paid() && trade.refundedAmount.signum() > 0) {
            return AnswerNode.businessFailure(CANCEL, "ACQ.REASON_TRADE_REFUND_FEE_ERR")
                    .put("out_trade_no", trade.outTradeNo).put("retry_flag", "N").signed();
        }
        if (trade.waiting()) {
            trade.close(now);
        } else if (trade.paid()) {
            trade.reversed = true;
            trade.close(now);
        }
        String action = trade.reversed ? "refund" : "close";
        return AnswerNode.success(CANCEL)
                .put("action", action)
                .put("gmt_refund_pay", trade.reversed ? trade.closedAt : "")
                .put("out_trade_no", trade.outTradeNo)
                .put("retry_flag", "N")
                .put("trade_no", trade.tradeNo)
                .signed();
    }

    GatewayAnswer close(TradeBook book, GatewayRequest request) {
        GatewayAnswer missing = checkTradeReference(CLOSE, request);
        if (missing != null) {
            return missing;
        }
        SimulatedTrade trade = book.findVisible(request.biz("out_trade_no"), request.biz("trade_no"));
        if (trade == null) {
            return AnswerNode.businessFailure(CLOSE, "ACQ.TRADE_NOT_EXIST")
                    .put("out_trade_no", request.biz("out_trade_no")).signed();
        }
        if (!trade.waiting()) {
            return AnswerNode.businessFailure(CLOSE, "ACQ.TRADE_STATUS_ERROR")
                    .put("out_trade_no", trade.outTradeNo).put("trade_no", trade.tradeNo).signed();
        }
        trade.close(settings.now());
        return AnswerNode.success(CLOSE).put("out_trade_no", trade.outTradeNo).put("trade_no", trade.tradeNo).signed();
    }

    private GatewayAnswer createOrder(TradeBook book, GatewayRequest request, String method) {
        GatewayAnswer invalid = checkOrderFields(method, request);
        if (invalid != null) {
            return invalid;
        }
        BigDecimal amount = BizFields.amount(request.biz("total_amount"));
        GatewayAnswer repeat = repeatOf(book, method, request, amount);
        if (repeat != null) {
            return repeat;
        }
        String outTradeNo = request.biz("out_trade_no");
        AlipaySimulatorPayer script = book.orderScript(outTradeNo).orElse(null);
        String buyerId = request.biz("buyer_id").isEmpty() ? GatewaySettings.BUYER_ID : request.biz("buyer_id");
        String now = settings.now();
        // A precreated QR order exists for queries only once a payer scans it; a scripted payer scans at once.
        boolean visible = !PRECREATE.equals(method) || script != null;
        SimulatedTrade trade = book.open(outTradeNo, method, amount, request.biz("subject"), buyerId,
                request.parameter("notify_url"), now, visible);
        if (script != null) {
            trade.startPayer(script, now);
        }
        return createAnswer(method, trade);
    }

    /** The answer to a repeated order request, or null when {@code out_trade_no} is new. */
    private static GatewayAnswer repeatOf(TradeBook book, String method, GatewayRequest request, BigDecimal amount) {
        String outTradeNo = request.biz("out_trade_no");
        SimulatedTrade existing = book.find(outTradeNo, "");
        if (existing == null) {
            return book.cancelledWhileUnknown(outTradeNo)
                    ? AnswerNode.businessFailure(method, "ACQ.TRADE_HAS_CLOSE").put("out_trade_no", outTradeNo).signed()
                    : null;
        }
        if (!existing.method.equals(method) || existing.totalAmount.compareTo(amount) != 0
                || !existing.subject.equals(request.biz("subject"))) {
            return AnswerNode.businessFailure(method, "ACQ.CONTEXT_INCONSISTENT").put("out_trade_no", outTradeNo)
                    .signed();
        }
        if (existing.paid()) {
            return AnswerNode.businessFailure(method, "ACQ.TRADE_HAS_SUCCESS").put("out_trade_no", outTradeNo)
                    .put("trade_no", existing.tradeNo).signed();
        }
        if (SimulatedTrade.TRADE_CLOSED.equals(existing.status)) {
            return AnswerNode.businessFailure(method, "ACQ.TRADE_HAS_CLOSE").put("out_trade_no", outTradeNo)
                    .put("trade_no", existing.tradeNo).signed();
        }
        // Still waiting: the same trade again (a payment code still being confirmed answers 10003 again).
        return PAY.equals(method) ? payAnswer(existing) : createAnswer(method, existing);
    }

    private static GatewayAnswer checkOrderFields(String method, GatewayRequest request) {
        String outTradeNo = request.biz("out_trade_no");
        if (!BizFields.isOutTradeNo(outTradeNo)) {
            return AnswerNode.businessFailure(method, "ACQ.INVALID_PARAMETER",
                    "out_trade_no must be 1-64 letters, digits or underscores").signed();
        }
        if (BizFields.amount(request.biz("total_amount")) == null) {
            return AnswerNode.businessFailure(method, "ACQ.INVALID_PARAMETER",
                    "total_amount must be yuan with at most 2 decimals in [0.01, 100000000]")
                    .put("out_trade_no", outTradeNo).signed();
        }
        if (request.biz("subject").isBlank()) {
            return AnswerNode.businessFailure(method, "ACQ.INVALID_PARAMETER", "subject is required")
                    .put("out_trade_no", outTradeNo).signed();
        }
        return null;
    }

    /** Null when the request names a trade by out_trade_no or trade_no, else the rejection. */
    static GatewayAnswer checkTradeReference(String method, GatewayRequest request) {
        if (request.biz("out_trade_no").isEmpty() && request.biz("trade_no").isEmpty()) {
            return AnswerNode.businessFailure(method, "ACQ.INVALID_PARAMETER", "out_trade_no or trade_no is required")
                    .signed();
        }
        return null;
    }

    private static GatewayAnswer payAnswer(SimulatedTrade trade) {
        String paidAmount = trade.buyerPayAmount();
        AnswerNode node = trade.paid() ? AnswerNode.success(PAY) : AnswerNode.code(PAY, AnswerNode.PROCESSING);
        return node
                .put("buyer_logon_id", BUYER_LOGON_ID)
                .put("buyer_pay_amount", paidAmount)
                .put("buyer_user_id", trade.paid() ? trade.buyerId : "")
                .put("fund_bill_list", trade.paid() ? fundBills(paidAmount) : null)
                .put("gmt_payment", trade.paidAt)
                .put("invoice_amount", paidAmount)
                .put("out_trade_no", trade.outTradeNo)
                .put("point_amount", "0.00")
                .put("receipt_amount", paidAmount)
                .put("total_amount", trade.totalAmount.toPlainString())
                .put("trade_no", trade.tradeNo)
                .signed();
    }

    static List<Map<String, Object>> fundBills(String amount) {
        Map<String, Object> bill = new LinkedHashMap<>();
        bill.put("amount", amount);
        bill.put("fund_channel", "ALIPAYACCOUNT");
        return List.of(bill);
    }

    private static GatewayAnswer createAnswer(String method, SimulatedTrade trade) {
        AnswerNode node = AnswerNode.success(method).put("out_trade_no", trade.outTradeNo);
        if (PRECREATE.equals(method)) {
            node.put("qr_code", trade.qrCode);
        } else {
            node.put("trade_no", trade.tradeNo);
        }
        return node.signed();
    }
}
