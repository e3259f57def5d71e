package dev.resilientpay.wechat.internal;

import static dev.resilientpay.Classification.DEFINITE;
import static dev.resilientpay.Classification.NOT_SENT;
import static dev.resilientpay.Classification.PENDING;
import static dev.resilientpay.Classification.UNKNOWN;

import dev.resilientpay.Classification;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Operation;
import java.util.List;
import java.util.Set;

/**
 * The one table from a WeChat Pay error answer (HTTP status + {@code code}) to a provider-neutral
 * {@link FailureReason} and what it proves ({@link Classification}). Rows may be limited to some
 * operations (NOT_ENOUGH is the payer's balance when paying, the merchant's when refunding; "already
 * paid" means "probably paid, query" for a payment but a definite refusal for a close).
 *
 * <p>Lookup order: operation + status + code, then status + code, then the code under any status,
 * then the status alone (429 rate limited, 5xx unknown); anything else is
 * {@link FailureReason#PROVIDER_ERROR}, definite, with the raw code kept by the caller.
 */
public final class WechatErrorTable {

    /**
     * What an error answer means.
     *
     * @param reason         the provider-neutral reason ({@code null} only for {@code PENDING})
     * @param classification what the answer proves about the request's effect
     */
    public record Meaning(FailureReason reason, Classification classification) {}

    /**
     * One row.
     *
     * @param scope  the operations the row is limited to; empty for all
     * @param status the HTTP status WeChat Pay documents for the code
     * @param code   the {@code code} field
     * @param reason the provider-neutral reason
     * @param classification what it proves
     */
    public record Row(Set<Operation> scope, int status, String code, FailureReason reason,
            Classification classification) {}

    private static final Set<Operation> PAYING = Set.of(Operation.CREATE_ORDER, Operation.PAY_BY_CODE);
    private static final Set<Operation> REFUNDING = Set.of(Operation.REFUND);

    private static final List<Row> ROWS = List.of(
            row(202, "USERPAYING", null, PENDING),
            row(202, "USER_PAYING", null, PENDING),
            row(400, "PARAM_ERROR", FailureReason.INVALID_REQUEST, DEFINITE),
            row(400, "INVALID_REQUEST", FailureReason.INVALID_REQUEST, DEFINITE),
            row(400, "APPID_MCHID_NOT_MATCH", FailureReason.AUTHENTICATION_FAILED, DEFINITE),
            row(400, "MCH_NOT_EXISTS", FailureReason.AUTHENTICATION_FAILED, DEFINITE),
            row(400, "ORDER_CLOSED", FailureReason.ORDER_CLOSED, DEFINITE),
            row(400, "AUTH_CODE_ERROR", FailureReason.PAYMENT_CODE_INVALID, DEFINITE),
            row(400, "AUTH_CODE_INVALID", FailureReason.PAYMENT_CODE_INVALID, DEFINITE),
            row(400, "AUTHCODEEXPIRE", FailureReason.PAYMENT_CODE_INVALID, DEFINITE),
            row(401, "SIGN_ERROR", FailureReason.AUTHENTICATION_FAILED, DEFINITE),
            row(403, "NO_AUTH", FailureReason.PERMISSION_DENIED, DEFINITE),
            row(403, "ACCOUNT_ERROR", FailureReason.PAYER_ACCOUNT_RESTRICTED, DEFINITE),
            row(REFUNDING, 403, "NOT_ENOUGH", FailureReason.MERCHANT_BALANCE_INSUFFICIENT, DEFINITE),
            row(REFUNDING, 403, "NOTENOUGH", FailureReason.MERCHANT_BALANCE_INSUFFICIENT, DEFINITE),
            row(403, "NOT_ENOUGH", FailureReason.INSUFFICIENT_FUNDS, DEFINITE),
            row(403, "NOTENOUGH", FailureReason.INSUFFICIENT_FUNDS, DEFINITE),
            row(403, "OUT_TRADE_NO_USED", FailureReason.IDEMPOTENCY_CONFLICT, DEFINITE),
            row(403, "RULE_LIMIT", FailureReason.PAYMENT_DECLINED, DEFINITE),
            row(403, "TRADE_ERROR", FailureReason.PAYMENT_DECLINED, DEFINITE),
            row(403, "USER_ACCOUNT_ABNORMAL", FailureReason.REFUND_NOT_ALLOWED, DEFINITE),
            row(PAYING, 400, "ORDERPAID", FailureReason.ORDER_ALREADY_PAID, UNKNOWN),
            row(PAYING, 400, "ORDER_PAID", FailureReason.ORDER_ALREADY_PAID, UNKNOWN),
            row(400, "ORDERPAID", FailureReason.ORDER_ALREADY_PAID, DEFINITE),
            row(400, "ORDER_PAID", FailureReason.ORDER_ALREADY_PAID, DEFINITE),
            row(404, "ORDER_NOT_EXIST", FailureReason.ORDER_NOT_FOUND, DEFINITE),
            row(404, "RESOURCE_NOT_EXISTS", FailureReason.ORDER_NOT_FOUND, DEFINITE),
            row(429, "FREQUENCY_LIMITED", FailureReason.RATE_LIMITED, NOT_SENT),
            row(429, "RATELIMIT_EXCEEDED", FailureReason.RATE_LIMITED, NOT_SENT),
            row(500, "SYSTEM_ERROR", FailureReason.PROVIDER_UNAVAILABLE, UNKNOWN),
            row(500, "BANK_ERROR", FailureReason.PROVIDER_UNAVAILABLE, UNKNOWN),
            row(502, "SERVICE_UNAVAILABLE", FailureReason.PROVIDER_UNAVAILABLE, UNKNOWN),
            row(503, "SERVICE_UNAVAILABLE", FailureReason.PROVIDER_UNAVAILABLE, UNKNOWN));

    private WechatErrorTable() {}

    private static Row row(int status, String code, FailureReason reason, Classification c) {
        return new Row(Set.of(), status, code, reason, c);
    }

    private static Row row(Set<Operation> scope, int status, String code, FailureReason reason, Classification c) {
        return new Row(scope, status, code, reason, c);
    }

    /** Every row, in lookup priority order. */
    public static List<Row> rows() {
        return ROWS;
    }

    /**
     * What an error answer means for {@code operation}.
     *
     * @param code the {@code code} field, or {@code null} when the body had none (HTML, empty)
     */
    public static Meaning lookup(Operation operation, int status, String code) {
        if (code != null) {
            Row match = find(operation, status, code, true);
            if (match == null) {
                match = find(operation, status, code, false);
            }
            if (match != null) {
                return new Meaning(match.reason(), match.classification());
            }
        }
        if (status == 429) {
            return new Meaning(FailureReason.RATE_LIMITED, NOT_SENT);
        }
        if (status >= 500 || status < 200 || (status >= 300 && status < 400)) {
            return new Meaning(FailureReason.PROVIDER_UNAVAILABLE, UNKNOWN);
        }
        if (code == null) {
            // A 4xx without a readable code says nothing definite about the request's effect.
            return new Meaning(FailureReason.PROVIDER_ERROR, UNKNOWN);
        }
        return new Meaning(FailureReason.PROVIDER_ERROR, DEFINITE);
    }

    private static Row find(Operation operation, int status, String code, boolean sameStatus) {
        Row general = null;
        for (Row row : ROWS) {
            if (!row.code().equals(code) || (sameStatus && row.status() != status)) {
                continue;
            }
            if (row.scope().contains(operation)) {
                return row;
            }
            if (row.scope().isEmpty() && general == null) {
                general = row;
            }
        }
        return general;
    }
}
