package dev.resilientpay.wechat.internal;

import dev.resilientpay.Money;
import dev.resilientpay.transport.internal.BillReader;
import java.io.BufferedReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The layout both WeChat Pay bills share (trade bill, fund-flow bill): a header line of column names,
 * rows whose every cell starts with a backtick ({@code `}, so spreadsheets keep ids as text), then a
 * summary header of plain names and one backtick summary line, and nothing after it. Columns are found
 * by header name (as {@link #columnName} makes it). A subclass turns the cells of a row into its row
 * type and checks the summary. See {@code adapters-wechat/docs/bills.md}.
 *
 * @param <T> the row type
 */
abstract class BacktickBillReader<T> extends BillReader<T> {

    private final String kind;
    private final String summaryCount;
    private final Map<String, Integer> columns = new HashMap<>();
    private final int headerSize;
    private boolean rowsEnded;
    private long rows;
    private Map<String, String> summary;

    /**
     * Reads the header line; the subclass calls {@link #start()} after its own fields are set.
     *
     * @param in           the bill's text
     * @param kind         the bill's name in messages ({@code bill}, {@code fund-flow bill})
     * @param summaryCount the summary column that tells the summary header from a row
     * @param required     the columns the header must have
     * @throws WechatBillException if there is no header line, or it lacks a required column
     */
    BacktickBillReader(BufferedReader in, String kind, String summaryCount, List<String> required) {
        super(in);
        this.kind = kind;
        this.summaryCount = summaryCount;
        String header = readNonBlankLine();
        if (header == null) {
            throw new WechatBillException(true, kind + " is empty: no header line");
        }
        List<String> names = plainCells(header);
        for (int i = 0; i < names.size(); i++) {
            columns.put(columnName(names.get(i)), i);
        }
        headerSize = names.size();
        for (String column : required) {
            if (!columns.containsKey(column)) {
                throw new WechatBillException(false, "header line lacks column " + column);
            }
        }
    }

    /**
     * The name a header or summary cell is looked up by.
     *
     * @param header the cell, stripped
     * @return the column name
     */
    abstract String columnName(String header);

    /**
     * The row of a line's cells ({@link #rows()} already counts it), or {@code null} to skip it.
     *
     * @param cells as many cells as the header has
     * @return the row, or {@code null}
     */
    abstract T row(List<String> cells);

    /** @return detail rows read so far (skipped ones included) */
    public long rows() {
        return rows;
    }

    /**
     * The summary, checked to be complete; for {@link #check()}, after the last row.
     *
     * @return the summary's values by column name
     * @throws WechatBillException (truncated) if the bill ends without its summary lines
     */
    final Map<String, String> summary() {
        requireLastRowRead();
        if (summary == null) {
            throw new WechatBillException(true, kind + " ends without its summary lines (read " + lineNumber()
                    + " lines)");
        }
        return summary;
    }

    @Override
    protected final T readRow() {
        while (!rowsEnded) {
            String line = readLine();
            if (line == null) {
                rowsEnded = true;
                return null;
            }
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith("`")) {
                rowsEnded = true;
                readSummary(line);
                return null;
            }
            T row = parse(line);
            if (row != null) {
                return row;
            }
        }
        return null;
    }

    private void readSummary(String headerLine) {
        List<String> names = plainCells(headerLine);
        if (!names.contains(summaryCount)) {
            throw new WechatBillException(false, "line " + lineNumber() + " is neither a row nor the summary header");
        }
        String values = readNonBlankLine();
        if (values == null || !values.startsWith("`")) {
            return; // summary header without values: check() reports it as cut short
        }
        List<String> cells = backtickCells(values);
        if (cells.size() != names.size()) {
            throw new WechatBillException(false, "summary has " + cells.size() + " values for " + names.size() + " names");
        }
        Map<String, String> parsed = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            parsed.put(columnName(names.get(i)), cells.get(i));
        }
        String extra = readLine();
        while (extra != null) {
            if (!extra.isBlank()) {
                throw new WechatBillException(false, "line " + lineNumber() + ": text after the summary");
            }
            extra = readLine();
        }
        summary = parsed;
    }

    private T parse(String line) {
        List<String> cells = backtickCells(line);
        if (cells.size() != headerSize) {
            throw new WechatBillException(cells.size() < headerSize, "line " + lineNumber() + " has " + cells.size()
                    + " cells, the header " + headerSize);
        }
        rows++;
        return row(cells);
    }

    /**
     * A malformed-bill failure naming the current line.
     *
     * @param detail what is wrong
     * @return the exception, to throw
     */
    final WechatBillException malformed(String detail) {
        return new WechatBillException(false, "line " + lineNumber() + ": " + detail);
    }

    /**
     * Fails unless a summary amount equals what the rows add up to.
     *
     * @param name     the summary column
     * @param declared its value
     * @param sum      the rows' sum
     * @throws WechatBillException (malformed) if they differ
     */
    static void compare(String name, BigDecimal declared, BigDecimal sum) {
        if (declared.compareTo(sum) != 0) {
            throw new WechatBillException(false, name + " is " + declared.toPlainString() + ", the rows add up to "
                    + sum.toPlainString());
        }
    }

    final boolean hasColumn(String column) {
        return columns.containsKey(column);
    }

    final String cell(List<String> cells, String column) {
        return cells.get(columns.get(column));
    }

    final String optional(List<String> cells, String column) {
        Integer i = columns.get(column);
        return i == null ? "" : cells.get(i);
    }

    final Money money(BigDecimal amount, String currency) {
        try {
            return Money.of(amount.toPlainString(), currency);
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    /** A decimal cell; an empty one is zero. */
    final BigDecimal decimal(String text, String column) {
        if (text.isEmpty()) {
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw malformed(column + " '" + text + "' is not a number");
        }
    }

    final Instant time(String text, String column) {
        try {
            return chinaTime(text);
        } catch (DateTimeParseException e) {
            throw malformed(column + " '" + text + "' is not yyyy-MM-dd HH:mm:ss");
        }
    }

    static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
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
}
