package dev.resilientpay.testkit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * A snapshot of one simulated trade, for assertions and reconciliation.
 *
 * @param outTradeNo     the merchant's order id
 * @param tradeNo        the simulator's trade number
 * @param method         the method that created the trade ({@code alipay.trade.pay}, {@code .precreate}, {@code .create})
 * @param status         {@code WAIT_BUYER_PAY}, {@code TRADE_SUCCESS}, {@code TRADE_CLOSED} or {@code TRADE_FINISHED}
 * @param totalAmount    the order amount in yuan
 * @param subject        the order subject
 * @param charges        how many times the payer was charged for this trade (0 or 1: Alipay never charges a trade twice)
 * @param reversed       whether a cancel gave a charged payment back ({@code action=refund})
 * @param refundedAmount the sum of accepted refunds
 * @param refunds        the accepted refunds in order
 * @param queries        how many {@code alipay.trade.query} requests found this trade
 * @param notifyUrl      the {@code notify_url} given when the trade was created, or the empty string
 */
public record AlipaySimulatorTrade(String outTradeNo, String tradeNo, String method, String status,
                                   BigDecimal totalAmount, String subject, int charges, boolean reversed,
                                   BigDecimal refundedAmount, List<Refund> refunds, int queries, String notifyUrl) {

    /**
     * One accepted refund.
     *
     * @param outRequestNo the refund's idempotency key
     * @param amount       the refunded amount
     * @param requests     how many refund requests with this key reached the gateway and were answered
     */
    public record Refund(String outRequestNo, BigDecimal amount, int requests) {
        /**
         * Validates.
         *
         * @param amount the refunded amount
         * @param outRequestNo the refund's idempotency key
         * @param requests how many refund requests with this key reached the gateway and were answered
         */
        public Refund {
            Objects.requireNonNull(outRequestNo, "outRequestNo");
            Objects.requireNonNull(amount, "amount");
        }
    }

    /**
     * Copies the refunds.
     *
     * @param charges how many times the payer was charged for this trade (0 or 1: Alipay never charges a trade twice)
     * @param method the method that created the trade ({@code alipay.trade.pay}, {@code .precreate}, {@code .create})
     * @param notifyUrl the {@code notify_url} given when the trade was created, or the empty string
     * @param outTradeNo the merchant's order id
     * @param queries how many {@code alipay.trade.query} requests found this trade
     * @param refundedAmount the sum of accepted refunds
     * @param refunds the accepted refunds in order
     * @param reversed whether a cancel gave a charged payment back ({@code action=refund})
     * @param status {@code WAIT_BUYER_PAY}, {@code TRADE_SUCCESS}, {@code TRADE_CLOSED} or {@code TRADE_FINISHED}
     * @param subject the order subject
     * @param totalAmount the order amount in yuan
     * @param tradeNo the simulator's trade number
     */
    public AlipaySimulatorTrade {
        refunds = List.copyOf(refunds);
    }

    /** {@return the merchant order id ({@link #outTradeNo()}), as {@link WechatPaySimulatorOrder#orderId()}} */
    public String orderId() {
        return outTradeNo;
    }

    /** {@return whether the trade is in a paid state ({@code TRADE_SUCCESS} or {@code TRADE_FINISHED})} */
    public boolean paid() {
        return "TRADE_SUCCESS".equals(status) || "TRADE_FINISHED".equals(status);
    }

    /** {@return the money the merchant keeps: charged amount minus refunds and reversals} */
    public BigDecimal netAmount() {
        if (charges == 0 || reversed) {
            return BigDecimal.ZERO.setScale(2);
        }
        return totalAmount.multiply(BigDecimal.valueOf(charges)).subtract(refundedAmount);
    }
}
