package dev.resilientpay.transport.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * What every provider's bill reader shares: the decoded text read line by line (lines counted for error
 * messages, a byte-order mark before the first line dropped), rows handed out one ahead, and a
 * {@link #check()} of the summary after the last row. The format itself (header, row and summary lines)
 * is the subclass's.
 *
 * <p>A subclass reads its header in its constructor, then calls {@link #start()} once its own fields are
 * set; {@link #readRow()} returns each next row, or {@code null} after the last one.
 *
 * @param <T> the row type
 */
public abstract class BillReader<T> implements Iterator<T> {

    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    private final BufferedReader in;
    private long lineNumber;
    private T next;

    /**
     * A reader over decoded bill text.
     *
     * @param in the bill's text
     */
    protected BillReader(BufferedReader in) {
        this.in = in;
    }

    /**
     * Checks the summary against the rows; call after the last row.
     *
     * @throws IllegalStateException before the last row
     */
    public abstract void check();

    /**
     * The next row, read from the lines that follow; {@code null} when the rows have ended.
     *
     * @return the row, or {@code null}
     */
    protected abstract T readRow();

    /** Reads the first row; call at the end of the subclass's constructor. */
    protected final void start() {
        advance();
    }

    @Override
    public final boolean hasNext() {
        return next != null;
    }

    @Override
    public final T next() {
        T row = next;
        if (row == null) {
            throw new NoSuchElementException();
        }
        advance();
        return row;
    }

    private void advance() {
        next = null;
        next = readRow();
    }

    /**
     * For {@link #check()}: fails unless every row has been read.
     *
     * @throws IllegalStateException if a row is still to come
     */
    protected final void requireLastRowRead() {
        if (next != null) {
            throw new IllegalStateException("check() before the last row");
        }
    }

    /**
     * How many lines have been read so far (the number of the last one).
     *
     * @return the count
     */
    protected final long lineNumber() {
        return lineNumber;
    }

    /**
     * The next line, without a leading byte-order mark on the first one.
     *
     * @return the line, or {@code null} at the end
     * @throws UncheckedIOException if reading fails
     */
    protected final String readLine() {
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

    /**
     * The next line that is not blank.
     *
     * @return the line, or {@code null} at the end
     * @throws UncheckedIOException if reading fails
     */
    protected final String readNonBlankLine() {
        String line = readLine();
        while (line != null && line.isBlank()) {
            line = readLine();
        }
        return line;
    }

    /**
     * A bill time, {@code yyyy-MM-dd HH:mm:ss} in China time (UTC+8), as both providers write it.
     *
     * @param text the cell
     * @return the instant
     * @throws DateTimeParseException if the text is not such a time
     */
    public static Instant chinaTime(String text) {
        return LocalDateTime.parse(text, TIME_FORMAT).toInstant(CHINA);
    }
}
