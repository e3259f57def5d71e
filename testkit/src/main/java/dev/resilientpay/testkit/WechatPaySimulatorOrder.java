package dev.resilientpay.testkit;

import java.util.List;

/**
 * A snapshot of one order the simulator holds: what the payer was charged and what went back.
 *
 * @param outTradeNo        the merchant's order number
 * @param tradeType         {@code NATIVE}, {@code JSAPI}, {@code APP}, {@code MWEB} (H5) or {@code MICROPAY} (codepay)
 * @param tradeState        {@code NOTPAY}, {@code USERPAYING}, {@code SUCCESS}, {@code REFUND}, {@code CLOSED},
 *                          {@code REVOKED} or {@code PAYERROR}
 * @param total             order amount in fen
 * @param transactionId     WeChat's transaction id, or {@code null} before one exists
 * @param credential        {@code code_url}, {@code prepay_id} or {@code h5_url} handed out, or {@code null} (codepay)
 * @param charges           how many times the payer was charged for this order (0 or 1 in a correct gateway)
 * @param returnedToPayer   fen returned by successful refunds and by a reverse of a paid order
 * @param refunds           the order's refunds, oldest first
 */
public record WechatPaySimulatorOrder(String outTradeNo, String tradeType, String tradeState, long total,
                                      String transactionId, String credential, int charges,
                                      long returnedToPayer, List<WechatPaySimulatorRefund> refunds) {

    /**
     * Copies the list.
     *
     * @param charges how many times the payer was charged for this order (0 or 1 in a correct gateway)
     * @param credential {@code code_url}, {@code prepay_id} or {@code h5_url} handed out, or {@code null} (codepay)
     * @param outTradeNo the merchant's order number
     * @param refunds the order's refunds, oldest first
     * @param returnedToPayer fen returned by successful refunds and by a reverse of a paid order
     * @param total order amount in fen
     * @param tradeState the {@code trade_state}, e.g. {@code NOTPAY} or {@code SUCCESS}
     * @param tradeType {@code NATIVE}, {@code JSAPI}, {@code APP}, {@code MWEB} (H5) or {@code MICROPAY} (codepay)
     * @param transactionId WeChat's transaction id, or {@code null} before one exists
     */
    public WechatPaySimulatorOrder {
        refunds = List.copyOf(refunds);
    }

    /** {@return the merchant order id ({@link #outTradeNo()}), as {@link AlipaySimulatorTrade#orderId()}} */
    public String orderId() {
        return outTradeNo;
    }

    /** {@return what the payer is out of pocket for this order, in fen} */
    public long netCharged() {
        return charges * total - returnedToPayer;
    }

    /** {@return whether the payer was charged (whatever happened afterwards)} */
    public boolean isPaid() {
        return charges > 0;
    }
}
