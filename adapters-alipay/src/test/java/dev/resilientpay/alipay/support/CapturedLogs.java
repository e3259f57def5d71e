package dev.resilientpay.alipay.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what the adapter logs: slf4j-simple writes to {@code System.err} (looked up on every line,
 * see {@code simplelogger.properties}), which this swaps for a buffer while open.
 */
public final class CapturedLogs implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    /** Starts capturing. */
    public CapturedLogs() {
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    }

    /** Everything logged so far. */
    public String text() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
