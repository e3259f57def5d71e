package dev.resilientpay.testing;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The SLF4J provider of the project's tests: keeps every log event (all loggers, all levels) with a copy of
 * the MDC of the moment, and has a real MDC ({@link BasicMDCAdapter}), so that tests can check what is
 * logged, at which level, and what is in the MDC.
 *
 * <p>It is shipped in core's test jar but deliberately <em>not</em> registered in a
 * {@code META-INF/services} file there: a module's tests select it with
 * {@code -Dslf4j.provider=dev.resilientpay.testing.CapturedLogs} (surefire {@code systemPropertyVariables}),
 * so it never competes with another module's own binding. {@link #clear()}, {@link #lines()} and
 * {@link #events()} fail when SLF4J is bound to anything else: a log assertion can never pass over an empty
 * capture because the capture was not wired in.
 */
public final class CapturedLogs implements SLF4JServiceProvider {

    /**
     * One log event.
     *
     * @param level the event's level
     * @param logger the name of the logger it was logged with
     * @param message the formatted message
     * @param mdc a copy of the MDC when it was logged (empty when there was none)
     * @param thrown the throwable it carries, or {@code null}
     */
    public record Event(Level level, String logger, String message, Map<String, String> mdc, Throwable thrown) {

        /**
         * The event as one line {@code LEVEL logger message}, followed, when the event carries a throwable, by
         * a line break and the throwable's full stack trace (causes included).
         *
         * @return the formatted line
         */
        public String line() {
            String line = level + " " + logger + " " + message;
            if (thrown == null) {
                return line;
            }
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            return line + System.lineSeparator() + trace;
        }
    }

    /** The most recent events kept; older ones are dropped first. */
    private static final int MAX_EVENTS = 20_000;
    private static final Deque<Event> EVENTS = new ArrayDeque<>();

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new BasicMDCAdapter();
    private final ILoggerFactory factory = new CapturingLoggers(mdc);

    /**
     * Every event logged since the last {@link #clear()}.
     *
     * @return a snapshot, oldest first
     */
    public static List<Event> events() {
        requireBound();
        synchronized (EVENTS) {
            return List.copyOf(EVENTS);
        }
    }

    /**
     * Every event logged since the last {@link #clear()}, each as its {@link Event#line() line}.
     *
     * @return a snapshot, oldest first
     */
    public static List<String> lines() {
        return events().stream().map(Event::line).toList();
    }

    /** Forgets the events logged so far. */
    public static void clear() {
        requireBound();
        synchronized (EVENTS) {
            EVENTS.clear();
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

    /** Creates the provider; SLF4J does, through {@code -Dslf4j.provider=}. */
    public CapturedLogs() {}

    @Override public ILoggerFactory getLoggerFactory() { return factory; }

    @Override public IMarkerFactory getMarkerFactory() { return markers; }

    @Override public MDCAdapter getMDCAdapter() { return mdc; }

    @Override public String getRequestedApiVersion() { return "2.0.99"; }

    @Override public void initialize() {}

    private static final class CapturingLoggers implements ILoggerFactory {
        private final MDCAdapter mdc;

        CapturingLoggers(MDCAdapter mdc) {
            this.mdc = mdc;
        }

        @Override
        public Logger getLogger(String name) {
            return new CapturingLogger(name, mdc);
        }
    }

    private static final class CapturingLogger extends LegacyAbstractLogger {
        private static final long serialVersionUID = 1L;

        private final transient MDCAdapter mdc;

        CapturingLogger(String name, MDCAdapter mdc) {
            this.name = name;
            this.mdc = mdc;
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
            Map<String, String> context = mdc.getCopyOfContextMap();
            Event event = new Event(level, name, MessageFormatter.basicArrayFormat(pattern, args),
                    context == null ? Map.of() : new HashMap<>(context), throwable);
            synchronized (EVENTS) {
                if (EVENTS.size() == MAX_EVENTS) {
                    EVENTS.removeFirst();
                }
                EVENTS.addLast(event);
            }
        }
    }
}
