package dev.resilientpay.examples.readme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of {@code README.md} compiles as written, and every block that can run
 * runs against the testkit simulators, so the README cannot drift from the code.
 *
 * <p>How a block is compiled: its leading {@code import} lines are its imports (a block must import
 * what it uses, as a user pasting it would). The rest is taken as written: a block that declares a
 * top-level type is a compilation unit; a block that starts with an annotation or a modifier is the
 * members of a class; anything else is statements, the body of {@code run(…)}. It is compiled with
 * {@code javax.tools.JavaCompiler} for Java 17 against the test class path (the examples module's:
 * core, both adapters, the testkit, JUnit 5, AssertJ, SLF4J).
 *
 * <p>How a block is run: statements through {@code run(…)}; a class with JUnit {@code @Test} methods
 * through the JUnit Platform; a class with {@code main} through main. A block fails the test if it
 * does not compile, throws, or its tests fail.
 *
 * <p>An HTML comment on the line before the block (invisible on GitHub) says more about it:
 * <pre>{@code
 * <!-- snippet: compile-only; java 21; given PaymentClient client, String orderId; stub void fulfil(PaymentOutcome o); returns String -->
 * }</pre>
 * <ul>
 *   <li>{@code compile-only}: compiled, never run (it needs real keys, a server, a real gateway…);</li>
 *   <li>{@code java N}: needs Java N to compile (e.g. {@code switch} with patterns: 21); skipped on older JDKs
 *       ({@code .ci/run} also runs the suite on JDK 25);</li>
 *   <li>{@code given T name, …}: variables the block uses but does not declare (they come from the text
 *       around it) — parameters of {@code run}. A runnable block gets them from {@link SnippetFixtures},
 *       which lists what it can supply; their types are imported for the block;</li>
 *   <li>{@code stub R m(…), …}: methods the block calls that stand for the reader's code ({@code receipt},
 *       {@code store}); a {@code void} stub does nothing, any other throws when called;</li>
 *   <li>{@code returns T}: the statements are the body of a method returning {@code T} (they may
 *       {@code return}).</li>
 * </ul>
 * New README sections need nothing here: their blocks are found and checked as they are added.
 */
class ReadmeSnippetsTest {

    @TempDir
    static Path work;

    private static SnippetFixtures fixtures;
    private static SnippetRunner runner;

    @BeforeAll
    static void startFixtures() {
        fixtures = new SnippetFixtures();
        runner = new SnippetRunner(work, fixtures);
    }

    @AfterAll
    static void stopFixtures() {
        fixtures.close();
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheReadmeCompilesAndTheRunnableOnesRun() throws IOException {
        List<Snippet> snippets = Snippet.parse(Files.readAllLines(readme()));
        assertThat(snippets).as("java blocks in " + readme()).hasSizeGreaterThanOrEqualTo(10);
        return snippets.stream().map(s -> dynamicTest(s.name() + describe(s.marker()), () -> check(s)));
    }

    @Test
    void aBlockThatDoesNotCompileFailsNamingItsReadmeLine() {
        Snippet broken = new Snippet(40, List.of("import dev.resilientpay.Money;", "", "Money m = Money.of(12);"),
                SnippetMarker.NONE);

        assertThatThrownBy(() -> runner.compile(broken)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("README.md:42: ");
    }

    @Test
    void aBlockThatThrowsWhenRunFailsTheCheck() {
        // the quick start as it was: Alipay refuses '&' in a subject, before anything is sent
        Snippet quickStart = new Snippet(1, List.of(
                "import dev.resilientpay.*;",
                "PaymentClient client = PaymentClient.builder().provider(provider).build();",
                "client.pay(PaymentRequest.builder().orderId(\"T1\").amount(Money.of(\"88.88\", \"CNY\"))",
                "        .subject(\"Coffee & cake\").method(new PaymentMethod.PaymentCode(scannedCode)).build());"),
                SnippetMarker.parse("<!-- snippet: given PaymentProvider provider, String scannedCode -->"));

        assertThatThrownBy(() -> check(quickStart)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("subject");
    }

    @Test
    void markersSplitGivenVariablesAndStubsAtTopLevelCommasOnly() {
        SnippetMarker marker = SnippetMarker.parse("<!-- snippet: compile-only; java 21; "
                + "given Map<String, String> headers, byte[] rawBody; stub void store(Notification n, int times) -->");

        assertThat(marker.compileOnly()).isTrue();
        assertThat(marker.javaRelease()).isEqualTo(21);
        assertThat(marker.given()).containsExactly("Map<String, String> headers", "byte[] rawBody");
        assertThat(marker.stubs()).containsExactly("void store(Notification n, int times)");
        assertThatThrownBy(() -> SnippetMarker.parse("<!-- snippet: compile-ony -->"))
                .hasMessageContaining("unknown snippet attribute 'compile-ony'");
    }

    private static void check(Snippet snippet) throws Throwable {
        int needed = snippet.marker().javaRelease();
        Assumptions.assumeTrue(Runtime.version().feature() >= needed,
                () -> snippet.name() + " needs Java " + needed + "; this JDK is " + Runtime.version().feature());
        Class<?> compiled = runner.compile(snippet);
        if (!snippet.marker().compileOnly()) {
            for (String given : snippet.marker().given()) {
                assertThat(SnippetFixtures.KNOWN).as(snippet.name() + ": no fixture for 'given " + given
                        + "'; mark the block compile-only or add the fixture to SnippetFixtures").contains(given.strip());
            }
            runner.run(snippet, compiled);
        }
    }

    private static String describe(SnippetMarker marker) {
        return marker.compileOnly() ? " (compiles)" : " (compiles and runs)";
    }

    private static Path readme() {
        return Path.of(System.getProperty("readme.path", "../README.md"));
    }
}
