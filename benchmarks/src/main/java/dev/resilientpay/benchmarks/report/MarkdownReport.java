package dev.resilientpay.benchmarks.report;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.benchmarks.gateway.PayerKind;
import dev.resilientpay.benchmarks.runs.ChaosRun;
import dev.resilientpay.benchmarks.runs.JmhRun;
import dev.resilientpay.benchmarks.runs.LoadRun;
import dev.resilientpay.benchmarks.runs.OutageRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes {@code docs/benchmarks.md} from a suite's results. */
public final class MarkdownReport {

    private static final String OURS = "resilient-pay";
    private static final String SHORT = "resilient-pay, breaker 50 % of last 20 (earlier default)";
    private static final String[] GATEWAYS = {"Alipay", "WeChat Pay"};

    private final SuiteResults r;
    private final StringBuilder out = new StringBuilder();

    private MarkdownReport(SuiteResults results) {
        this.r = results;
    }

    /** Writes the report to {@code file}. */
    public static void write(SuiteResults results, Path file) throws IOException {
        MarkdownReport report = new MarkdownReport(results);
        report.render();
        Files.createDirectories(file.getParent());
        Files.writeString(file, report.out.toString(), StandardCharsets.UTF_8);
    }

    private void render() {
        line("# Benchmarks");
        line("");
        line("Measured on a **" + r.machine.cpus() + "-core** machine (" + r.machine.cpuModel() + ", "
                + f1(r.machine.memoryGb()) + " GiB, " + r.machine.jdk() + ", " + r.machine.os() + ") on "
                + r.machine.date() + ", " + r.mode + " run, " + f1(r.minutes) + " min. Load average "
                + f2(r.machine.loadStart()) + " at the start, " + f2(r.loadEnd) + " at the end. Everything ran in"
                + " one process on this machine: the simulators, the clients and JMH's forks share its cores, so"
                + " absolute figures are low and the comparisons are what matters. Reproduce with:");
        line("");
        line("```sh");
        line(r.command);
        line("```");
        line("");
        line("![Summary chart](benchmarks.svg)");
        line("");
        targets();
        findings();
        jmh();
        sideBySide();
        chaos();
        outage();
        method();
    }

    // ------------------------------------------------------------------ targets

