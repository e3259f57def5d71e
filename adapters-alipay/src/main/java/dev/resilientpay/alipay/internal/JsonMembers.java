package dev.resilientpay.alipay.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the members of a JSON object body as raw text spans, without re-serialising anything:
 * Alipay signs the exact characters of the response node, so the verifier must see them as sent.
 * Braces and brackets are counted outside strings only, and backslash escapes inside strings are
 * honoured, so {@code "}"} or {@code "\""} inside a value cannot end a node early.
 */
final class JsonMembers {

    /**
     * One top-level member.
     *
     * @param rawName the name as written between its quotes (escapes not decoded)
     * @param start   index of the value's first character
     * @param end     index after the value's last character
     */
    record Member(String rawName, int start, int end) {
        /** The value's raw text in {@code body}. */
        String rawValue(String body) {
            return body.substring(start, end);
        }
    }

    private JsonMembers() {}

    /**
     * The members of the object that is the whole of {@code body}, in order, duplicates included.
     *
     * @throws IllegalArgumentException if the body is not a single JSON object
     */
    static List<Member> of(String body) {
        List<Member> members = new ArrayList<>();
        int i = skipWhitespace(body, 0);
        expect(body, i, '{');
        i = skipWhitespace(body, i + 1);
        if (i < body.length() && body.charAt(i) == '}') {
            requireEnd(body, i + 1);
            return members;
        }
        while (true) {
            expect(body, i, '"');
            int nameEnd = endOfString(body, i);
            String name = body.substring(i + 1, nameEnd - 1);
            i = skipWhitespace(body, nameEnd);
            expect(body, i, ':');
            int start = skipWhitespace(body, i + 1);
            int end = endOfValue(body, start);
            members.add(new Member(name, start, end));
            i = skipWhitespace(body, end);
            if (i < body.length() && body.charAt(i) == ',') {
                i = skipWhitespace(body, i + 1);
                continue;
            }
            expect(body, i, '}');
            requireEnd(body, i + 1);
            return members;
        }
    }

    private static int endOfValue(String s, int i) {
        if (i >= s.length()) {
            throw new IllegalArgumentException("value expected at end of body");
        }
        char c = s.charAt(i);
        if (c == '"') {
            return endOfString(s, i);
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            int j = i;
            while (j < s.length()) {
                char d = s.charAt(j);
                if (d == '"') {
                    j = endOfString(s, j);
                    continue;
                }
                if (d == '{' || d == '[') {
                    depth++;
                } else if (d == '}' || d == ']') {
                    depth--;
                    if (depth == 0) {
                        return j + 1;
                    }
                }
                j++;
            }
            throw new IllegalArgumentException("unbalanced braces");
        }
        int j = i;
        while (j < s.length() && ",}] \t\r\n".indexOf(s.charAt(j)) < 0) {
            j++;
        }
        if (j == i) {
            throw new IllegalArgumentException("value expected at " + i);
        }
        return j;
    }

    /** {@code i} is at an opening quote; returns the index after the closing quote. */
    private static int endOfString(String s, int i) {
        int j = i + 1;
        while (j < s.length()) {
            char c = s.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '"') {
                return j + 1;
            }
            j++;
        }
        throw new IllegalArgumentException("unterminated string");
    }

    private static int skipWhitespace(String s, int i) {
        while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    private static void expect(String s, int i, char c) {
        if (i >= s.length() || s.charAt(i) != c) {
            throw new IllegalArgumentException("'" + c + "' expected at " + i);
        }
    }

    private static void requireEnd(String s, int i) {
        if (skipWhitespace(s, i) != s.length()) {
            throw new IllegalArgumentException("text after the JSON object");
        }
    }
}
