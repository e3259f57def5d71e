package dev.resilientpay.testlog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.event.Level;

/** Every log event of the test JVM, captured by {@link RecordingLogProvider} with the MDC of the moment. */
public final class RecordedLogs {

    /** One log event. */
    public record Event(Level level, String logger, String message, Map<String, String> mdc, Throwable thrown) {}

    private static final List<Event> EVENTS = new ArrayList<>();

    private RecordedLogs() {}

    static synchronized void add(Event event) {
        EVENTS.add(event);
    }

    /** Forgets everything recorded so far. */
    public static synchronized void clear() {
        EVENTS.clear();
    }

    /** A snapshot of the events. */
    public static synchronized List<Event> events() {
        return List.copyOf(EVENTS);
    }
}
