package dev.resilientpay.testkit.internal.wechat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resilientpay.testkit.WechatPaySimulatorRefund;
import dev.resilientpay.testkit.WechatPaySimulatorRefundScript;
import java.time.Instant;

/** One refund's mutable state; guarded by the {@link OrderBook}'s lock. */
final class RefundRecord {

    final String outRefundNo;
    final String refundId;
    final OrderRecord order;
    final long amount;
    /** The request body as first received, to recognise a retry. */
    final ObjectNode parameters;
    final Instant createTime;
    final WechatPaySimulatorRefundScript script;
    String status;
    Instant successTime;
    int queries;

    RefundRecord(String outRefundNo, String refundId, OrderRecord order, long amount, ObjectNode parameters,
                 Instant createTime, WechatPaySimulatorRefundScript script) {
        this.outRefundNo = outRefundNo;
        this.refundId = refundId;
        this.order = order;
        this.amount = amount;
        this.parameters = parameters;
        this.createTime = createTime;
        this.script = script;
        this.status = "PROCESSING";
    }

    WechatPaySimulatorRefund snapshot() {
        return new WechatPaySimulatorRefund(outRefundNo, refundId, order.outTradeNo, amount, status);
    }
}