    private void targets() {
        line("## Targets");
        line("");
        line("| target | measured | met |");
        line("|---|---|---|");
        Optional<JmhRun.Row> memDirect = r.jmh("adapterDirect", "in-memory");
        Optional<JmhRun.Row> memClient = r.jmh("paymentClient", "in-memory");
        if (memDirect.isPresent() && memClient.isPresent()) {
            // The pipeline's cost is measured without I/O (in-memory adapter); as a share of a real call
            // it is compared with the loopback adapter's own time, whose noise is far larger than it.
            double overhead = memClient.get().micros() - memDirect.get().micros();
            StringBuilder pct = new StringBuilder();
            boolean pctOk = true;
            for (String p : new String[] {"alipay", "wechat"}) {
                Optional<JmhRun.Row> d = r.jmh("adapterDirect", p);
                if (d.isPresent()) {
                    double percent = 100 * overhead / d.get().micros();
                    pctOk &= percent <= 5;
                    pct.append(", ").append(f2(percent)).append(" % of a loopback call (").append(p).append(")");
                }
            }
            row("pipeline overhead ≤ 20 µs and ≤ 5 % per call", f1(overhead) + " µs" + pct,
                    overhead <= 20 && pctOk);
        }
        for (String gateway : GATEWAYS) {
            Optional<LoadRun.Result> ours = r.busiestLoad(gateway, OURS);
            Optional<LoadRun.Result> sdk = r.busiestLoad(gateway, sdkPrefix(gateway));
            if (ours.isPresent() && sdk.isPresent()) {
                double cpu = ours.get().cpuMicros() / sdk.get().cpuMicros();
                double limit = gateway.equals("Alipay") ? 0.5 : 1.0;
                row("client CPU per call ≤ " + limit + "× " + sdkPrefix(gateway),
                        f2(cpu) + "× (" + f0(ours.get().cpuMicros()) + " vs " + f0(sdk.get().cpuMicros()) + " µs)",
                        cpu <= limit);
            }
        }
        for (String gateway : GATEWAYS) {
            Optional<LoadRun.Result> ours = r.busiestLoad(gateway, OURS);
            Optional<LoadRun.Result> sdk = r.busiestLoad(gateway, sdkPrefix(gateway));
            if (ours.isPresent() && sdk.isPresent()) {
                double tp = ours.get().perSecond() / sdk.get().perSecond();
                double limit = gateway.equals("Alipay") ? 1.5 : 1.0;
                row("throughput ≥ " + limit + "× " + sdkPrefix(gateway) + " (" + ours.get().threads() + " callers)",
                        f2(tp) + "× (" + f0(ours.get().perSecond()) + " vs " + f0(sdk.get().perSecond()) + " /s)",
                        tp >= limit);
            }
        }
        List<ChaosRun.Result> worst = new ArrayList<>();
        double maxRate = r.chaos.stream().mapToDouble(ChaosRun.Result::faultRate).max().orElse(0);
        for (String gateway : GATEWAYS) {
            r.chaos(gateway, OURS, maxRate).ifPresent(worst::add);
        }
        if (!worst.isEmpty()) {
            int lost = worst.stream().mapToInt(ChaosRun.Result::lost).sum();
            int doubles = worst.stream().mapToInt(ChaosRun.Result::doubleCharges).sum();
            StringBuilder doubt = new StringBuilder();
            boolean doubtOk = true;
            for (ChaosRun.Result c : worst) {
                double pct = 100.0 * c.inDoubt() / c.payments();
                doubtOk &= pct <= 0.1;
                doubt.append(doubt.isEmpty() ? "" : ", ").append(c.gateway()).append(" ").append(c.inDoubt())
                        .append(" of ").append(c.payments()).append(" (").append(f2(pct)).append(" %)");
            }
            String at = f0(maxRate * 100) + " % faults";
            row("0 lost at " + at, lost + " (" + perGateway(worst, ChaosRun.Result::lost) + ")", lost == 0);
            row("0 double charges at " + at, doubles + "", doubles == 0);
            row("≤ 0.1 % in doubt at " + at, doubt + "; all resolved by `resolve()`", doubtOk);
        }
        List<OutageRun.Result> open = r.outage.stream()
                .filter(o -> o.client().equals(OURS) && o.openCalls() > 0).toList();
        if (!open.isEmpty()) {
            double p99 = open.stream().mapToDouble(OutageRun.Result::openP99).max().orElse(Double.NaN);
            row("fail fast with the breaker open: p99 < 1 ms", "worst p99 " + f3(p99) + " ms over "
                    + open.stream().mapToInt(OutageRun.Result::openCalls).sum() + " calls", p99 < 1);
        }
        StringBuilder alloc = new StringBuilder();
        boolean allocOk = true;
        Optional<JmhRun.Row> pipeline = r.jmh("paymentClient", "in-memory");
        if (pipeline.isPresent()) {
            allocOk &= pipeline.get().bytes() < 20 * 1024;
            alloc.append("pipeline alone ").append(kb(pipeline.get().bytes()));
        }
        for (String gateway : GATEWAYS) {
            Optional<LoadRun.Result> ours = r.busiestLoad(gateway, OURS);
            Optional<LoadRun.Result> sdk = r.busiestLoad(gateway, sdkPrefix(gateway));
            if (ours.isPresent()) {
                allocOk &= ours.get().allocKb() < 20;
                alloc.append(alloc.isEmpty() ? "" : "; ").append(gateway).append(" whole call ")
                        .append(f1(ours.get().allocKb())).append(" KB")
                        .append(sdk.map(s -> " (" + sdkPrefix(gateway) + " " + f1(s.allocKb()) + " KB)").orElse(""));
            }
        }
        if (!alloc.isEmpty()) {
            row("< 20 KB allocated per call", alloc.toString(), allocOk);
        }
        line("");
    }

    private static String perGateway(List<ChaosRun.Result> rows,
                                     java.util.function.ToIntFunction<ChaosRun.Result> value) {
        StringBuilder s = new StringBuilder();
        for (ChaosRun.Result c : rows) {
            s.append(s.isEmpty() ? "" : ", ").append(c.gateway()).append(" ").append(value.applyAsInt(c));
        }
        return s.toString();
    }

    private static String sdkPrefix(String gateway) {
        return gateway.equals("Alipay") ? "alipay-sdk-java" : "wechatpay-java";
    }

    // ------------------------------------------------------------------ findings

