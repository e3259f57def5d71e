package dev.resilientpay.examples.readme;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A README block turned into a compilation unit: its own imports first, then the block as written —
 * as a whole file when it declares a type, as the body of a class when it declares members, or as the
 * body of {@code run(<given>)} when it is statements. {@link #readmeLine(long)} maps compiler line
 * numbers back to the README.
 *
 * @param kind      how the block was wrapped
 * @param className the class to load and run
 * @param source    the Java source
 * @param lineMap   for each source line (0-based), the README line it came from, or 0 for generated lines
 */
record SnippetSource(Kind kind, String className, String source, int[] lineMap) {

    /** How a block is wrapped. */
    enum Kind {
        /** The block declares a top-level type: compiled as written. */
        TYPE,
        /** The block declares fields and methods: wrapped in a class. */
        MEMBERS,
        /** The block is statements: the body of {@code run(<given>)}. */
        STATEMENTS
    }

    private static final Pattern TYPE_DECLARATION =
            Pattern.compile("^(?:public\\s+|final\\s+|abstract\\s+|sealed\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");
    private static final Pattern MEMBER_START =
            Pattern.compile("^(?:@|static\\b|private\\b|protected\\b|public\\b|final\\b|void\\b)");
    /** Where the types named in {@code given} and {@code stub} are looked up. */
    private static final List<String> PACKAGES = List.of("java.lang", "dev.resilientpay", "dev.resilientpay.spi",
            "dev.resilientpay.alipay", "dev.resilientpay.wechat", "dev.resilientpay.testkit", "java.util",
            "java.time", "java.nio.file", "java.util.concurrent", "org.slf4j");

    static SnippetSource of(Snippet snippet) {
        List<String> lines = snippet.lines();
        int bodyStart = 0;
        while (bodyStart < lines.size() && isHeader(lines.get(bodyStart))) {
            bodyStart++;
        }
        List<String> imports = lines.subList(0, bodyStart);
        List<String> body = lines.subList(bodyStart, lines.size());
        String firstCode = body.stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();

        List<String> out = new ArrayList<>();
        List<Integer> map = new ArrayList<>();
        for (int i = 0; i < imports.size(); i++) {
            add(out, map, imports.get(i), snippet.line() + i);
        }
        for (String extra : importsFor(snippet.marker(), imports)) {
            add(out, map, extra, 0);
        }

        Matcher type = body.stream().map(TYPE_DECLARATION::matcher).filter(Matcher::find).findFirst().orElse(null);
        Kind kind = type != null ? Kind.TYPE : MEMBER_START.matcher(firstCode).find() ? Kind.MEMBERS : Kind.STATEMENTS;
        String className = type != null ? type.group(1) : "ReadmeLine" + snippet.line();
        SnippetMarker marker = snippet.marker();
        if (kind != Kind.TYPE) {
            add(out, map, "public class " + className + " {", 0);
            if (kind == Kind.STATEMENTS) {
                String returns = marker.returns() == null ? "void" : marker.returns();
                add(out, map, "public " + returns + " run(" + String.join(", ", marker.given()) + ") throws Exception {", 0);
            }
        }
        for (int i = 0; i < body.size(); i++) {
            add(out, map, body.get(i), snippet.line() + bodyStart + i);
        }
        if (kind != Kind.TYPE) {
            if (kind == Kind.STATEMENTS) {
                // with "returns T" the block may return early (a fragment of a method returning T)
                add(out, map, marker.returns() == null ? "}" : "return null; }", 0);
            }
            for (String stub : marker.stubs()) {
                // void stubs do nothing, so a runnable block may call them; others must never be reached
                add(out, map, stub + (stub.startsWith("void ") ? " { }" : " { throw new UnsupportedOperationException(); }"), 0);
            }
            add(out, map, "}", 0);
        }
        return new SnippetSource(kind, className, String.join("\n", out) + "\n",
                map.stream().mapToInt(Integer::intValue).toArray());
    }

    /** The README line of compiler line {@code sourceLine} (1-based), or 0 for a generated line. */
    int readmeLine(long sourceLine) {
        return sourceLine >= 1 && sourceLine <= lineMap.length ? lineMap[(int) sourceLine - 1] : 0;
    }

    /** The source with line numbers, README lines where the line came from the README. */
    String listing() {
        String[] lines = source.split("\n", -1);
        StringBuilder listing = new StringBuilder();
        for (int i = 0; i < lines.length && i < lineMap.length; i++) {
            listing.append(lineMap[i] == 0 ? "   +" : String.format("%4d", lineMap[i])).append(" | ").append(lines[i]).append('\n');
        }
        return listing.toString();
    }

    private static boolean isHeader(String line) {
        String l = line.strip();
        return l.isEmpty() || l.startsWith("import ") || l.startsWith("//");
    }

    private static void add(List<String> out, List<Integer> map, String line, int readmeLine) {
        out.add(line);
        map.add(readmeLine);
    }

    /** Imports for the types that only the marker names (a given variable's type, a stub's parameters). */
    private static Set<String> importsFor(SnippetMarker marker, List<String> blockImports) {
        Set<String> imports = new LinkedHashSet<>();
        List<String> declarations = new ArrayList<>(marker.given());
        declarations.addAll(marker.stubs());
        if (marker.returns() != null) {
            declarations.add(marker.returns());
        }
        Matcher names = Pattern.compile("\\b[A-Z]\\w*").matcher(String.join(" ", declarations));
        while (names.find()) {
            String simple = names.group();
            boolean imported = blockImports.stream().anyMatch(i -> i.strip().endsWith("." + simple + ";"));
            if (!imported) {
                resolve(simple).filter(fqn -> !fqn.startsWith("java.lang.")).ifPresent(fqn -> imports.add("import " + fqn + ";"));
            }
        }
        return imports;
    }

    private static java.util.Optional<String> resolve(String simpleName) {
        for (String pkg : PACKAGES) {
            try {
                Class.forName(pkg + "." + simpleName, false, SnippetSource.class.getClassLoader());
                return java.util.Optional.of(pkg + "." + simpleName);
            } catch (ClassNotFoundException notHere) {
                // next package
            }
        }
        return java.util.Optional.empty();
    }
}
