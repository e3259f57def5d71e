package dev.resilientpay.alipay.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J provider of this module's tests: keeps every log event (all loggers, all levels) as one
 * line {@code LEVEL logger message}, followed, when the event carries a throwable, by a line break and the
 * throwable's full stack trace (causes included), so that tests can check what the adapter logs.
 *
 * <p>The test classpath holds more than one SLF4J provider (in a reactor {@code test} run, core's
 * {@code target/test-classes} comes with its own {@code RecordingLogProvider}), so this one is selected
 * explicitly with {@code -Dslf4j.provider=} in the module's surefire configuration, and is also registered
 * in {@code META-INF/services} for IDE runs. {@link #clear()} and {@link #lines()} fail when SLF4J is bound
 * to anything else: a log assertion can never pass over an empty capture because the capture was not
 * wired in.
 */
public final class CapturedLogs implements SLF4JServiceProvider {

    /** The most recent lines kept; older ones are dropped first. */
    private static final int MAX_LINES = 20_000;
    private static final Deque<String> LINES = new ArrayDeque<>();

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final ILoggerFactory factory = new CapturingLoggers();

    /**
     * Every line logged since the last {@link #clear()}.
     *
     * @return a snapshot, oldest first
     */
    public static List<String> lines() {
        requireBound();
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    /** Forgets the lines logged so far. */
    public static void clear() {
        requireBound();
        synchronized (LINES) {
            LINES.clear();
        }
    }

    private static void requireBound() {
        ILoggerFactory bound = LoggerFactory.getILoggerFactory();
        if (!(bound instanceof CapturingLoggers)) {
            throw new IllegalStateException("SLF4J is bound to " + bound.getClass().getName() + ", not to "
                    + CapturedLogs.class.getName() + ": nothing logged would be captured. Run the tests with -D"
                    + LoggerFactory.PROVIDER_PROPERTY_KEY + "=" + CapturedLogs.class.getName());
        }
    }

    @Override public ILoggerFactory getLoggerFactory() { return factory; }

    @Override public IMarkerFactory getMarkerFactory() { return markers; }

    @Override public MDCAdapter getMDCAdapter() { return mdc; }

    @Override public String getRequestedApiVersion() { return "2.0.99"; }

    @Override public void initialize() {}

    private static final class CapturingLoggers implements ILoggerFactory {
        @Override
        public Logger getLogger(String name) {
            return new CapturingLogger(name);
        }
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

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
            String line = level + " " + name + " " + MessageFormatter.basicArrayFormat(pattern, args);
            if (throwable != null) {
                StringWriter trace = new StringWriter();
                throwable.printStackTrace(new PrintWriter(trace));
                line = line + System.lineSeparator() + trace;
            }
            synchronized (LINES) {
                if (LINES.size() == MAX_LINES) {
                    LINES.removeFirst();
                }
                LINES.addLast(line);
            }
        }
    }
}