    private void findings() {
        line("## What the numbers say");
        line("");
        double maxRate = r.chaos.stream().mapToDouble(ChaosRun.Result::faultRate).max().orElse(0);
        BreakerPolicy breaker = BreakerPolicy.defaults();
        for (String gateway : GATEWAYS) {
            Optional<ChaosRun.Result> base = r.chaos(gateway, OURS, maxRate);
            Optional<ChaosRun.Result> shorter = r.chaos(gateway, SHORT, maxRate);
            if (base.isPresent() && shorter.isPresent()) {
                line("- **" + gateway + ", " + f0(maxRate * 100) + " % faults: the breaker's window decides how"
                        + " many sales survive a degraded provider.** With the default breaker ("
                        + breaker.failureRateThreshold() + " % of the last " + breaker.slidingWindowSize()
                        + " attempts, at least " + breaker.minimumCalls() + ") " + base.get().declinedPayable()
                        + " of " + base.get().payments() + " payers who could pay were told \"not paid\" and "
                        + base.get().inDoubt() + " payments ended in doubt; with the earlier default (50 % of the"
                        + " last 20, at least 10), chance runs of faults opened the breaker again and again and"
                        + " every payment in an open period failed fast: " + shorter.get().declinedPayable()
                        + " gave up, " + shorter.get().inDoubt() + " in doubt. Nothing was lost either way.");
            }
        }
        Optional<JmhRun.Row> sign = r.jmh("wechatSignAuthorization", "");
        Optional<JmhRun.Row> pipeline = r.jmh("paymentClient", "in-memory");
        if (sign.isPresent() && pipeline.isPresent()) {
            StringBuilder whole = new StringBuilder();
            for (String gateway : GATEWAYS) {
                r.busiestLoad(gateway, OURS).ifPresent(l -> whole.append(whole.isEmpty() ? "" : ", ")
                        .append(gateway).append(" ").append(f0(l.allocKb())).append(" KB"));
                r.busiestLoad(gateway, sdkPrefix(gateway)).ifPresent(l -> whole.append(" (")
                        .append(sdkPrefix(gateway)).append(" ").append(f0(l.allocKb())).append(" KB)"));
            }
            line("- **Allocation.** The pipeline itself allocates " + kb(pipeline.get().bytes()) + " per call;"
                    + " a whole call allocates more (" + whole + "), and one RSA-2048 signature inside the JDK"
                    + " (`BigInteger` arithmetic) is " + kb(sign.get().bytes()) + " of it. Below 20 KB for a whole"
                    + " call is not reachable with the JDK's RSA; the target holds for the pipeline.");
        }
        StringBuilder ratios = new StringBuilder();
        for (LoadRun.Result ours : r.load) {
            if (ours.gateway().equals("WeChat Pay") && ours.client().equals(OURS)) {
                r.load.stream().filter(s -> s.gateway().equals("WeChat Pay") && s.threads() == ours.threads()
                        && s.client().startsWith("wechatpay-java")).findFirst().ifPresent(s ->
                        ratios.append(ratios.isEmpty() ? "" : ", ").append("N=").append(ours.threads()).append(" ")
                                .append(f2(ours.cpuMicros() / s.cpuMicros())).append("× CPU, ")
                                .append(f2(ours.perSecond() / s.perSecond())).append("× throughput"));
            }
        }
        if (!ratios.isEmpty() && sign.isPresent()) {
            line("- **WeChat Pay: on par with wechatpay-java, not ahead** (" + ratios + "). Both make one RSA"
                    + " signature per request (" + f0(sign.get().micros()) + " µs here) and one verification;"
                    + " that is most of a call, so the clients can only differ in the remainder, and the"
                    + " differences are within a few per cent, the size of the run-to-run noise on this machine.");
        }
        Optional<ChaosRun.Result> documented = r.chaos.stream()
                .filter(c -> c.faultRate() == 0 && c.client().endsWith("as documented")).findFirst();
        documented.ifPresent(c -> line("- **The SDKs as documented lose payments without any fault:** a payer"
                + " confirming on the phone gets `10003` / HTTP 202 `USERPAYING`, the documented call reads it as"
                + " a failure, and the payer is charged moments later (" + c.chargedButUnpaid() + " of "
                + c.payments() + " at 0 % faults). Their documented query/cancel loops fix that but still lose"
                + " payments under faults and let their HTTP stacks re-send requests nobody decided to send"
                + " (column *extra*)."));
        line("");
    }

    // ------------------------------------------------------------------ JMH

