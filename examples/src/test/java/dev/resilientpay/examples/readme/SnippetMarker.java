package dev.resilientpay.examples.readme;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@code <!-- snippet: … -->} comment before a README code block says about it. Attributes are
 * separated by {@code ;}: {@code compile-only}, {@code java N}, {@code given T a, U b},
 * {@code stub void f(T t), R g()} and {@code returns T} (see {@link ReadmeSnippetsTest}).
 */
record SnippetMarker(boolean compileOnly, int javaRelease, List<String> given, List<String> stubs, String returns) {

    static final SnippetMarker NONE = new SnippetMarker(false, 17, List.of(), List.of(), null);

    private static final Pattern COMMENT = Pattern.compile("^\\s*<!--\\s*snippet:(.*)-->\\s*$");

    /** The marker in {@code line}, {@link #NONE} when the line is not a snippet comment. */
    static SnippetMarker parse(String line) {
        Matcher comment = COMMENT.matcher(line);
        if (!comment.matches()) {
            return NONE;
        }
        boolean compileOnly = false;
        int java = 17;
        List<String> given = List.of();
        List<String> stubs = List.of();
        String returns = null;
        for (String attribute : comment.group(1).split(";")) {
            String a = attribute.strip();
            if (a.equals("compile-only")) {
                compileOnly = true;
            } else if (a.startsWith("java ")) {
                java = Integer.parseInt(a.substring(5).strip());
            } else if (a.startsWith("given ")) {
                given = splitTopLevel(a.substring(6));
            } else if (a.startsWith("stub ")) {
                stubs = splitTopLevel(a.substring(5));
            } else if (a.startsWith("returns ")) {
                returns = a.substring(8).strip();
            } else if (!a.isEmpty()) {
                throw new IllegalArgumentException("unknown snippet attribute '" + a + "' in: " + line.strip());
            }
        }
        return new SnippetMarker(compileOnly, java, given, stubs, returns);
    }

    /** Splits at commas outside {@code <>} and {@code ()}: {@code Map<String, String> h, byte[] b}. */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder part = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '<' || c == '(') {
                depth++;
            } else if (c == '>' || c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(part.toString().strip());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        if (!part.toString().isBlank()) {
            parts.add(part.toString().strip());
        }
        return List.copyOf(parts);
    }
}
