package dev.resilientpay.wechat.internal;

import dev.resilientpay.Money;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Translates WeChat Pay transactions and refunds into provider-neutral statuses. A state this
 * library does not know becomes {@code UNKNOWN} with the raw text kept, never {@code null}.
 */
public final class WechatStatuses {

    private WechatStatuses() {}

    /** A {@code trade_state} as a {@link TradeState}. */
    public static TradeState tradeState(String raw) {
        if (raw == null) {
            return TradeState.UNKNOWN;
        }
        return switch (raw) {
            case "SUCCESS" -> TradeState.PAID;
            case "REFUND" -> TradeState.REFUNDED;
            case "NOTPAY" -> TradeState.AWAITING_PAYMENT;
            case "USERPAYING", "ACCEPT" -> TradeState.PROCESSING;
            case "CLOSED", "REVOKED" -> TradeState.CLOSED;
            case "PAYERROR" -> TradeState.FAILED;
            default -> TradeState.UNKNOWN;
        };
    }

    /** A refund {@code status} / {@code refund_status} as a {@link RefundState}. */
    public static RefundState refundState(String raw) {
        if (raw == null) {
            return RefundState.UNKNOWN;
        }
        return switch (raw) {
            case "SUCCESS" -> RefundState.SUCCEEDED;
            case "PROCESSING" -> RefundState.PROCESSING;
            case "CLOSED" -> RefundState.CLOSED;
            case "ABNORMAL" -> RefundState.ABNORMAL;
            default -> RefundState.UNKNOWN;
        };
    }

    /** A transaction as a {@link TradeStatus}; {@code orderId} stands in when the answer lacks one. */
    public static TradeStatus tradeStatus(WechatJson.Transaction t, String orderId) {
        String id = t.outTradeNo() != null ? t.outTradeNo() : orderId;
        WechatJson.Amount amount = t.amount();
        return new TradeStatus(id, tradeState(t.tradeState()), t.transactionId(),
                amount == null ? null : money(amount.total(), amount.currency()),
                time(t.successTime()), t.tradeState());
    }

    /** A refund as a {@link RefundStatus}; the ids stand in when the answer lacks them. */
    public static RefundStatus refundStatus(WechatJson.Refund r, String orderId, String refundId) {
        String raw = r.status() != null ? r.status() : r.refundStatus();
        WechatJson.Amount amount = r.amount();
        return new RefundStatus(
                r.outTradeNo() != null ? r.outTradeNo() : orderId,
                r.outRefundNo() != null ? r.outRefundNo() : refundId,
                r.refundId(),
                amount == null ? null : money(amount.refund(), amount.currency()),
                refundState(raw),
                time(r.successTime()),
                raw);
    }

    /** Fen and currency (CNY when absent) as {@link Money}, or {@code null} when unusable. */
    public static Money money(Long fen, String currency) {
        if (fen == null || fen <= 0) {
            return null;
        }
        try {
            return Money.ofMinor(fen, currency == null || currency.isBlank() ? "CNY" : currency);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An RFC 3339 time, or {@code null} when absent or unreadable. */
    public static Instant time(String rfc3339) {
        if (rfc3339 == null || rfc3339.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