    private void jmh() {
        if (r.jmh.isEmpty()) {
            return;
        }
        line("## Pipeline overhead and per-call cost (JMH)");
        line("");
        line("`PaymentClient.pay` against calling the same adapter's `pay` directly, one thread, happy path"
                + " (payment code answered \"paid\"), a new order id per call. `in-memory` is an adapter that"
                + " answers without I/O, so the difference is the pipeline alone; `alipay` and `wechat` are the"
                + " real adapters against the testkit simulators on loopback (the simulator's signing is in the"
                + " time, on the same cores). Allocation is JMH's `gc.alloc.rate.norm` (`-prof gc`), which counts"
                + " the whole fork: for the loopback rows that includes the simulator (WireMock), so the client's"
                + " own allocation per call is measured on the calling threads in the side-by-side below.");
        line("");
        line("| adapter | adapter directly | PaymentClient.pay | overhead | allocated directly (fork) | allocated by pay (fork) |");
        line("|---|---:|---:|---:|---:|---:|");
        for (String p : new String[] {"in-memory", "alipay", "wechat"}) {
            Optional<JmhRun.Row> d = r.jmh("adapterDirect", p);
            Optional<JmhRun.Row> c = r.jmh("paymentClient", p);
            if (d.isPresent() && c.isPresent()) {
                double diff = c.get().micros() - d.get().micros();
                boolean noise = Math.abs(diff) < d.get().error() + c.get().error();
                line("| " + p + " | " + us(d.get()) + " | " + us(c.get()) + " | " + signed(diff) + " µs ("
                        + signed(100 * diff / d.get().micros()) + " %)" + (noise ? ", within the error" : "")
                        + " | " + kb(d.get().bytes()) + " | " + kb(c.get().bytes()) + " |");
            }
        }
        line("");
        line("The loopback rows include the simulator's RSA signing and WireMock on the same two cores; their"
                + " errors (99.9 % intervals) are far larger than the pipeline's few microseconds, so the pipeline's"
                + " cost is read from the `in-memory` row and compared with the loopback call time in the targets.");
        line("");
        line("Cryptography per call (adapters' internal classes, RSA-2048):");
        line("");
        line("| operation | time per call | allocated |");
        line("|---|---:|---:|");
        String[][] crypto = {
                {"alipaySignRequest", "Alipay: sign the request (canonical string + RSA2)"},
                {"alipayVerifyResponse", "Alipay: verify the response (find the node + RSA2)"},
                {"wechatSignAuthorization", "WeChat Pay: sign the Authorization header"},
                {"wechatVerifyResponse", "WeChat Pay: verify the response signature"},
                {"wechatDecryptNotification", "WeChat Pay: AES-256-GCM decrypt a notification"}};
        for (String[] c : crypto) {
            r.jmh(c[0], "").ifPresent(row -> line("| " + c[1] + " | " + us(row) + " | " + kb(row.bytes()) + " |"));
        }
        line("");
        line("An RSA-2048 signature costs about a millisecond of one core and a verification a few tens of"
                + " microseconds: one signature per request is the floor for any client of these APIs.");
        line("");
    }

    // ------------------------------------------------------------------ side by side

    private void sideBySide() {
        if (r.load.isEmpty()) {
            return;
        }
        line("## Side by side with the official SDKs (happy path)");
        line("");
        line("Same simulator, same run, payment-code payments answered \"paid\" at once, N callers in a"
                + " closed loop. Per N, each client warms up for " + f0(r.loadWarmupSeconds) + " s, then the two"
                + " take turns in " + r.loadRounds + " windows of " + f0(r.loadWindowSeconds) + " s each (A B B A"
                + " ...), so that machine drift and JIT order weigh on both alike. Client CPU and allocation are those of the calling threads divided by"
                + " the calls (both clients do all their work on the calling thread: build, sign, HTTP, verify,"
                + " parse); the simulator's threads are not in them, but it runs on the same two cores and bounds"
                + " throughput. Process CPU is everything the JVM burnt per call in the window: client, simulator,"
                + " GC, JIT and helper threads (OkHttp's timeout watchdog, connection pool).");
        line("");
        line("| provider | client | N | payments/s | p50 ms | p99 ms | client CPU µs/call | process CPU µs/call | client KB/call | not paid |");
        line("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (LoadRun.Result l : r.load) {
            line("| " + l.gateway() + " | " + l.client() + " | " + l.threads() + " | " + f0(l.perSecond()) + " | "
                    + f2(l.p50()) + " | " + f2(l.p99()) + " | " + f0(l.cpuMicros()) + " | " + f0(l.processCpuMicros())
                    + " | " + f1(l.allocKb()) + " | "
                    + l.notPaid() + " |");
        }
        line("");
    }

