package dev.resilientpay.testkit.internal.alipay;

import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.AlipaySimulatorTrade;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One trade's mutable state. Not thread-safe by itself: {@link TradeBook} guards every access with
 * its lock.
 */
final class SimulatedTrade {

    static final String WAIT_BUYER_PAY = "WAIT_BUYER_PAY";
    static final String TRADE_SUCCESS = "TRADE_SUCCESS";
    static final String TRADE_CLOSED = "TRADE_CLOSED";
    static final String TRADE_FINISHED = "TRADE_FINISHED";

    /** A refund accepted under one {@code out_request_no}. */
    static final class RefundEntry {
        final BigDecimal amount;
        final String acceptedAt;
        int requests = 1;

        RefundEntry(BigDecimal amount, String acceptedAt) {
            this.amount = amount;
            this.acceptedAt = acceptedAt;
        }
    }

    final String outTradeNo;
    final String tradeNo;
    final String method;
    final BigDecimal totalAmount;
    final String subject;
    final String buyerId;
    final String notifyUrl;
    final String createdAt;
    final String qrCode;
    final Map<String, RefundEntry> refunds = new LinkedHashMap<>();
    final Map<String, String> notifyIds = new HashMap<>();

    String status = WAIT_BUYER_PAY;
    /** False for a precreated QR order nobody has scanned: Alipay answers TRADE_NOT_EXIST for it. */
    boolean visible;
    int charges;
    boolean reversed;
    BigDecimal refundedAmount = BigDecimal.ZERO.setScale(2);
    int queries;
    /** Queries still to come before the scripted payer pays; 0 when no such script applies. */
    int queriesUntilPaid;
    String paidAt = "";
    String closedAt = "";

    SimulatedTrade(String outTradeNo, String tradeNo, String method, BigDecimal totalAmount, String subject,
                   String buyerId, String notifyUrl, String createdAt, String qrCode, boolean visible) {
        this.outTradeNo = outTradeNo;
        this.tradeNo = tradeNo;
        this.method = method;
        this.totalAmount = totalAmount;
        this.subject = subject;
        this.buyerId = buyerId;
        this.notifyUrl = notifyUrl;
        this.createdAt = createdAt;
        this.qrCode = qrCode;
        this.visible = visible;
    }

    boolean paid() {
        return TRADE_SUCCESS.equals(status) || TRADE_FINISHED.equals(status);
    }

    boolean waiting() {
        return WAIT_BUYER_PAY.equals(status);
    }

    /** The payer's money moves: only ever from WAIT_BUYER_PAY, so a trade is charged at most once. */
    void pay(String now) {
        if (!waiting()) {
            throw new IllegalStateException("trade " + outTradeNo + " is " + status + ", it cannot be paid");
        }
        status = TRADE_SUCCESS;
        visible = true;
        charges++;
        paidAt = now;
        queriesUntilPaid = 0;
    }

    void close(String now) {
        status = TRADE_CLOSED;
        closedAt = now;
        queriesUntilPaid = 0;
    }

    /** Applies the payer script when the trade is created. */
    void startPayer(AlipaySimulatorPayer payer, String now) {
        if (payer instanceof AlipaySimulatorPayer.PaysAtOnce) {
            pay(now);
        } else if (payer instanceof AlipaySimulatorPayer.PaysAfterQueries after) {
            queriesUntilPaid = after.queries();
        }
    }

    /** Counts one query; the scripted payer may pay as it arrives. */
    void countQuery(String now) {
        queries++;
        if (waiting() && queriesUntilPaid > 0 && --queriesUntilPaid == 0) {
            pay(now);
        }
    }

    String buyerPayAmount() {
        return paid() ? totalAmount.toPlainString() : "0.00";
    }

    AlipaySimulatorTrade snapshot() {
        List<AlipaySimulatorTrade.Refund> refundList = new ArrayList<>();
        refunds.forEach((key, entry) -> refundList.add(new AlipaySimulatorTrade.Refund(key, entry.amount, entry.requests)));
        return new AlipaySimulatorTrade(outTradeNo, tradeNo, method, status, totalAmount, subject, charges, reversed,
                refundedAmount, refundList, queries, notifyUrl);
    }
}
