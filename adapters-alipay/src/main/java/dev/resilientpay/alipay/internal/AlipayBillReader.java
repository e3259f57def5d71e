package dev.resilientpay.alipay.internal;

import dev.resilientpay.Money;
import dev.resilientpay.spi.BillRow;
import dev.resilientpay.transport.internal.BillReader;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the detail file of an Alipay trade bill ({@code <account>_<date>_业务明细.csv}, GBK, decoded by
 * the caller) one row at a time. The file is: {@code #} comment lines (title, account, period, a
 * "业务明细列表" rule), one header line, the rows, a "业务明细列表结束" rule, then the summary
 * {@code #交易合计：N笔，退款合计：M笔} and the export time. Columns are found by header name, not
 * position. See {@code adapters-alipay/docs/bills.md}.
 *
 * <p>Rows of business type {@code 交易} are payments, {@code 退款} refunds; other types are skipped and
 * counted. Cells carry trailing tabs/spaces (Alipay adds a tab to stop spreadsheets from reading ids as
 * numbers): every cell is trimmed. A row with more cells than the header has commas in its subject
 * (the file does not quote): the extra cells are folded into {@code 商品名称}.
 *
 * <p>After the last row, {@link #check()} compares the summary with what was read.
 */
public final class AlipayBillReader extends BillReader<BillRow> {

    static final String TRADE_NO = "支付宝交易号";
    static final String OUT_TRADE_NO = "商户订单号";
    static final String BUSINESS_TYPE = "业务类型";
    static final String SUBJECT = "商品名称";
    static final String FINISHED_AT = "完成时间";
    static final String ORDER_AMOUNT = "订单金额(元)";
    static final String REQUEST_NO = "退款批次号/请求号";
    static final String PAYMENT = "交易";
    static final String REFUND = "退款";

    private static final Pattern SUMMARY = Pattern.compile("#\\s*交易合计[:：]\\s*(\\d+)\\s*笔\\s*[,，]\\s*退款合计[:：]\\s*(\\d+)\\s*笔.*");
    private static final String END_RULE = "业务明细列表结束";

    private final Map<String, Integer> columns = new HashMap<>();
    private int headerSize;
    private boolean rowsEnded;
    private boolean sawEnd;
    private long payments;
    private long refunds;
    private long skipped;
    private long declaredPayments = -1;
    private long declaredRefunds = -1;

    /**
     * A reader over the decoded detail file.
     *
     * @throws AlipayBillException if there is no header line
     */
    public AlipayBillReader(BufferedReader in) {
        super(in);
        readHeader();
        start();
    }

    /** Payments read so far. */
    public long payments() {
        return payments;
    }

    /** Refunds read so far. */
    public long refunds() {
        return refunds;
    }

    /** Rows of other business types skipped so far. */
    public long skipped() {
        return skipped;
    }

    /**
     * Checks the summary against the rows read; call after the last row.
     *
     * @throws AlipayBillException (truncated) if the end rule or summary is missing, (malformed) if the
     *     counts disagree
     */
    @Override
    public void check() {
        requireLastRowRead();
        if (!sawEnd || declaredPayments < 0) {
            throw new AlipayBillException(true, "bill ends without the 业务明细列表结束 rule and the summary line"
                    + " (read " + lineNumber() + " lines)");
        }
        if (declaredPayments != payments || declaredRefunds != refunds) {
            throw new AlipayBillException(false, "summary says " + declaredPayments + " payments and " + declaredRefunds
                    + " refunds, rows hold " + payments + " and " + refunds);
        }
    }

    private void readHeader() {
        String line;
        while ((line = readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            List<String> cells = split(line);
            for (int i = 0; i < cells.size(); i++) {
                columns.put(normalize(cells.get(i)), i);
            }
            headerSize = cells.size();
            for (String required : List.of(TRADE_NO, OUT_TRADE_NO, BUSINESS_TYPE, FINISHED_AT, ORDER_AMOUNT, REQUEST_NO)) {
                if (!columns.containsKey(required)) {
                    throw new AlipayBillException(false, "header line lacks column " + required);
                }
            }
            return;
        }
        throw new AlipayBillException(true, "bill has no header line");
    }

    @Override
    protected BillRow readRow() {
        while (!rowsEnded) {
            String line = readLine();
            if (line == null) {
                rowsEnded = true;
                break;
            }
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                rowsEnded = true;
                readTrailer(line);
                break;
            }
            BillRow row = parse(line);
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    private void readTrailer(String first) {
        String line = first;
        while (line != null) {
            if (line.contains(END_RULE)) {
                sawEnd = true;
            }
            Matcher m = SUMMARY.matcher(line.strip());
            if (m.matches()) {
                declaredPayments = Long.parseLong(m.group(1));
                declaredRefunds = Long.parseLong(m.group(2));
            } else if (!line.isBlank() && !line.startsWith("#")) {
                throw new AlipayBillException(false, "line " + lineNumber() + ": a row after the end of the detail list");
            }
            line = readLine();
        }
    }

    private BillRow parse(String line) {
        List<String> cells = split(line);
        if (cells.size() < headerSize) {
            throw new AlipayBillException(true, "line " + lineNumber() + " has " + cells.size() + " cells, the header "
                    + headerSize);
        }
        if (cells.size() > headerSize && columns.containsKey(SUBJECT)) {
            int subject = columns.get(SUBJECT);
            int extra = cells.size() - headerSize;
            List<String> merged = new ArrayList<>(cells.subList(0, subject));
            merged.add(String.join(",", cells.subList(subject, subject + extra + 1)));
            merged.addAll(cells.subList(subject + extra + 1, cells.size()));
            cells = merged;
        }
        String type = cell(cells, BUSINESS_TYPE);
        boolean refund = REFUND.equals(type);
        if (!refund && !PAYMENT.equals(type)) {
            skipped++;
            return null;
        }
        String orderId = cell(cells, OUT_TRADE_NO);
        if (orderId.isEmpty()) {
            throw new AlipayBillException(false, "line " + lineNumber() + ": empty " + OUT_TRADE_NO);
        }
        Money amount = amount(cell(cells, ORDER_AMOUNT));
        Instant time = time(cell(cells, FINISHED_AT));
        String tradeNo = emptyToNull(cell(cells, TRADE_NO));
        if (refund) {
            refunds++;
            String requestNo = cell(cells, REQUEST_NO);
            // A refund made without out_request_no is keyed by the order id (Alipay's own default).
            String refundId = requestNo.isEmpty() ? orderId : requestNo;
            return new BillRow(BillRow.Type.REFUND, orderId, tradeNo, refundId, null, amount, time, type);
        }
        payments++;
        return new BillRow(BillRow.Type.PAYMENT, orderId, tradeNo, null, null, amount, time, type);
    }

    private Money amount(String text) {
        try {
            BigDecimal value = new BigDecimal(text).abs(); // refund rows may carry the amount negative
            return Money.of(value.toPlainString(), "CNY");
        } catch (IllegalArgumentException e) { // NumberFormatException included
            throw new AlipayBillException(false, "line " + lineNumber() + ": " + ORDER_AMOUNT + " '" + text
                    + "' is not a positive amount in yuan");
        }
    }

    private Instant time(String text) {
        try {
            return chinaTime(text);
        } catch (DateTimeParseException e) {
            throw new AlipayBillException(false, "line " + lineNumber() + ": " + FINISHED_AT + " '" + text
                    + "' is not yyyy-MM-dd HH:mm:ss");
        }
    }

    private String cell(List<String> cells, String column) {
        return cells.get(columns.get(column));
    }

    /** Cells split on commas (double-quoted cells honoured), each trimmed of spaces and tabs. */
    static List<String> split(String line) {
        List<String> cells = new ArrayList<>(32);
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
            } else if (c == ',') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** Header names with full-width parentheses made ASCII ({@code 订单金额（元）} = {@code 订单金额(元)}). */
    static String normalize(String header) {
        return header.strip().replace('（', '(').replace('）', ')');
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
