package dev.resilientpay.benchmarks.report;

import dev.resilientpay.benchmarks.gateway.Timing;
import dev.resilientpay.benchmarks.runs.ChaosRun;
import dev.resilientpay.benchmarks.runs.JmhRun;
import dev.resilientpay.benchmarks.runs.LoadRun;
import dev.resilientpay.benchmarks.runs.OutageRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Everything one suite run measured, and how it was run. */
public final class SuiteResults {

    /** The machine. */
    public Machine machine;
    /** The command that produced the report. */
    public String command;
    /** {@code full} or {@code quick}. */
    public String mode;
    /** The one-minute load average when the run ended. */
    public double loadEnd;
    /** Minutes the whole run took. */
    public double minutes;
    /** Time settings of the side-by-side, chaos and outage runs. */
    public Timing timing;
    /** Concurrent callers of the chaos runs. */
    public int chaosThreads;
    /** Concurrent callers of the outage runs, and how long each ran. */
    public int outageThreads;
    /** Seconds each outage run lasted. */
    public double outageSeconds;
    /** Seconds of warm-up and measurement of each load run. */
    public double loadWarmupSeconds;
    /** Seconds of one measured load window. */
    public double loadWindowSeconds;
    /** Measured windows per client and load row. */
    public int loadRounds;
    /** The seed of payers and faults. */
    public long seed;

    /** JMH rows. */
    public final List<JmhRun.Row> jmh = new ArrayList<>();
    /** Side-by-side rows. */
    public final List<LoadRun.Result> load = new ArrayList<>();
    /** Chaos rows. */
    public final List<ChaosRun.Result> chaos = new ArrayList<>();
    /** Outage rows. */
    public final List<OutageRun.Result> outage = new ArrayList<>();
    /** Issue 8: chaos rows against the independent-gateway behaviour, in run order. */
    public final List<dev.resilientpay.benchmarks.runs.ChaosRun.Result> issue8 = new ArrayList<>();
    /** Issue 8: the cold starts, one fresh JVM per provider. */
    public final List<dev.resilientpay.benchmarks.runs.ColdStartRun.Result> coldStarts = new ArrayList<>();
    /** Issue 8: payment-code orders per client, provider and fault rate. */
    public int issue8Orders;
    /** Issue 8: how many queries lag after a processed send whose answer broke. */
    public int issue8Lag;
    /** Issue 8: wall time of the issue 8 section, minutes. */
    public double issue8Minutes;

    /** The JMH row of {@code benchmark} with {@code provider} (empty for none). */
    public Optional<JmhRun.Row> jmh(String benchmark, String provider) {
        return jmh.stream().filter(r -> r.benchmark().equals(benchmark) && r.provider().equals(provider)).findFirst();
    }

    /** The most concurrent load row of {@code gateway} whose client name starts with {@code client}. */
    public Optional<LoadRun.Result> busiestLoad(String gateway, String client) {
        return load.stream().filter(r -> r.gateway().equals(gateway) && r.client().startsWith(client))
                .max((a, b) -> Integer.compare(a.threads(), b.threads()));
    }

    /** The chaos row of {@code gateway}, client prefix and fault rate. */
    public Optional<ChaosRun.Result> chaos(String gateway, String client, double rate) {
        return chaos.stream().filter(r -> r.gateway().equals(gateway) && r.client().equals(client)
                && Math.abs(r.faultRate() - rate) < 1e-9).findFirst();
    }
}