    // ------------------------------------------------------------------ chaos

    private void chaos() {
        if (r.chaos.isEmpty()) {
            return;
        }
        line("## Chaos: the same faults for every client");
        line("");
        line("Payment-code payments with " + r.chaosThreads + " concurrent callers. Payers (same for every"
                + " client, seed " + r.seed + "): " + PayerKind.MIX + "."
                + " The simulator breaks the given share of all requests (pay, query, cancel) with a fault drawn"
                + " uniformly from: response lost after processing, answer delayed beyond the timeout, connection"
                + " reset, 500 JSON, 502 HTML, 503 empty, 429 + Retry-After, the provider's signed system error"
                + " (processed or not), malformed body, bad signature.");
        line("");
        line("After the payments: faults stop, payers who were confirming finish, and for resilient-pay a"
                + " recovery job calls `resolve(orderId)` on what was in doubt. Then every order is compared with"
                + " the simulator's ledger.");
        line("");
        line("- **lost**: charged at the simulator but the merchant was told \"not paid\" (+ the reverse: told"
                + " \"paid\", nothing charged);");
        line("- **in doubt**: the client said it does not know (our `InDoubt`; the SDK loops' give-up);"
                + " → after `resolve()`;");
        line("- **extra requests**: requests the simulator received minus those the client code issued"
                + " (counted at our SPI and at every SDK call): re-sends by the HTTP stack that nobody decided"
                + " (a figure below zero: requests that never reached the simulator's log, such as a connection"
                + " that was never made);");
        line("- **gave up**: told \"not paid\", nothing charged, although the payer could pay (pays at once or"
                + " confirms): a sale lost to the client's own caution (a breaker failing fast, a timeout read as"
                + " failure); the payers who cannot pay are excluded;");
        line("- **time to outcome**: wall time of the `pay` calls that ended paid or not paid.");
        line("");
        line("| provider | faults | client | paid | not paid (gave up) | in doubt (→ after resolve) | lost (charged, told unpaid + told paid, not charged) | double charges | issued | received | extra | time to outcome p50 / p99 / max ms |");
        line("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        for (ChaosRun.Result c : r.chaos) {
            String doubt = c.inDoubt() + (c.inDoubtAfterResolve() >= 0 ? " → " + c.inDoubtAfterResolve() : "");
            String lost = c.lost() == 0 ? "**0**" : "**" + c.lost() + "** (" + c.chargedButUnpaid() + " + "
                    + c.paidButNotCharged() + ")";
            line("| " + c.gateway() + " | " + f0(c.faultRate() * 100) + " % | " + c.client() + " | " + c.paid()
                    + " | " + c.notPaid() + " (" + c.declinedPayable() + ") | " + doubt + " | " + lost + " | " + c.doubleCharges() + " | "
                    + c.issued() + " | " + c.received() + " | " + c.extraRequests() + " | " + f0(c.p50()) + " / "
                    + f0(c.p99()) + " / " + f0(c.max()) + " |");
        }
        line("");
        line("No client here re-uses a payment with a new `out_trade_no`, and both gateways charge one"
                + " `out_trade_no` at most once, so double charges can only be 0; the column is kept because"
                + " that is what the reconciliation checks.");
        line("");
    }

    // ------------------------------------------------------------------ outage

    private void outage() {
        if (r.outage.isEmpty()) {
            return;
        }
        line("## Full outage: how long a call blocks the till");
        line("");
        line("The provider is down for the whole run (" + f0(r.outageSeconds) + " s, " + r.outageThreads
                + " callers). *refused*: nothing listens, connects fail at once. *blackhole*: a listener with a"
                + " full accept queue, so connects hang until the connect timeout (a partition or dead load"
                + " balancer). Connect/attempt timeout " + r.timing.attemptTimeout().toMillis() + " ms for every"
                + " client. For resilient-pay, calls that started while the circuit breaker was open are also"
                + " shown apart.");
        line("");
        line("| provider | mode | client | calls | p50 ms | p99 ms | max ms | breaker open: calls | p50 ms | p99 ms |");
        line("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (OutageRun.Result o : r.outage) {
            String open = o.openCalls() < 0 ? "– | – | –"
                    : o.openCalls() + " | " + f3(o.openP50()) + " | " + f3(o.openP99());
            line("| " + o.gateway() + " | " + o.mode() + " | " + o.client() + " | " + o.calls() + " | "
                    + f3(o.p50()) + " | " + f3(o.p99()) + " | " + f0(o.max()) + " | " + open + " |");
        }
        line("");
    }

