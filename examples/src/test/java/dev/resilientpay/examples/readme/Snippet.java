package dev.resilientpay.examples.readme;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code ```java} block of the README.
 *
 * @param line   the README line of the block's first code line (1-based)
 * @param lines  the block's lines, fences excluded
 * @param marker what the {@code <!-- snippet: … -->} comment before the block says, or {@link SnippetMarker#NONE}
 */
record Snippet(int line, List<String> lines, SnippetMarker marker) {

    /** Every {@code ```java} block of a Markdown text, in order. */
    static List<Snippet> parse(List<String> markdown) {
        List<Snippet> snippets = new ArrayList<>();
        for (int i = 0; i < markdown.size(); i++) {
            if (!markdown.get(i).strip().equals("```java")) {
                continue;
            }
            SnippetMarker marker = SnippetMarker.NONE;
            for (int j = i - 1; j >= 0; j--) {
                if (!markdown.get(j).isBlank()) {
                    marker = SnippetMarker.parse(markdown.get(j));
                    break;
                }
            }
            int end = i + 1;
            while (end < markdown.size() && !markdown.get(end).strip().equals("```")) {
                end++;
            }
            if (end == markdown.size()) {
                throw new IllegalArgumentException("the java block at line " + (i + 1) + " is never closed");
            }
            snippets.add(new Snippet(i + 2, List.copyOf(markdown.subList(i + 1, end)), marker));
            i = end;
        }
        return List.copyOf(snippets);
    }

    /** A name for reports: {@code README.md:35}. */
    String name() {
        return "README.md:" + line;
    }
}
