package dev.resilientpay.testkit.internal.alipay;

import java.util.List;
import java.util.Map;

/**
 * Writes a response node as the Alipay gateway does: compact JSON, fields in the given order,
 * non-ASCII text as raw UTF-8, and {@code /} escaped as {@code \/} (the gateway's habit that breaks
 * clients which re-serialise before verifying). The signature covers exactly this text.
 */
public final class ResponseNodeWriter {

    private ResponseNodeWriter() {
    }

    /** The JSON text of {@code node}. */
    public static String write(Map<String, Object> node) {
        StringBuilder out = new StringBuilder(256);
        writeValue(node, out);
        return out.toString();
    }

    private static void writeValue(Object value, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                writeString(String.valueOf(entry.getKey()), out);
                out.append(':');
                writeValue(entry.getValue(), out);
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(list.get(i), out);
            }
            out.append(']');
        } else {
            writeString(String.valueOf(value), out);
        }
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
