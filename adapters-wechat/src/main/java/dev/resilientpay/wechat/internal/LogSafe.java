package dev.resilientpay.wechat.internal;

/**
 * Makes a value nobody has verified yet (a header of a notification post, a serial named by an answer)
 * safe to put in a log line or a rejection detail: control characters (CR, LF, ANSI escapes) become
 * {@code ?} so a forged value cannot start a fake log line, and it is cut to {@value #MAX_CHARS} characters.
 */
public final class LogSafe {

    /** The longest value kept; longer ones end in {@code …}. */
    public static final int MAX_CHARS = 64;

    private LogSafe() {}

    /** {@code value} printable, single-line and at most {@link #MAX_CHARS} characters; {@code null} stays. */
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
