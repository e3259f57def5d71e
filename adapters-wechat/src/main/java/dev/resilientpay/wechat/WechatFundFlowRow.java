package dev.resilientpay.wechat;

import dev.resilientpay.Money;
import java.time.Instant;
import java.util.Objects;

/**
 * One movement of a WeChat Pay fund account (a row of the fund-flow bill, 资金账单): money booked in or
 * out of the merchant's basic, operation or fees account. Not an order: a payment's settlement, a refund,
 * a withdrawal or a fee each move money once. See {@code adapters-wechat/docs/bills.md}.
 *
 * @param bookedAt     when it was booked (记账时间)
 * @param businessId   WeChat Pay's id of the business behind it (微信支付业务单号): a transaction id, refund id, …
 * @param flowId       the movement's own id (资金流水单号)
 * @param businessName 业务名称, e.g. {@code 退款}, {@code 交易}
 * @param businessType 业务类型, e.g. {@code 退款}, {@code 交易}, {@code 提现}, {@code 扣除交易手续费}
 * @param direction    in or out (收支类型)
 * @param amount       the amount moved, never negative (收支金额)
 * @param balance      the account's balance after it (账户结余)
 * @param appliedBy    who asked for it (资金变更提交申请人), or empty
 * @param remark       备注, or empty
 * @param voucherId    业务凭证号 (e.g. the merchant's refund id), or empty
 */
public record WechatFundFlowRow(Instant bookedAt, String businessId, String flowId, String businessName,
                                String businessType, Direction direction, Money amount, Money balance,
                                String appliedBy, String remark, String voucherId) {

    /** Whether money came in or went out. */
    public enum Direction {
        /** 收入. */
        INCOME,
        /** 支出. */
        EXPENSE
    }

    /**
     * Validates the required fields.
     *
     * @param bookedAt     when it was booked
     * @param businessId   WeChat Pay's id of the business behind it
     * @param flowId       the movement's own id
     * @param businessName the business name
     * @param businessType the business type
     * @param direction    in or out
     * @param amount       the amount moved, never negative
     * @param balance      the account's balance after it
     * @param appliedBy    who asked for it, or empty
     * @param remark       the remark, or empty
     * @param voucherId    the business voucher id, or empty
     */
    public WechatFundFlowRow {
        Objects.requireNonNull(bookedAt, "bookedAt");
        Objects.requireNonNull(flowId, "flowId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(balance, "balance");
    }
}
