package dev.resilientpay.testkit.internal.wechat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resilientpay.testkit.WechatPaySimulatorOrder;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One order's mutable state; guarded by the {@link OrderBook}'s lock. */
final class OrderRecord {

    final String outTradeNo;
    final String tradeType;
    /** The request body as first received: a re-sent request must carry equal parameters. */
    final ObjectNode parameters;
    final long total;
    final String currency;
    final String attach;
    final String credential;
    String tradeState;
    String transactionId;
    String openId;
    Instant successTime;
    int charges;
    long returnedToPayer;
    WechatPaySimulatorPayer payer;
    int queriesSincePayerScripted;
    Answer failure;
    String failureMessage;
    final List<RefundRecord> refunds = new ArrayList<>();

    OrderRecord(String outTradeNo, String tradeType, ObjectNode parameters, long total, String currency,
                String attach, String credential, String tradeState) {
        this.outTradeNo = outTradeNo;
        this.tradeType = tradeType;
        this.parameters = parameters;
        this.total = total;
        this.currency = currency;
        this.attach = attach;
        this.credential = credential;
        this.tradeState = tradeState;
    }

    boolean paidAndNotReversed() {
        return "SUCCESS".equals(tradeState) || "REFUND".equals(tradeState);
    }

    boolean awaitingPayer() {
        return "NOTPAY".equals(tradeState) || "USERPAYING".equals(tradeState);
    }

    WechatPaySimulatorOrder snapshot() {
        return new WechatPaySimulatorOrder(outTradeNo, tradeType, tradeState, total, transactionId, credential,
                charges, returnedToPayer, refunds.stream().map(RefundRecord::snapshot).toList());
    }
}
