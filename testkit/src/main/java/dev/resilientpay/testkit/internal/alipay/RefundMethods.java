package dev.resilientpay.testkit.internal.alipay;

import java.math.BigDecimal;

/**
 * Refund and refund query. {@code out_request_no} is the refund's idempotency key (the order id when
 * the request has none): a repeat with the same amount answers {@code fund_change=N} and moves no
 * money; a repeat with another amount is a conflict.
 */
final class RefundMethods {

    static final String REFUND = "alipay.trade.refund";
    static final String REFUND_QUERY = "alipay.trade.fastpay.refund.query";

    private final GatewaySettings settings;

    RefundMethods(GatewaySettings settings) {
        this.settings = settings;
    }

    GatewayAnswer refund(TradeBook book, GatewayRequest request) {
        GatewayAnswer missing = PaymentMethods.checkTradeReference(REFUND, request);
        if (missing != null) {
            return missing;
        }
        SimulatedTrade trade = book.findVisible(request.biz("out_trade_no"), request.biz("trade_no"));
        if (trade == null) {
            return AnswerNode.businessFailure(REFUND, "ACQ.TRADE_NOT_EXIST").signed();
        }
        BigDecimal amount = BizFields.amount(request.biz("refund_amount"));
        if (amount == null) {
            return AnswerNode.businessFailure(REFUND, "ACQ.INVALID_PARAMETER",
                    "refund_amount must be yuan with at most 2 decimals in [0.01, 100000000]").signed();
        }
        String outRequestNo = request.biz("out_request_no");
        if (!outRequestNo.isEmpty() && !BizFields.isOutRequestNo(outRequestNo)) {
            return AnswerNode.businessFailure(REFUND, "ACQ.INVALID_PARAMETER",
                    "out_request_no must be 1-64 characters").signed();
        }
        String key = outRequestNo.isEmpty() ? trade.outTradeNo : outRequestNo;
        SimulatedTrade.RefundEntry earlier = trade.refunds.get(key);
        if (earlier != null) {
            if (earlier.amount.compareTo(amount) != 0) {
                return AnswerNode.businessFailure(REFUND, "ACQ.DISCORDANT_REPEAT_REQUEST")
                        .put("out_trade_no", trade.outTradeNo).put("trade_no", trade.tradeNo).signed();
            }
            earlier.requests++;
            return refundAnswer(trade, "N", earlier.acceptedAt, amount);
        }
        if (SimulatedTrade.TRADE_FINISHED.equals(trade.status)) {
            return AnswerNode.businessFailure(REFUND, "ACQ.TRADE_HAS_FINISHED").put("out_trade_no", trade.outTradeNo)
                    .signed();
        }
        if (!trade.paid()) {
            return AnswerNode.businessFailure(REFUND, "ACQ.TRADE_STATUS_ERROR").put("out_trade_no", trade.outTradeNo)
                    .signed();
        }
        boolean tooMuch = trade.refundedAmount.add(amount).compareTo(trade.totalAmount) > 0;
        boolean partialWithoutKey = outRequestNo.isEmpty() && amount.compareTo(trade.totalAmount) != 0;
        if (tooMuch || partialWithoutKey) {
            return AnswerNode.businessFailure(REFUND, "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL")
                    .put("out_trade_no", trade.outTradeNo).put("trade_no", trade.tradeNo).signed();
        }
        String now = settings.now();
        trade.refunds.put(key, new SimulatedTrade.RefundEntry(amount, now));
        trade.refundedAmount = trade.refundedAmount.add(amount);
        if (trade.refundedAmount.compareTo(trade.totalAmount) == 0) {
            trade.close(now);
        }
        return refundAnswer(trade, "Y", now, amount);
    }

    GatewayAnswer refundQuery(TradeBook book, GatewayRequest request) {
        GatewayAnswer missing = PaymentMethods.checkTradeReference(REFUND_QUERY, request);
        if (missing != null) {
            return missing;
        }
        String outRequestNo = request.biz("out_request_no");
        if (outRequestNo.isEmpty()) {
            return AnswerNode.businessFailure(REFUND_QUERY, "ACQ.INVALID_PARAMETER", "out_request_no is required")
                    .signed();
        }
        SimulatedTrade trade = book.findVisible(request.biz("out_trade_no"), request.biz("trade_no"));
        if (trade == null) {
            return AnswerNode.businessFailure(REFUND_QUERY, "ACQ.TRADE_NOT_EXIST").signed();
        }
        SimulatedTrade.RefundEntry refund = trade.refunds.get(outRequestNo);
        if (refund == null) {
            // Alipay answers success with no refund fields when it has no such refund.
            return AnswerNode.success(REFUND_QUERY).signed();
        }
        return AnswerNode.success(REFUND_QUERY)
                .put("gmt_refund_pay", refund.acceptedAt)
                .put("out_request_no", outRequestNo)
                .put("out_trade_no", trade.outTradeNo)
                .put("refund_amount", refund.amount.toPlainString())
                .put("refund_status", "REFUND_SUCCESS")
                .put("total_amount", trade.totalAmount.toPlainString())
                .put("trade_no", trade.tradeNo)
                .signed();
    }

    private static GatewayAnswer refundAnswer(SimulatedTrade trade, String fundChange, String when, BigDecimal amount) {
        return AnswerNode.success(REFUND)
                .put("buyer_logon_id", "159****5620")
                .put("buyer_user_id", trade.buyerId)
                .put("fund_change", fundChange)
                .put("gmt_refund_pay", when)
                .put("out_trade_no", trade.outTradeNo)
                .put("refund_detail_item_list", PaymentMethods.fundBills(amount.toPlainString()))
                .put("refund_fee", trade.refundedAmount.toPlainString())
                .put("send_back_fee", amount.toPlainString())
                .put("trade_no", trade.tradeNo)
                .signed();
    }
}
