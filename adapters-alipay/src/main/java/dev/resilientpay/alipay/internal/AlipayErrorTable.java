package dev.resilientpay.alipay.internal;

import dev.resilientpay.FailureReason;
import java.util.List;
import java.util.Objects;

/**
 * Every Alipay {@code code} / {@code sub_code} of the protocol notes, mapped in one table onto a
 * {@link FailureReason} and what the answer proves ({@link Effect}). Lookup order: exact sub-code,
 * sub-code prefix (rows ending in {@code *}), the code alone. A failure that matches nothing is
 * {@link FailureReason#PROVIDER_ERROR} with the raw codes kept by the caller: a definite failure for
 * a business answer ({@code 40004}), in doubt for a code this table has never seen.
 *
 * <p>Operation-specific readings that are not failures ({@code ACQ.TRADE_NOT_EXIST} answering a query,
 * {@code retry_flag=Y} on a cancel) are decided by the operations before the table is consulted.
 */
public final class AlipayErrorTable {

    /** What an answer proves about the request's effect. */
    public enum Effect {
        /** Definitely refused; nothing changed. */
        REJECTED,
        /** May have been processed, or "already done": the pipeline must query. */
        UNKNOWN,
        /** Accepted and still in progress (payer confirming): poll. */
        PENDING
    }

    /**
     * One row.
     *
     * @param code    the gateway {@code code}
     * @param subCode the {@code sub_code}, a prefix ending in {@code *}, or {@code null} for the code alone
     * @param reason  the provider-neutral reason
     * @param effect  what the answer proves
     */
    public record Row(String code, String subCode, FailureReason reason, Effect effect) {
        /** Validates the row. */
        public Row {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(effect, "effect");
        }

        boolean matches(String c, String sub) {
            if (!code.equals(c)) {
                return false;
            }
            if (subCode == null) {
                return true;
            }
            if (sub == null) {
                return false;
            }
            return subCode.endsWith("*") ? sub.startsWith(subCode.substring(0, subCode.length() - 1)) : subCode.equals(sub);
        }
    }

    private static final FailureReason INVALID = FailureReason.INVALID_REQUEST;

