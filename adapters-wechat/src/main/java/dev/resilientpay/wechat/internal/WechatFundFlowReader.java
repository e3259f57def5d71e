package dev.resilientpay.wechat.internal;

import dev.resilientpay.Money;
import dev.resilientpay.wechat.WechatFundFlowRow;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Reads a WeChat Pay fund-flow bill (资金账单) one row at a time: a header line of column names, rows whose
 * every cell starts with a backtick, then the summary header ({@code 资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额})
 * and one summary line. Columns are found by header name, a unit suffix such as {@code （元）} ignored.
 * After the last row, {@link #check()} compares the summary with the rows. See
 * {@code adapters-wechat/docs/bills.md}.
 */
public final class WechatFundFlowReader extends BacktickBillReader<WechatFundFlowRow> {

    static final String TIME = "记账时间";
    static final String BUSINESS_ID = "微信支付业务单号";
    static final String FLOW_ID = "资金流水单号";
    static final String BUSINESS_NAME = "业务名称";
    static final String BUSINESS_TYPE = "业务类型";
    static final String DIRECTION = "收支类型";
    static final String AMOUNT = "收支金额";
    static final String BALANCE = "账户结余";
    static final String APPLIED_BY = "资金变更提交申请人";
    static final String REMARK = "备注";
    static final String VOUCHER = "业务凭证号";
    static final String SUMMARY_COUNT = "资金流水总笔数";
    static final String SUMMARY_INCOME_COUNT = "收入笔数";
    static final String SUMMARY_INCOME = "收入金额";
    static final String SUMMARY_EXPENSE_COUNT = "支出笔数";
    static final String SUMMARY_EXPENSE = "支出金额";

    private long incomeCount;
    private long expenseCount;
    private BigDecimal income = BigDecimal.ZERO;
    private BigDecimal expense = BigDecimal.ZERO;

    /**
     * A reader over the decoded bill.
     *
     * @param in the bill's text
     * @throws WechatBillException if there is no header line, or it lacks a column we need
     */
    public WechatFundFlowReader(BufferedReader in) {
        super(in, "fund-flow bill", SUMMARY_COUNT, List.of(TIME, BUSINESS_ID, FLOW_ID, DIRECTION, AMOUNT, BALANCE));
        start();
    }

    /** A column name without its unit: {@code 收支金额（元）} and {@code 收支金额(元)} are {@code 收支金额}. */
    @Override
    String columnName(String header) {
        int unit = header.indexOf('（');
        if (unit < 0) {
            unit = header.indexOf('(');
        }
        return (unit < 0 ? header : header.substring(0, unit)).strip();
    }

    /**
     * Checks the summary line against the rows; call after the last row.
     *
     * @throws WechatBillException (truncated) without a summary, (malformed) if it disagrees
     */
    @Override
    public void check() {
        Map<String, String> summary = summary();
        compareCount(summary, SUMMARY_COUNT, rows());
        compareCount(summary, SUMMARY_INCOME_COUNT, incomeCount);
        compareCount(summary, SUMMARY_EXPENSE_COUNT, expenseCount);
        compare(SUMMARY_INCOME, decimal(summaryValue(summary, SUMMARY_INCOME), SUMMARY_INCOME), income);
        compare(SUMMARY_EXPENSE, decimal(summaryValue(summary, SUMMARY_EXPENSE), SUMMARY_EXPENSE), expense);
    }

    private void compareCount(Map<String, String> summary, String name, long counted) {
        BigDecimal declared = decimal(summaryValue(summary, name), name);
        // counts are written as "3" or, in published samples, "3.0": compare as numbers
        if (declared.compareTo(BigDecimal.valueOf(counted)) != 0) {
            throw new WechatBillException(false, name + " is " + declared.toPlainString() + ", the bill has " + counted);
        }
    }

    private static String summaryValue(Map<String, String> summary, String name) {
        String text = summary.get(name);
        if (text == null || text.isEmpty()) {
            throw new WechatBillException(false, "summary lacks " + name);
        }
        return text;
    }

    @Override
    WechatFundFlowRow row(List<String> cells) {
        String directionText = cell(cells, DIRECTION);
        WechatFundFlowRow.Direction direction = switch (directionText) {
            case "收入" -> WechatFundFlowRow.Direction.INCOME;
            case "支出" -> WechatFundFlowRow.Direction.EXPENSE;
            default -> throw malformed(DIRECTION + " '" + directionText + "' is neither 收入 nor 支出");
        };
        BigDecimal amount = decimal(cell(cells, AMOUNT), AMOUNT);
        if (amount.signum() < 0) {
            throw malformed("negative " + AMOUNT);
        }
        if (direction == WechatFundFlowRow.Direction.INCOME) {
            incomeCount++;
            income = income.add(amount);
        } else {
            expenseCount++;
            expense = expense.add(amount);
        }
        String flowId = cell(cells, FLOW_ID);
        if (flowId.isEmpty()) {
            throw malformed("empty " + FLOW_ID);
        }
        return new WechatFundFlowRow(time(cell(cells, TIME), TIME), cell(cells, BUSINESS_ID), flowId,
                optional(cells, BUSINESS_NAME), optional(cells, BUSINESS_TYPE), direction, money(amount),
                money(decimal(cell(cells, BALANCE), BALANCE)), optional(cells, APPLIED_BY), optional(cells, REMARK),
                optional(cells, VOUCHER));
    }

    private Money money(BigDecimal amount) {
        return money(amount, "CNY"); // fund accounts are in yuan (docs: 单位为元)
    }
}
