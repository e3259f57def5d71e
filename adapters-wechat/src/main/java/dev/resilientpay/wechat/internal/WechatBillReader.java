package dev.resilientpay.wechat.internal;

import dev.resilientpay.Money;
import dev.resilientpay.spi.BillRow;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

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
public final class WechatBillReader implements Iterator<BillRow> {

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

    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final BufferedReader in;
    private final Map<String, Integer> columns = new HashMap<>();
    private int headerSize;
    private long lineNumber;
    private BillRow next;
    private boolean rowsEnded;
    private long rows;
    private long skipped;
    private BigDecimal settlement = BigDecimal.ZERO;
    private BigDecimal refunded = BigDecimal.ZERO;
    private Map<String, String> summary;

    /**
     * A reader over the decoded bill.
     *
     * @throws WechatBillException if there is no header line
     */
    public WechatBillReader(BufferedReader in) {
        this.in = in;
        String header = readLine();
        while (header != null && header.isBlank()) {
            header = readLine();
        }
        if (header == null) {
            throw new WechatBillException(true, "bill is empty: no header line");
        }
        List<String> names = plainCells(header);
        for (int i = 0; i < names.size(); i++) {
            columns.put(names.get(i), i);
        }
        headerSize = names.size();
        for (String required : List.of(TIME, TRANSACTION_ID, OUT_TRADE_NO, STATE, SETTLEMENT_AMOUNT, OUT_REFUND_NO,
                REFUND_AMOUNT)) {
            if (!columns.containsKey(required)) {
                throw new WechatBillException(false, "header line lacks column " + required);
            }
        }
        advance();
    }

    /** Detail rows read so far (skipped ones included). */
    public long rows() {
        return rows;
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
    public void check() {
        if (next != null) {
            throw new IllegalStateException("check() before the last row");
        }
        if (summary == null) {
            throw new WechatBillException(true, "bill ends without its summary lines (read " + lineNumber + " lines)");
        }
        long declared = parseCount(summary.get(SUMMARY_COUNT));
        if (declared != rows) {
            throw new WechatBillException(false, SUMMARY_COUNT + " is " + declared + ", the bill has " + rows + " rows");
        }
        compare(SUMMARY_SETTLEMENT, settlement);
        compare(SUMMARY_REFUNDS, refunded);
    }

    private void compare(String name, BigDecimal sum) {
        String text = summary.get(name);
        if (text == null) {
            throw new WechatBillException(false, "summary lacks " + name);
        }
        BigDecimal declared = decimal(text, name);
        if (declared.compareTo(sum) != 0) {
            throw new WechatBillException(false, name + " is " + declared.toPlainString() + ", the rows add up to "
                    + sum.toPlainString());
        }
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public BillRow next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        BillRow row = next;
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
            BillRow row = parse(line);
            if (row != null) {
                next = row;
                return;
            }
        }
    }

    private void readSummary(String headerLine) {
        List<String> names = plainCells(headerLine);
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
        List<String> cells = backtickCells(values);
        if (cells.size() != names.size()) {
            throw new WechatBillException(false, "summary has " + cells.size() + " values for " + names.size() + " names");
        }
        Map<String, String> parsed = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parsed.put(names.get(i), cells.get(i));
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

    private BillRow parse(String line) {
        List<String> cells = backtickCells(line);
        if (cells.size() != headerSize) {
            throw new WechatBillException(cells.size() < headerSize, "line " + lineNumber + " has " + cells.size()
                    + " cells, the header " + headerSize);
        }
        rows++;
        String state = cell(cells, STATE);
        BigDecimal settlementAmount = decimal(cell(cells, SETTLEMENT_AMOUNT), SETTLEMENT_AMOUNT);
        BigDecimal refundAmount = decimal(cell(cells, REFUND_AMOUNT), REFUND_AMOUNT);
        String orderId = cell(cells, OUT_TRADE_NO);
        if (orderId.isEmpty()) {
            throw new WechatBillException(false, "line " + lineNumber + ": empty " + OUT_TRADE_NO);
        }
        String currency = columns.containsKey(CURRENCY) && !cell(cells, CURRENCY).isEmpty() ? cell(cells, CURRENCY) : "CNY";
        Instant time = time(cell(cells, TIME));
        String transactionId = emptyToNull(cell(cells, TRANSACTION_ID));
        switch (state) {
            case "REFUND" -> {
                refunded = refunded.add(refundAmount);
                String requested = columns.containsKey(REQUESTED_REFUND) ? cell(cells, REQUESTED_REFUND) : "";
                BigDecimal amount = requested.isEmpty() ? refundAmount : decimal(requested, REQUESTED_REFUND);
                String outRefundNo = cell(cells, OUT_REFUND_NO);
                if (outRefundNo.isEmpty()) {
                    throw new WechatBillException(false, "line " + lineNumber + ": refund row without " + OUT_REFUND_NO);
                }
                return new BillRow(BillRow.Type.REFUND, orderId, transactionId, outRefundNo,
                        emptyToNull(cell(cells, REFUND_ID)), money(amount, currency), time, state);
            }
            case "SUCCESS", "REVOKED" -> {
                settlement = settlement.add(settlementAmount);
                String total = columns.containsKey(ORDER_AMOUNT) ? cell(cells, ORDER_AMOUNT) : "";
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

    private Money money(BigDecimal amount, String currency) {
        try {
            return Money.of(amount.toPlainString(), currency);
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

    private long parseCount(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException | NullPointerException e) {
            throw new WechatBillException(false, SUMMARY_COUNT + " '" + text + "' is not a count");
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

    /** Header cells: plain names separated by commas. */
    static List<String> plainCells(String line) {
        List<String> cells = new ArrayList<>();
        for (String cell : line.split(",", -1)) {
            cells.add(cell.strip());
        }
        return cells;
    }

    /**
     * Row cells: each starts with a backtick; cells are separated by {@code ,`} (a comma inside a cell,
     * e.g. in the product name, is not followed by a backtick).
     */
    static List<String> backtickCells(String line) {
        List<String> cells = new ArrayList<>(32);
        int start = 1; // after the leading backtick
        while (true) {
            int sep = line.indexOf(",`", start);
            if (sep < 0) {
                cells.add(line.substring(start).strip());
                return cells;
            }
            cells.add(line.substring(start, sep).strip());
            start = sep + 2;
        }
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
