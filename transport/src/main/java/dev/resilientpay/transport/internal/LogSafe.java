package dev.resilientpay.transport.internal;

/**
 * Makes a value that nobody has verified yet (a field of a notification post, a header, a serial named
 * by an answer) safe to put in a log line or a rejection detail: control characters (CR, LF, tabs, ANSI
 * escapes) become {@code ?} so a forged value cannot start a fake log line, and the value is cut to
 * {@value #MAX_CHARS} characters so a large field cannot flood the log. Shared by the adapters.
 */
public final class LogSafe {

    /** The longest value kept; longer ones end in {@code …}. */
    public static final int MAX_CHARS = 64;

    private LogSafe() {}

    /**
     * {@code value} printable, single-line and at most {@link #MAX_CHARS} characters.
     *
     * @param value the unverified value, or {@code null}
     * @return the value made safe; {@code null} stays {@code null}
     */
    public static String of(String value) {
        if (value == null) {
            return null;
        }
        boolean cut = value.length() > MAX_CHARS;
        String head = cut ? value.substring(0, MAX_CHARS) : value;
        StringBuilder out = new StringBuilder(head.length() + 1);
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? '?' : c);
        }
        return cut ? out.append('…').toString() : out.toString();
    }
}
