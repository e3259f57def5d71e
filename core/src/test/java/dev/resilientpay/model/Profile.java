package dev.resilientpay.model;

/**
 * Where the two gateways the model imitates differ in ways that matter to the pipeline.
 *
 * <ul>
 *   <li>Cancel of an order the gateway never created: Alipay's {@code alipay.trade.cancel} closes the
 *       order number (answers success, action {@code close}); WeChat's reverse answers
 *       {@code 404 ORDER_NOT_EXIST}.</li>
 *   <li>Re-send of a payment code for an existing order: Alipay refuses the consumed code
 *       ({@code ACQ.PAYMENT_AUTH_CODE_INVALID}); WeChat refuses the used order number
 *       ({@code OUT_TRADE_NO_USED}).</li>
 *   <li>A payer who is confirming: Alipay's query says {@code WAIT_BUYER_PAY}, WeChat's
 *       {@code USERPAYING}.</li>
 *   <li>Refund ids: unique per order (Alipay {@code out_request_no}) or per merchant (WeChat
 *       {@code out_refund_no}).</li>
 * </ul>
 */
enum Profile {
    ALIPAY("alipay", false),
    WECHAT("wechat", true);

    final String providerName;
    final boolean refundIdsPerMerchant;

    Profile(String providerName, boolean refundIdsPerMerchant) {
        this.providerName = providerName;
        this.refundIdsPerMerchant = refundIdsPerMerchant;
    }
}
