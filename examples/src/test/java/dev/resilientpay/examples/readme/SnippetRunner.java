package dev.resilientpay.examples.readme;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** Compiles a README block with {@code javax.tools} against the test class path, and runs it. */
final class SnippetRunner {

    private final Path workDirectory;
    private final SnippetFixtures fixtures;

    SnippetRunner(Path workDirectory, SnippetFixtures fixtures) {
        this.workDirectory = workDirectory;
        this.fixtures = fixtures;
    }

    /** Compiles the block; throws {@link AssertionError} naming README lines when it does not compile. */
    Class<?> compile(Snippet snippet) throws IOException {
        SnippetSource source = SnippetSource.of(snippet);
        Path dir = Files.createDirectories(workDirectory.resolve("line" + snippet.line()));
        Path file = dir.resolve(source.className() + ".java");
        Files.writeString(file, source.source());

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
            List<String> options = List.of("--release", String.valueOf(snippet.marker().javaRelease()),
                    "-classpath", testClassPath(), "-d", dir.toString(), "-proc:none", "-encoding", "UTF-8");
            boolean ok = compiler.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(file)).call();
            if (!ok) {
                String errors = diagnostics.getDiagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                        .map(d -> "README.md:" + source.readmeLine(d.getLineNumber()) + ": " + d.getMessage(Locale.ROOT))
                        .collect(Collectors.joining("\n"));
                throw new AssertionError("the README block at " + snippet.name() + " does not compile:\n" + errors
                        + "\n\nas compiled (README line | code):\n" + source.listing());
            }
        }
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        try {
            return Class.forName(source.className(), true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("compiled but not found: " + source.className(), e);
        }
    }

    /**
     * Runs a compiled block: statements through {@code run(<given>)} with values from the fixtures, a class
     * with JUnit {@code @Test} methods through the JUnit Platform, a class with {@code main} through main.
     *
     * @return what was run, for the report; {@code null} when the block has nothing to run
     */
    String run(Snippet snippet, Class<?> compiled) throws Throwable {
        SnippetSource.Kind kind = SnippetSource.of(snippet).kind();
        if (kind == SnippetSource.Kind.STATEMENTS) {
            Method run = Arrays.stream(compiled.getMethods()).filter(m -> m.getName().equals("run")).findFirst().orElseThrow();
            Object[] args = snippet.marker().given().stream().map(fixtures::value).toArray();
            invoke(run, compiled.getConstructor().newInstance(), args);
            return "run(" + String.join(", ", snippet.marker().given()) + ")";
        }
        if (hasJUnitTests(compiled)) {
            return runJUnit(compiled);
        }
        for (Method m : compiled.getMethods()) {
            if (m.getName().equals("main") && Modifier.isStatic(m.getModifiers())) {
                invoke(m, null, new Object[] {new String[0]});
                return "main";
            }
        }
        return null;
    }

    private static void invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean hasJUnitTests(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .anyMatch(m -> Arrays.stream(m.getAnnotations())
                        .anyMatch(a -> a.annotationType().getName().equals("org.junit.jupiter.api.Test")));
    }

    private static String runJUnit(Class<?> type) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(type)).build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        if (summary.getTotalFailureCount() > 0) {
            AssertionError error = new AssertionError(summary.getTotalFailureCount() + " of the block's tests failed");
            summary.getFailures().forEach(f -> error.addSuppressed(f.getException()));
            throw error;
        }
        if (summary.getTestsSucceededCount() == 0) {
            throw new AssertionError("the block's tests did not run: " + summary.getTestsFoundCount() + " found");
        }
        return summary.getTestsSucceededCount() + " JUnit test(s)";
    }

    private static String testClassPath() {
        String path = System.getProperty("surefire.test.class.path");
        return path != null && !path.isBlank() ? path : System.getProperty("java.class.path");
    }
}
