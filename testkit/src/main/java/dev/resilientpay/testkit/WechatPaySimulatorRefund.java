package dev.resilientpay.testkit;

/**
 * A snapshot of one refund the simulator holds.
 *
 * @param outRefundNo the merchant's refund number
 * @param refundId    WeChat's refund id
 * @param outTradeNo  the refunded order
 * @param amount      refund amount in fen
 * @param status      {@code PROCESSING}, {@code SUCCESS}, {@code CLOSED} or {@code ABNORMAL}
 */
public record WechatPaySimulatorRefund(String outRefundNo, String refundId, String outTradeNo, long amount,
                                       String status) {}
