package dev.resilientpay.wechat.internal;

import dev.resilientpay.Money;
import dev.resilientpay.wechat.WechatFundFlowRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads a WeChat Pay fund-flow bill (资金账单) one row at a time: a header line of column names, rows whose
 * every cell starts with a backtick, then the summary header ({@code 资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额})
 * and one summary line. Columns are found by header name, a unit suffix such as {@code （元）} ignored.
 * After the last row, {@link #check()} compares the summary with the rows. See
 * {@code adapters-wechat/docs/bills.md}.
 */
public final class WechatFundFlowReader implements Iterator<WechatFundFlowRow> {

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

    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final BufferedReader in;
    private final Map<String, Integer> columns = new HashMap<>();
    private final int headerSize;
    private long lineNumber;
    private WechatFundFlowRow next;
    private boolean rowsEnded;
    private long rows;
    private long incomeCount;
    private long expenseCount;
    private BigDecimal income = BigDecimal.ZERO;
    private BigDecimal expense = BigDecimal.ZERO;
    private Map<String, String> summary;

    /**
     * A reader over the decoded bill.
     *
     * @param in the bill's text
     * @throws WechatBillException if there is no header line, or it lacks a column we need
     */
    public WechatFundFlowReader(BufferedReader in) {
        this.in = in;
        String header = readLine();
        while (header != null && header.isBlank()) {
            header = readLine();
        }
        if (header == null) {
            throw new WechatBillException(true, "fund-flow bill is empty: no header line");
        }
        List<String> names = WechatBillReader.plainCells(header);
        for (int i = 0; i < names.size(); i++) {
            columns.put(name(names.get(i)), i);
        }
        headerSize = names.size();
        for (String required : List.of(TIME, BUSINESS_ID, FLOW_ID, DIRECTION, AMOUNT, BALANCE)) {
            if (!columns.containsKey(required)) {
                throw new WechatBillException(false, "header line lacks column " + required);
            }
        }
        advance();
    }

    /** A column name without its unit: {@code 收支金额（元）} and {@code 收支金额(元)} are {@code 收支金额}. */
    private static String name(String header) {
        int unit = header.indexOf('（');
        if (unit < 0) {
            unit = header.indexOf('(');
        }
        return (unit < 0 ? header : header.substring(0, unit)).strip();
    }

    /** @return detail rows read so far */
    public long rows() {
        return rows;
    }

    /**
     * Checks the summary line against the rows; call after the last row.
     *
     * @throws WechatBillException (truncated) without a summary, (malformed) if it disagrees
     */
    public void check() {
        if (next != null) {
            throw new IllegalStateException("check() before the last row");
        }
        if (summary == null) {
            throw new WechatBillException(true, "fund-flow bill ends without its summary lines (read " + lineNumber
                    + " lines)");
        }
        compareCount(SUMMARY_COUNT, rows);
        compareCount(SUMMARY_INCOME_COUNT, incomeCount);
        compareCount(SUMMARY_EXPENSE_COUNT, expenseCount);
        compareSum(SUMMARY_INCOME, income);
        compareSum(SUMMARY_EXPENSE, expense);
    }

    private void compareCount(String name, long counted) {
        BigDecimal declared = decimal(summaryValue(name), name);
        // counts are written as "3" or, in published samples, "3.0": compare as numbers
        if (declared.compareTo(BigDecimal.valueOf(counted)) != 0) {
            throw new WechatBillException(false, name + " is " + declared.toPlainString() + ", the bill has " + counted);
        }
    }

    private void compareSum(String name, BigDecimal sum) {
        BigDecimal declared = decimal(summaryValue(name), name);
        if (declared.compareTo(sum) != 0) {
            throw new WechatBillException(false, name + " is " + declared.toPlainString() + ", the rows add up to "
                    + sum.toPlainString());
        }
    }

    private String summaryValue(String name) {
        String text = summary.get(name);
        if (text == null || text.isEmpty()) {
            throw new WechatBillException(false, "summary lacks " + name);
        }
        return text;
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public WechatFundFlowRow next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        WechatFundFlowRow row = next;
        advance();
        return row;
    }

    private void advance() {
        next = null;
        while (!rowsEnded) {
            String line = readLine();
            if (line == null) {
                rowsEnded = true;
                return;
            }
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith("`")) {
                rowsEnded = true;
                readSummary(line);
                return;
            }
            next = parse(line);
            return;
        }
    }

    private void readSummary(String headerLine) {
        List<String> names = WechatBillReader.plainCells(headerLine);
        if (!names.contains(SUMMARY_COUNT)) {
            throw new WechatBillException(false, "line " + lineNumber + " is neither a row nor the summary header");
        }
        String values = readLine();
        while (values != null && values.isBlank()) {
            values = readLine();
        }
        if (values == null || !values.startsWith("`")) {
            return; // summary header without values: check() reports it as cut short
        }
        List<String> cells = WechatBillReader.backtickCells(values);
        if (cells.size() != names.size()) {
            throw new WechatBillException(false, "summary has " + cells.size() + " values for " + names.size() + " names");
        }
        Map<String, String> parsed = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parsed.put(name(names.get(i)), cells.get(i));
        }
        String extra = readLine();
        while (extra != null) {
            if (!extra.isBlank()) {
                throw new WechatBillException(false, "line " + lineNumber + ": text after the summary");
            }
            extra = readLine();
        }
        summary = parsed;
    }

    private WechatFundFlowRow parse(String line) {
        List<String> cells = WechatBillReader.backtickCells(line);
        if (cells.size() != headerSize) {
            throw new WechatBillException(cells.size() < headerSize, "line " + lineNumber + " has " + cells.size()
                    + " cells, the header " + headerSize);
        }
        rows++;
        String directionText = cell(cells, DIRECTION);
        WechatFundFlowRow.Direction direction = switch (directionText) {
            case "收入" -> WechatFundFlowRow.Direction.INCOME;
            case "支出" -> WechatFundFlowRow.Direction.EXPENSE;
            default -> throw new WechatBillException(false, "line " + lineNumber + ": " + DIRECTION + " '"
                    + directionText + "' is neither 收入 nor 支出");
        };
        BigDecimal amount = decimal(cell(cells, AMOUNT), AMOUNT);
        if (amount.signum() < 0) {
            throw new WechatBillException(false, "line " + lineNumber + ": negative " + AMOUNT);
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
            throw new WechatBillException(false, "line " + lineNumber + ": empty " + FLOW_ID);
        }
        return new WechatFundFlowRow(time(cell(cells, TIME)), cell(cells, BUSINESS_ID), flowId,
                optional(cells, BUSINESS_NAME), optional(cells, BUSINESS_TYPE), direction, money(amount),
                money(decimal(cell(cells, BALANCE), BALANCE)), optional(cells, APPLIED_BY), optional(cells, REMARK),
                optional(cells, VOUCHER));
    }

    private Money money(BigDecimal amount) {
        try {
            return Money.of(amount.toPlainString(), "CNY"); // fund accounts are in yuan (docs: 单位为元)
        } catch (IllegalArgumentException e) {
            throw new WechatBillException(false, "line " + lineNumber + ": " + e.getMessage());
        }
    }

    private BigDecimal decimal(String text, String column) {
        if (text.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw new WechatBillException(false, "line " + lineNumber + ": " + column + " '" + text + "' is not a number");
        }
    }

    private Instant time(String text) {
        try {
            return LocalDateTime.parse(text, TIME_FORMAT).toInstant(CHINA);
        } catch (DateTimeParseException e) {
            throw new WechatBillException(false, "line " + lineNumber + ": " + TIME + " '" + text
                    + "' is not yyyy-MM-dd HH:mm:ss");
        }
    }

    private String cell(List<String> cells, String column) {
        return cells.get(columns.get(column));
    }

    private String optional(List<String> cells, String column) {
        Integer i = columns.get(column);
        return i == null ? "" : cells.get(i);
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line != null) {
                lineNumber++;
                if (lineNumber == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
