package dev.resilientpay.wechat.support;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * A test-only SLF4J provider that keeps every formatted log line (all levels), so that tests can
 * check that nothing secret is ever logged. Registered through {@code META-INF/services}.
 */
public final class CapturedLogs implements SLF4JServiceProvider {

    private static final int MAX_LINES = 20_000;
    private static final List<String> LINES = new ArrayList<>();

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final ILoggerFactory factory = CapturingLogger::new;

    /** Every line logged so far. */
    public static List<String> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    /** Forgets the lines logged so far. */
    public static void clear() {
        synchronized (LINES) {
            LINES.clear();
        }
    }

    @Override public ILoggerFactory getLoggerFactory() { return factory; }

    @Override public IMarkerFactory getMarkerFactory() { return markers; }

    @Override public MDCAdapter getMDCAdapter() { return mdc; }

    @Override public String getRequestedApiVersion() { return "2.0.99"; }

    @Override public void initialize() {}

    private static final class CapturingLogger extends LegacyAbstractLogger {
        CapturingLogger(String name) {
            this.name = name;
        }

        @Override public boolean isTraceEnabled() { return true; }

        @Override public boolean isDebugEnabled() { return true; }

        @Override public boolean isInfoEnabled() { return true; }

        @Override public boolean isWarnEnabled() { return true; }

        @Override public boolean isErrorEnabled() { return true; }

        @Override
        protected String getFullyQualifiedCallerName() {
            return null;
        }

        @Override
        protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] args,
                Throwable throwable) {
            String line = level + " " + name + " " + MessageFormatter.basicArrayFormat(pattern, args)
                    + (throwable == null ? "" : " " + throwable);
            synchronized (LINES) {
                if (LINES.size() < MAX_LINES) {
                    LINES.add(line);
                }
            }
        }
    }
}
