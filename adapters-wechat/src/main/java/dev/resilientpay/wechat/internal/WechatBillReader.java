package dev.resilientpay.wechat.internal;

import dev.resilientpay.spi.BillRow;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Reads a WeChat Pay trade bill ({@code bill_type=ALL}) one row at a time: a header line of column
 * names, rows whose every cell starts with a backtick ({@code `}, so spreadsheets keep ids as text),
 * then the summary header ({@code 总交易单数,应结订单总金额,退款总金额,…}) and one backtick summary
 * line. Columns are found by header name. See {@code adapters-wechat/docs/bills.md}.
 *
 * <p>{@code 交易状态} {@code SUCCESS} is a payment, {@code REFUND} a refund row, {@code REVOKED} a
 * reversal; other states are skipped and counted. After the last row, {@link #check()} compares the
 * summary with the rows: row count, {@code 应结订单总金额} (sum of {@code 应结订单金额} of the non-refund
 * rows) and {@code 退款总金额} (sum of {@code 退款金额} of the refund rows).
 */
public final class WechatBillReader extends BacktickBillReader<BillRow> {

    static final String TIME = "交易时间";
    static final String TRANSACTION_ID = "微信订单号";
    static final String OUT_TRADE_NO = "商户订单号";
    static final String STATE = "交易状态";
    static final String CURRENCY = "货币种类";
    static final String SETTLEMENT_AMOUNT = "应结订单金额";
    static final String REFUND_ID = "微信退款单号";
    static final String OUT_REFUND_NO = "商户退款单号";
    static final String REFUND_AMOUNT = "退款金额";
    static final String ORDER_AMOUNT = "订单金额";
    static final String REQUESTED_REFUND = "申请退款金额";
    static final String SUMMARY_COUNT = "总交易单数";
    static final String SUMMARY_SETTLEMENT = "应结订单总金额";
    static final String SUMMARY_REFUNDS = "退款总金额";

    private long skipped;
    private BigDecimal settlement = BigDecimal.ZERO;
    private BigDecimal refunded = BigDecimal.ZERO;

    /**
     * A reader over the decoded bill.
     *
     * @throws WechatBillException if there is no header line
     */
    public WechatBillReader(BufferedReader in) {
        super(in, "bill", SUMMARY_COUNT, List.of(TIME, TRANSACTION_ID, OUT_TRADE_NO, STATE, SETTLEMENT_AMOUNT,
                OUT_REFUND_NO, REFUND_AMOUNT));
        start();
    }

    /** Header and summary names are used as they stand. */
    @Override
    String columnName(String header) {
        return header;
    }

    /** Rows of states other than SUCCESS, REFUND, REVOKED skipped so far. */
    public long skipped() {
        return skipped;
    }

    /**
     * Checks the summary lines against the rows; call after the last row.
     *
     * @throws WechatBillException (truncated) without a summary, (malformed) if it disagrees
     */
    @Override
    public void check() {
        Map<String, String> summary = summary();
        long declared = parseCount(summary.get(SUMMARY_COUNT));
        if (declared != rows()) {
            throw new WechatBillException(false, SUMMARY_COUNT + " is " + declared + ", the bill has " + rows() + " rows");
        }
        compare(summary, SUMMARY_SETTLEMENT, settlement);
        compare(summary, SUMMARY_REFUNDS, refunded);
    }

    private void compare(Map<String, String> summary, String name, BigDecimal sum) {
        String text = summary.get(name);
        if (text == null) {
            throw new WechatBillException(false, "summary lacks " + name);
        }
        compare(name, decimal(text, name), sum);
    }

    @Override
    BillRow row(List<String> cells) {
        String state = cell(cells, STATE);
        BigDecimal settlementAmount = decimal(cell(cells, SETTLEMENT_AMOUNT), SETTLEMENT_AMOUNT);
        BigDecimal refundAmount = decimal(cell(cells, REFUND_AMOUNT), REFUND_AMOUNT);
        String orderId = cell(cells, OUT_TRADE_NO);
        if (orderId.isEmpty()) {
            throw malformed("empty " + OUT_TRADE_NO);
        }
        String currency = hasColumn(CURRENCY) && !cell(cells, CURRENCY).isEmpty() ? cell(cells, CURRENCY) : "CNY";
        Instant time = time(cell(cells, TIME), TIME);
        String transactionId = emptyToNull(cell(cells, TRANSACTION_ID));
        switch (state) {
            case "REFUND" -> {
                refunded = refunded.add(refundAmount);
                String requested = optional(cells, REQUESTED_REFUND);
                BigDecimal amount = requested.isEmpty() ? refundAmount : decimal(requested, REQUESTED_REFUND);
                String outRefundNo = cell(cells, OUT_REFUND_NO);
                if (outRefundNo.isEmpty()) {
                    throw malformed("refund row without " + OUT_REFUND_NO);
                }
                return new BillRow(BillRow.Type.REFUND, orderId, transactionId, outRefundNo,
                        emptyToNull(cell(cells, REFUND_ID)), money(amount, currency), time, state);
            }
            case "SUCCESS", "REVOKED" -> {
                settlement = settlement.add(settlementAmount);
                String total = optional(cells, ORDER_AMOUNT);
                BigDecimal amount = total.isEmpty() ? settlementAmount : decimal(total, ORDER_AMOUNT);
                return new BillRow("SUCCESS".equals(state) ? BillRow.Type.PAYMENT : BillRow.Type.REVERSAL, orderId,
                        transactionId, null, null, money(amount, currency), time, state);
            }
            default -> {
                settlement = settlement.add(settlementAmount);
                skipped++;
                return null;
            }
        }
    }

    private long parseCount(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException | NullPointerException e) {
            throw new WechatBillException(false, SUMMARY_COUNT + " '" + text + "' is not a count");
        }
    }
}
