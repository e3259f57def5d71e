package dev.resilientpay.alipay;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.alipay.internal.AlipayGateway;
import dev.resilientpay.alipay.internal.AlipayNotificationVerifier;
import dev.resilientpay.alipay.internal.AlipayOperations;
import dev.resilientpay.alipay.internal.AlipayRules;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.PaymentProvider;
import java.util.Objects;

/**
 * Alipay as a resilient-pay {@link PaymentProvider}: each call makes one signed gateway request
 * (none for page, wap and app pay, which only sign) and classifies what came back; retries,
 * polling and cancelling are the pipeline's. Thread-safe; one instance per Alipay app.
 *
 * <table>
 *   <caption>Operations</caption>
 *   <tr><th>call</th><th>Alipay method</th></tr>
 *   <tr><td>pay, payment code</td><td>alipay.trade.pay (bar_code)</td></tr>
 *   <tr><td>pay, QR code</td><td>alipay.trade.precreate</td></tr>
 *   <tr><td>pay, in app</td><td>alipay.trade.create (buyer_id / buyer_open_id)</td></tr>
 *   <tr><td>pay, web desktop / mobile</td><td>alipay.trade.page.pay / wap.pay (signed URL)</td></tr>
 *   <tr><td>pay, app</td><td>alipay.trade.app.pay (signed order string)</td></tr>
 *   <tr><td>query / close / cancel</td><td>alipay.trade.query / close / cancel</td></tr>
 *   <tr><td>refund / queryRefund</td><td>alipay.trade.refund / fastpay.refund.query</td></tr>
 * </table>
 */
public final class AlipayProvider implements PaymentProvider {

    private final AlipayConfig config;
    private final AlipayGateway gateway;
    private final AlipayOperations operations;
    private final AlipayNotificationVerifier notifications;

    private AlipayProvider(AlipayConfig config) {
        this.config = config;
        this.gateway = new AlipayGateway(config.settings());
        this.operations = new AlipayOperations(gateway);
        this.notifications = new AlipayNotificationVerifier(config.appId(), config.sellerId(),
                config.settings().clock(), gateway::trustedKeys);
    }

    /**
     * A provider for {@code config} (whose keys are already parsed).
     *
     * @param config the configuration, keys already parsed
     * @return a provider for {@code config} (whose keys are already parsed)
     */
    public static AlipayProvider create(AlipayConfig config) {
        return new AlipayProvider(Objects.requireNonNull(config, "config must not be null"));
    }

    /** {@code alipay}. */
    @Override
    public String name() {
        return "alipay";
    }

    /** The Alipay app id: namespaces this merchant's ledger keys. */
    @Override
    public String merchantId() {
        return config.appId();
    }

    /**
     * Alipay's rules: CNY only, 0.01 to 100000000.00, {@code out_trade_no} of letters, digits and
     * underscores, no {@code / = &} in the subject, expiry within 15 days, payment code format.
     */
    @Override
    public void validate(PaymentRequest request) {
        AlipayRules.validate(request, gateway.now());
    }

    /** Alipay's refund rules: CNY, amount range, {@code out_trade_no} and {@code out_request_no} formats. */
    @Override
    public void validate(RefundRequest request) {
        AlipayRules.validate(request);
    }

    /** One payment attempt with the Alipay product of the request's method. */
    @Override
    public Attempt<PaymentOutcome> pay(PaymentRequest request, AttemptContext context) {
        return operations.pay(request, context);
    }

    /** One {@code alipay.trade.query}. */
    @Override
    public Attempt<TradeStatus> query(String orderId, AttemptContext context) {
        return operations.query(orderId, context);
    }

    /** One {@code alipay.trade.close}. */
    @Override
    public Attempt<CloseOutcome.Closed> close(String orderId, AttemptContext context) {
        return operations.close(orderId, context);
    }

    /** One {@code alipay.trade.cancel}. */
    @Override
    public Attempt<CloseOutcome.Closed> cancel(String orderId, AttemptContext context) {
        return operations.cancel(orderId, context);
    }

    /** One {@code alipay.trade.refund} with {@code out_request_no} = the refund id. */
    @Override
    public Attempt<RefundStatus> refund(RefundRequest request, AttemptContext context) {
        return operations.refund(request, context);
    }

    /** One {@code alipay.trade.fastpay.refund.query}. */
    @Override
    public Attempt<RefundStatus> queryRefund(String orderId, String refundId, AttemptContext context) {
        return operations.queryRefund(orderId, refundId, context);
    }

    /**
     * This app's trade bills, for reconciliation ({@code alipay.data.dataservice.bill.downloadurl.query}).
     *
     * @return the bill source (downloads go to the system temp directory)
     */
    public AlipayBills bills() {
        return new AlipayBills(gateway, null);
    }

    /** Verifies Alipay's form notifications and gives the exact {@code success} reply. */
    @Override
    public NotificationVerifier notifications() {
        return notifications;
    }

    @Override
    public String toString() {
        return "AlipayProvider[" + config + "]";
    }
}