    /** Exact sub-codes first, then prefixes, then codes: the first match wins. */
    private static final List<Row> ROWS = List.of(
            // 10003: the payer is confirming (trade.pay) — poll, never a success or a failure
            row("10003", null, FailureReason.PROVIDER_UNAVAILABLE, Effect.PENDING),

            // 20000: service unavailable — the request may have been processed
            row("20000", "isp.unknow-error", FailureReason.PROVIDER_UNAVAILABLE, Effect.UNKNOWN),
            row("20000", "aop.unknow-error", FailureReason.PROVIDER_UNAVAILABLE, Effect.UNKNOWN),
            // 20001: authorisation
            row("20001", "aop.invalid-auth-token", FailureReason.AUTHENTICATION_FAILED, Effect.REJECTED),
            row("20001", "aop.invalid-app-auth-token", FailureReason.AUTHENTICATION_FAILED, Effect.REJECTED),
            // 40001: missing parameter
            row("40001", "isv.missing-*", INVALID, Effect.REJECTED),
            // 40002: invalid parameter
            row("40002", "isv.invalid-signature", FailureReason.AUTHENTICATION_FAILED, Effect.REJECTED),
            row("40002", "isv.invalid-app-id", FailureReason.AUTHENTICATION_FAILED, Effect.REJECTED),
            row("40002", "isv.invalid-timestamp", INVALID, Effect.REJECTED),
            // 40006: insufficient permissions
            row("40006", "isv.insufficient-isv-permissions", FailureReason.PERMISSION_DENIED, Effect.REJECTED),

            // 40004 business failures: pay / create / precreate
            row("40004", "ACQ.SYSTEM_ERROR", FailureReason.PROVIDER_UNAVAILABLE, Effect.UNKNOWN),
            row("40004", "AQC.SYSTEM_ERROR", FailureReason.PROVIDER_UNAVAILABLE, Effect.UNKNOWN),
            row("40004", "ACQ.TRADE_HAS_SUCCESS", FailureReason.ORDER_ALREADY_PAID, Effect.UNKNOWN),
            row("40004", "ACQ.TRADE_HAS_CLOSE", FailureReason.ORDER_CLOSED, Effect.REJECTED),
            row("40004", "ACQ.CONTEXT_INCONSISTENT", FailureReason.IDEMPOTENCY_CONFLICT, Effect.REJECTED),
            row("40004", "ACQ.TRADE_BUYER_NOT_MATCH", FailureReason.IDEMPOTENCY_CONFLICT, Effect.REJECTED),
            row("40004", "ACQ.PAYMENT_AUTH_CODE_INVALID", FailureReason.PAYMENT_CODE_INVALID, Effect.REJECTED),
            row("40004", "ACQ.BUYER_BALANCE_NOT_ENOUGH", FailureReason.INSUFFICIENT_FUNDS, Effect.REJECTED),
            row("40004", "ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH", FailureReason.INSUFFICIENT_FUNDS, Effect.REJECTED),
            row("40004", "ACQ.PAYMENT_FAIL", FailureReason.PAYMENT_DECLINED, Effect.REJECTED),
            row("40004", "ACQ.INVALID_PARAMETER", INVALID, Effect.REJECTED),
            row("40004", "ACQ.TOTAL_FEE_EXCEED", INVALID, Effect.REJECTED),
            row("40004", "ACQ.ACCESS_FORBIDDEN", FailureReason.PERMISSION_DENIED, Effect.REJECTED),
            row("40004", "ACQ.PARTNER_ERROR", FailureReason.PERMISSION_DENIED, Effect.REJECTED),
            row("40004", "ACQ.EXIST_FORBIDDEN_WORD", INVALID, Effect.REJECTED),
            row("40004", "ACQ.BUYER_SELLER_EQUAL", INVALID, Effect.REJECTED),
            row("40004", "ACQ.SELLER_BEEN_BLOCKED", FailureReason.PERMISSION_DENIED, Effect.REJECTED),
            // query / close / refund
            row("40004", "ACQ.TRADE_NOT_EXIST", FailureReason.ORDER_NOT_FOUND, Effect.REJECTED),
            row("40004", "ACQ.TRADE_STATUS_ERROR", INVALID, Effect.REJECTED),
            // cancel
            row("40004", "ACQ.TRADE_CANCEL_TIME_OUT", INVALID, Effect.REJECTED),
            row("40004", "ACQ.SELLER_BALANCE_NOT_ENOUGH", FailureReason.MERCHANT_BALANCE_INSUFFICIENT, Effect.REJECTED),
            row("40004", "ACQ.REASON_TRADE_BEEN_FREEZEN", FailureReason.REFUND_NOT_ALLOWED, Effect.REJECTED),
            row("40004", "ACQ.CANCEL_NOT_ALLOWED", INVALID, Effect.REJECTED),
            row("40004", "ACQ.TRADE_HAS_FINISHED", FailureReason.REFUND_NOT_ALLOWED, Effect.REJECTED),
            // refund
            row("40004", "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", FailureReason.REFUND_AMOUNT_EXCEEDED, Effect.REJECTED),
            row("40004", "ACQ.DISCORDANT_REPEAT_REQUEST", FailureReason.IDEMPOTENCY_CONFLICT, Effect.REJECTED),
            row("40004", "ACQ.TRADE_NOT_ALLOW_REFUND", FailureReason.REFUND_NOT_ALLOWED, Effect.REJECTED),
            row("40004", "ACQ.NOT_ALLOW_PARTIAL_REFUND", FailureReason.REFUND_NOT_ALLOWED, Effect.REJECTED),

            // prefixes
            row("40004", "ACQ.BEYOND_*", FailureReason.PAYER_ACCOUNT_RESTRICTED, Effect.REJECTED),

            // codes alone
            row("20000", null, FailureReason.PROVIDER_UNAVAILABLE, Effect.UNKNOWN),
            row("20001", null, FailureReason.AUTHENTICATION_FAILED, Effect.REJECTED),
            row("40001", null, INVALID, Effect.REJECTED),
            row("40002", null, INVALID, Effect.REJECTED),
            row("40003", null, FailureReason.PERMISSION_DENIED, Effect.REJECTED),
            row("40004", null, FailureReason.PROVIDER_ERROR, Effect.REJECTED),
            row("40006", null, FailureReason.PERMISSION_DENIED, Effect.REJECTED));

    private static final Row UNMAPPED = new Row("*", null, FailureReason.PROVIDER_ERROR, Effect.UNKNOWN);

    private AlipayErrorTable() {}

    /** The rows, in lookup order. */
    public static List<Row> rows() {
        return ROWS;
    }

    /**
     * The row for a failure answer; an unknown code gives {@link FailureReason#PROVIDER_ERROR} in
     * doubt (a code never seen proves nothing about the money).
     */
    public static Row lookup(String code, String subCode) {
        String sub = subCode == null || subCode.isBlank() ? null : subCode;
        for (Row r : ROWS) {
            if (r.matches(code, sub)) {
                return r;
            }
        }
        return UNMAPPED;
    }

    private static Row row(String code, String subCode, FailureReason reason, Effect effect) {
        return new Row(code, subCode, reason, effect);
    }
}