    // ------------------------------------------------------------------ method

    private void method() {
        line("## How the official SDKs are used");
        line("");
        line("Both SDKs are dependencies of the `benchmarks` module only and are used as their documentation"
                + " shows; no SDK code is copied.");
        line("");
        line("- **alipay-sdk-java 4.40.734.ALL**: `AlipayConfig` (server URL, app id, private key, `json`,"
                + " `UTF-8`, Alipay public key, `RSA2`, connect and read timeouts) → `DefaultAlipayClient` →"
                + " `execute(AlipayTradePayRequest)` with an `AlipayTradePayModel` (`scene=bar_code`). *As"
                + " documented*: `code=10000` is paid, anything else or an exception is a failure (the"
                + " documentation's sample branches on `isSuccess()`, which is also true for `10003`; we read"
                + " `10003` as not paid, the kinder reading). *With the documented loop*: the face-to-face"
                + " payment guide's flow: `10003` → `alipay.trade.query` every interval for the polling time;"
                + " exception, `20000` or `ACQ.SYSTEM_ERROR` → query at once; still not paid →"
                + " `alipay.trade.cancel`, repeated while `retry_flag=Y` or no answer, up to 5 times, then give up"
                + " (in doubt).");
        line("- **wechatpay-java 0.2.17**: `RSAPublicKeyConfig` (merchant id, private key, WeChat Pay public key"
                + " and its id, serial number, APIv3 key) → `DefaultHttpClientBuilder` (with"
                + " `connectTimeoutMs`/`readTimeoutMs`/`writeTimeoutMs`) → `HttpClient.post/get`, the README's"
                + " \"发送 HTTP 请求\" path: the SDK has no payment-code service, and its services are bound to the"
                + " production host. *As documented*: 200 with `trade_state=SUCCESS` is paid, anything else or an"
                + " exception is a failure. *With the documented loop*: 202 `USERPAYING`, 5xx, 429 or an exception"
                + " → query the order every interval for the polling time; still unclear → `reverse`, retried on"
                + " failure up to 5 times, then give up (in doubt).");
        line("- **resilient-pay**: `PaymentClient` with `Policies.defaults()` and `BreakerPolicy.defaults()`,"
                + " durations scaled as below.");
        line("");
        line("**Time scale.** Real gateways take their time (poll every 5 s for 30 s; our default payment"
                + " deadline is 45 s). To run thousands of payments per client in minutes, every duration is"
                + " divided by " + r.timing.scale() + " for every client alike: attempt and SDK connect/read"
                + " timeouts " + r.timing.attemptTimeout().toMillis() + " ms, the SDK loops' interval "
                + r.timing.pollInterval().toMillis() + " ms for " + r.timing.pollFor().toMillis() + " ms, and all"
                + " durations of our default policies and breaker.");
        line("");
        line("**Logging** is at WARN for every client (the Alipay SDK logs a summary of every call at INFO"
                + " through java.util.logging, our client one line per outcome at INFO); it goes to a file.");
        line("");
        line("**Caveats.** One machine, one process: the simulators (WireMock, RSA-signing every answer) take"
                + " CPU from the clients, so throughput is bounded by the simulator as much as by the client. The"
                + " simulators are the testkit's, not the real gateways. Fault draws depend on request arrival"
                + " order under concurrency, so two clients see the same fault mix, not the same faults on the"
                + " same payments.");
        line("");
    }

    // ------------------------------------------------------------------ formatting

    private void row(String target, String measured, boolean met) {
        line("| " + target + " | " + measured + " | " + (met ? "yes" : "**no**") + " |");
    }

    private void line(String s) {
        out.append(s).append('\n');
    }

    private static String us(JmhRun.Row row) {
        return f2(row.micros()) + " ± " + f2(row.error()) + " µs";
    }

    private static String kb(double bytes) {
        if (Double.isNaN(bytes)) {
            return "n/a";
        }
        return bytes < 1024 ? f0(bytes) + " B" : f1(bytes / 1024) + " KB";
    }

    private static String signed(double v) {
        return (v >= 0 ? "+" : "") + f1(v);
    }

    static String f0(double v) {
        return fmt("%.0f", v);
    }

    static String f1(double v) {
        return fmt("%.1f", v);
    }

    static String f2(double v) {
        return fmt("%.2f", v);
    }

    static String f3(double v) {
        return fmt("%.3f", v);
    }

    private static String fmt(String pattern, double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, pattern, v);
    }
}
