package dev.resilientpay.benchmarks.report;

import dev.resilientpay.benchmarks.runs.ChaosRun;
import dev.resilientpay.benchmarks.runs.ColdStartRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Writes the section "Outcomes at high fault rates (issue 8)" of {@code docs/benchmarks.md}, and only
 * that section: it replaces the text between its two marker comments, or appends it when the file has
 * none, so that the rest of the file (other runs, other authors' sections) stays as it is.
 */
public final class Issue8Report {

    /** The comment that opens the section. */
    public static final String BEGIN = "<!-- issue8:begin (written by BenchmarkSuite --only issue8) -->";
    /** The comment that closes the section. */
    public static final String END = "<!-- issue8:end -->";

    private static final String OURS = "resilient-pay";
    private static final String DOCUMENTED_LOOP = "+ documented";

    private final SuiteResults r;
    private final StringBuilder out = new StringBuilder();

    private Issue8Report(SuiteResults results) {
        this.r = results;
    }

    /** Puts the section into {@code file} (created when missing), leaving everything else untouched. */
    public static void write(SuiteResults results, Path file) throws IOException {
        Issue8Report report = new Issue8Report(results);
        report.render();
        splice(file, BEGIN + "\n" + report.out + END + "\n");
        Files.writeString(file.resolveSibling("benchmarks-issue8-examples.txt"), report.examples(),
                StandardCharsets.UTF_8);
    }

    /** The section as it is in {@code file} now, markers included, if any: to keep it across a full rewrite. */
    public static Optional<String> current(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        return begin >= 0 && end > begin ? Optional.of(text.substring(begin, end + END.length()) + "\n")
                : Optional.empty();
    }

    /** Replaces the marked section of {@code file} with {@code section}, or appends it. */
    public static void splice(Path file, String section) throws IOException {
        String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String updated;
        if (begin >= 0 && end > begin) {
            int after = end + END.length();
            if (after < text.length() && text.charAt(after) == '\n') {
                after++;
            }
            updated = text.substring(0, begin) + section + text.substring(after);
        } else {
            updated = text + (text.isEmpty() || text.endsWith("\n\n") ? "" : text.endsWith("\n") ? "\n" : "\n\n")
                    + section;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }

    private void render() {
        line("## Outcomes at high fault rates (issue 8)");
        line("");
        line("Measured on a " + r.machine.cpus() + "-core machine (" + r.machine.cpuModel() + ", " + r.machine.jdk()
                + ") on " + r.machine.date() + ", " + f1(r.issue8Minutes) + " min, load average "
                + f2(r.machine.loadStart()) + " at the start and " + f2(r.loadEnd) + " at the end (the machine was"
                + " shared with other builds: timeouts caused by CPU starvation are part of these figures)."
                + " Reproduce with:");
        line("");
        line("```sh");
        line(r.command);
        line("```");
        line("");
        line("Setup: " + r.issue8Orders + " payment-code orders per client, provider and fault rate, 64 callers;"
                + " our client with a 20 s payment-code deadline, 2 s attempts and every other default (the"
                + " default breaker included); the official SDKs with 2 s connect/read timeouts, as documented,"
                + " and with the query/cancel loop their documentation recommends (query every 5 s for 30 s, then"
                + " up to 5 cancels). The testkit simulators behave as issue 8's independent gateways: a payment"
                + " code is consumed by the first send that creates the order (a re-send is refused with"
                + " `ACQ.PAYMENT_AUTH_CODE_INVALID` / `AUTH_CODE_INVALID`), and after a send that was processed"
                + " but whose answer a fault broke, the next " + r.issue8Lag + " queries of that order answer"
                + " `ACQ.TRADE_NOT_EXIST` / 404 `ORDER_NOT_EXIST`. Faults: the chaos section's eleven kinds,"
                + " drawn uniformly (answers lost after processing, slow answers, resets, 5xx, rate limiting,"
                + " system errors processed or not, broken bodies, broken signatures). Payers: "
                + dev.resilientpay.benchmarks.gateway.PayerKind.MIX + " (the late ones confirm on the phone"
                + " after the till gave up, if their trade is still open). After the storm, our client's"
                + " `resolve()` runs on every order `pay()` left in doubt.");
        line("");
        targets();
        perClient();
        reasons();
        coldStart();
        line("Orders behind each non-zero count, with the gateway's requests and our client's events:"
                + " `docs/benchmarks-issue8-examples.txt`.");
        line("");
    }

    private void targets() {
        line("### Targets");
        line("");
        line("| Target | Provider | Fault rate | Measured | Official loop | Met |");
        line("|---|---|---|---|---|---|");
        for (ChaosRun.Result ours : rows(OURS)) {
            Optional<ChaosRun.Result> loop = official(ours);
            String at = pct(ours.faultRate());
            ChaosRun.Money m = ours.money();
            row("charged but `Failed` = 0", ours, at, count(m.chargedButFailed(), ours),
                    loop.map(l -> count(l.money().chargedButFailed(), l)).orElse("–"), m.chargedButFailed() == 0);
            row("lost = 0", ours, at, count(ours.lost(), ours), loop.map(l -> count(l.lost(), l)).orElse("–"),
                    ours.lost() == 0);
            row("charged twice = 0", ours, at, count(ours.doubleCharges(), ours),
                    loop.map(l -> count(l.doubleCharges(), l)).orElse("–"), ours.doubleCharges() == 0);
            row("`InDoubt` before `resolve()` ≤ 0.1 %", ours, at, count(ours.inDoubt(), ours),
                    loop.map(l -> count(l.inDoubt(), l)).orElse("–"), ours.inDoubt() <= ours.payments() / 1000.0);
            row("never created but `InDoubt` = 0", ours, at, count(m.neverCreatedInDoubt(), ours),
                    loop.map(l -> count(l.money().neverCreatedInDoubt(), l)).orElse("–"), m.neverCreatedInDoubt() == 0);
            int loopRefunded = loop.map(l -> l.money().paidThenRefunded()).orElse(Integer.MAX_VALUE);
            row("paid, then refunded by the deadline cancel ≤ official loop", ours, at,
                    count(m.paidThenRefunded(), ours), loop.map(l -> count(l.money().paidThenRefunded(), l)).orElse("–"),
                    m.paidThenRefunded() <= loopRefunded);
            row("charged after `pay()` returned = 0", ours, at, count(m.chargedAfterReturn(), ours)
                            + " (late confirmation " + m.chargedByLateConfirm() + ", by `resolve()` " + m.chargedByResolve() + ")",
                    loop.map(l -> count(l.money().chargedAfterReturn(), l)).orElse("–"), m.chargedAfterReturn() == 0);
            row("`InDoubt` after `resolve()` = 0", ours, at, count(ours.inDoubtAfterResolve(), ours), "–",
                    ours.inDoubtAfterResolve() == 0);
            row("`NOT_SENT` (\"never reached the gateway\") only when the gateway never created the order", ours, at,
                    m.notSentButCreated() + " created, " + m.notSentButCharged() + " of them charged and refunded", "–",
                    m.notSentButCreated() == 0);
        }
        for (ColdStartRun.Result cold : r.coldStarts) {
            line("| breaker never open at 0 % faults, " + cold.callers() + " cold callers | " + cold.gateway()
                    + " | 0 % | opened " + cold.breakerOpenings() + "×, " + cold.turnedAway() + " of " + cold.payments()
                    + " payers not paid with nothing sent | – | " + (cold.breakerOpenings() == 0 ? "yes" : "**no**")
                    + " |");
        }
        line("");
    }

    private void row(String target, ChaosRun.Result ours, String at, String measured, String loop, boolean met) {
        line("| " + target + " | " + ours.gateway() + " | " + at + " | " + measured + " | " + loop + " | "
                + (met ? "yes" : "**no**") + " |");
    }

    private void perClient() {
        line("### Every client");
        line("");
        line("Counts per " + r.issue8Orders + " orders. *Refunded*: charged, then reversed by the client's"
                + " cancel. *After return*: charged after the call returned (late confirmation of a trade left"
                + " open, or a charge made by `resolve()`). *Never created*: in doubt although the gateway never"
                + " created the order. *Gave up*: not paid although the payer could pay.");
        line("");
        line("| Provider | Faults | Client | Paid | Not paid | Gave up | In doubt (after `resolve`) | Never created"
                + " | Charged but not paid | Charged twice | Refunded | After return | Breaker opened | p99 definite, ms |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (ChaosRun.Result c : r.issue8) {
            ChaosRun.Money m = c.money();
            line("| " + c.gateway() + " | " + pct(c.faultRate()) + " | " + c.client() + " | " + c.paid() + " | "
                    + c.notPaid() + " | " + c.declinedPayable() + " | " + c.inDoubt()
                    + (c.inDoubtAfterResolve() >= 0 ? " (" + c.inDoubtAfterResolve() + ")" : "") + " | "
                    + m.neverCreatedInDoubt() + " | " + m.chargedButFailed() + " | " + c.doubleCharges() + " | "
                    + m.paidThenRefunded() + " | " + m.chargedAfterReturn() + " | "
                    + (m.breakerOpenings() < 0 ? "–" : m.breakerOpenings()) + " | " + f0(c.p99()) + " |");
        }
        line("");
    }

    private void reasons() {
        List<ChaosRun.Result> ours = rows(OURS);
        if (ours.isEmpty()) {
            return;
        }
        line("### Typed reasons of our `pay()` outcomes");
        line("");
        Map<String, List<String>> table = new TreeMap<>();
        for (int i = 0; i < ours.size(); i++) {
            for (Map.Entry<String, Integer> e : ours.get(i).money().reasons().entrySet()) {
                List<String> cells = table.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
                while (cells.size() < i) {
                    cells.add("0");
                }
                cells.add(Integer.toString(e.getValue()));
            }
        }
        StringBuilder header = new StringBuilder("| Reason |");
        StringBuilder rule = new StringBuilder("|---|");
        for (ChaosRun.Result c : ours) {
            header.append(' ').append(c.gateway()).append(' ').append(pct(c.faultRate())).append(" |");
            rule.append("---|");
        }
        line(header.toString());
        line(rule.toString());
        for (Map.Entry<String, List<String>> e : table.entrySet()) {
            List<String> cells = e.getValue();
            while (cells.size() < ours.size()) {
                cells.add("0");
            }
            line("| `" + e.getKey() + "` | " + String.join(" | ", cells) + " |");
        }
        line("");
        line("`ORDER_CLOSED` is \"closed\", `PAYMENT_REVERSED` \"reversed and refunded\", `NOT_SENT` \"never reached"
                + " the gateway\", `PAYER_DID_NOT_CONFIRM` \"payer did not confirm\"; `IN_DOUBT/x` is an `InDoubt`"
                + " whose last failure was `x`.");
        line("");
    }

    private void coldStart() {
        if (r.coldStarts.isEmpty()) {
            return;
        }
        line("### Cold start, no faults");
        line("");
        line("A fresh JVM per provider (`ColdStartRun`, forked), a fresh client with the default breaker,"
                + " 64 callers released at once, no fault injected.");
        line("");
        line("| Provider | Payments | Paid | Not paid | In doubt | Breaker opened | Not paid, nothing sent"
                + " | Paid, then refunded | Charged, not paid | Longest `pay()`, s | All done after, s | Reasons |");
        line("|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (ColdStartRun.Result c : r.coldStarts) {
            line("| " + c.gateway() + " | " + c.payments() + " | " + c.paid() + " | " + c.notPaid() + " | " + c.inDoubt()
                    + " | " + c.breakerOpenings() + " | " + c.turnedAway() + " | " + c.refunded() + " | "
                    + c.chargedNotPaid() + " | " + f1(c.longestCall()) + " | " + f1(c.seconds()) + " | "
                    + c.reasons() + " |");
        }
        line("");
    }

    private String examples() {
        StringBuilder text = new StringBuilder();
        for (String cold : ColdStartRun.EXAMPLES) {
            text.append("== cold start ").append(cold).append('\n');
        }
        for (ChaosRun.Result c : r.issue8) {
            for (Map.Entry<String, List<String>> e : c.money().examples().entrySet()) {
                text.append("== ").append(c.gateway()).append(' ').append(pct(c.faultRate())).append(' ')
                        .append(c.client()).append(": ").append(e.getKey()).append('\n');
                for (String order : e.getValue()) {
                    text.append("  ").append(order).append('\n');
                }
            }
        }
        return text.toString();
    }

    private List<ChaosRun.Result> rows(String client) {
        return r.issue8.stream().filter(c -> c.client().equals(client)).toList();
    }

    /** The SDK with its documented loop at the same provider and rate. */
    private Optional<ChaosRun.Result> official(ChaosRun.Result ours) {
        return r.issue8.stream().filter(c -> c.gateway().equals(ours.gateway()) && c.faultRate() == ours.faultRate()
                && c.client().contains(DOCUMENTED_LOOP)).findFirst();
    }

    private static String count(int n, ChaosRun.Result c) {
        return n + " (" + String.format(Locale.ROOT, "%.2f", 100.0 * n / c.payments()) + " %)";
    }

    private static String pct(double rate) {
        return String.format(Locale.ROOT, "%.0f %%", rate * 100);
    }

    private static String f0(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    private static String f1(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String f2(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
