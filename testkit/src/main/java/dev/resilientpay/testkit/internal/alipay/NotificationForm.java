package dev.resilientpay.testkit.internal.alipay;

import dev.resilientpay.testkit.internal.crypto.Sha256WithRsa;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code trade_status_sync} notification of one trade, signed as Alipay signs it: every field but
 * {@code sign} and {@code sign_type}, blanks dropped, sorted, raw {@code k=v&...}, RSA2 with the
 * gateway key; sent as a percent-encoded UTF-8 form. A redelivery of the same trade state carries
 * the same {@code notify_id}, so receivers can recognise duplicates.
 */
public final class NotificationForm {

    private static final Set<String> NOT_SIGNED = Set.of("sign", "sign_type");
    private static final AtomicLong NOTIFY_SEQUENCE = new AtomicLong();

    private final GatewaySettings settings;
    private final TradeBook book;

    /** Notifications for the trades of {@code book}. */
    public NotificationForm(GatewaySettings settings, TradeBook book) {
        this.settings = settings;
        this.book = book;
    }

    /**
     * The form body notifying the current state of {@code outTradeNo}.
     *
     * @throws IllegalStateException when the order has no trade
     */
    public String body(String outTradeNo) {
        Map<String, String> fields = book.locked(b -> fields(b, outTradeNo));
        fields.put("sign", Sha256WithRsa.sign(settings.gatewayPrivateKey(), CanonicalContent.of(fields, NOT_SIGNED)));
        StringBuilder body = new StringBuilder(1024);
        fields.forEach((key, value) -> {
            if (body.length() > 0) {
                body.append('&');
            }
            body.append(URLEncoder.encode(key, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        });
        return body.toString();
    }

    /** The notify_url the order was created with, or the empty string. */
    public String notifyUrl(String outTradeNo) {
        return book.locked(b -> {
            SimulatedTrade trade = b.find(outTradeNo, "");
            return trade == null ? "" : trade.notifyUrl;
        });
    }

    private Map<String, String> fields(TradeBook b, String outTradeNo) {
        SimulatedTrade trade = b.find(outTradeNo, "");
        if (trade == null) {
            throw new IllegalStateException("no trade for order " + outTradeNo);
        }
        String state = trade.status + "/" + trade.refundedAmount.toPlainString() + "/" + trade.reversed;
        String notifyId = trade.notifyIds.computeIfAbsent(state,
                s -> trade.tradeNo.substring(0, 8) + "00222" + String.format("%025d", NOTIFY_SEQUENCE.incrementAndGet()));
        String paidAmount = trade.charges > 0 ? trade.totalAmount.toPlainString() : "0.00";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("gmt_create", trade.createdAt);
        fields.put("charset", "utf-8");
        fields.put("gmt_payment", trade.paidAt);
        fields.put("notify_time", settings.now());
        fields.put("subject", trade.subject);
        fields.put("buyer_id", trade.buyerId);
        fields.put("invoice_amount", paidAmount);
        fields.put("version", "1.0");
        fields.put("notify_id", notifyId);
        fields.put("notify_type", "trade_status_sync");
        fields.put("out_trade_no", trade.outTradeNo);
        fields.put("total_amount", trade.totalAmount.toPlainString());
        fields.put("trade_status", trade.status);
        fields.put("trade_no", trade.tradeNo);
        fields.put("auth_app_id", settings.appId());
        fields.put("receipt_amount", paidAmount);
        fields.put("point_amount", "0.00");
        fields.put("buyer_pay_amount", paidAmount);
        fields.put("app_id", settings.appId());
        fields.put("sign_type", "RSA2");
        fields.put("seller_id", GatewaySettings.SELLER_ID);
        if (trade.charges > 0) {
            fields.put("fund_bill_list", "[{\"amount\":\"" + paidAmount + "\",\"fundChannel\":\"ALIPAYACCOUNT\"}]");
        }
        if (trade.refundedAmount.signum() > 0) {
            fields.put("refund_fee", trade.refundedAmount.toPlainString());
            fields.put("gmt_refund", trade.refunds.values().stream().reduce((a, z) -> z).orElseThrow().acceptedAt);
            fields.put("out_biz_no", trade.refunds.keySet().stream().reduce((a, z) -> z).orElseThrow());
        }
        if (!trade.closedAt.isEmpty()) {
            fields.put("gmt_close", trade.closedAt);
        }
        fields.values().removeIf(String::isEmpty);
        return fields;
    }
}
