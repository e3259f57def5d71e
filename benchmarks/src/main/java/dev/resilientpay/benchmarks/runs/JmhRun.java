package dev.resilientpay.benchmarks.runs;

import dev.resilientpay.benchmarks.jmh.PipelineOverheadBenchmark;
import dev.resilientpay.benchmarks.jmh.SignatureBenchmark;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Runs the JMH benchmarks in forked JVMs with the GC profiler and collects one row per benchmark. */
public final class JmhRun {

    /**
     * @param benchmark  the method name
     * @param provider   the {@code provider} parameter, or empty
     * @param micros     average time per call, µs
     * @param error      99.9 % confidence half-width, µs
     * @param bytes      bytes allocated per call ({@code gc.alloc.rate.norm})
     */
    public record Row(String benchmark, String provider, double micros, double error, double bytes) {}

    private JmhRun() {}

    /** Runs both benchmark classes; {@code quick} shortens warm-up and measurement. */
    public static List<Row> run(boolean quick) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(PipelineOverheadBenchmark.class.getName())
                .include(SignatureBenchmark.class.getName())
                .forks(1)
                .warmupIterations(quick ? 1 : 3)
                .warmupTime(TimeValue.seconds(quick ? 1 : 2))
                .measurementIterations(quick ? 2 : 5)
                .measurementTime(TimeValue.seconds(quick ? 1 : 2))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend("-Xmx3g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            String provider = result.getParams().getParam("provider");
            Result<?> primary = result.getPrimaryResult();
            Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            if (alloc == null) {
                alloc = result.getSecondaryResults().get("·gc.alloc.rate.norm");
            }
            rows.add(new Row(method, provider == null ? "" : provider, primary.getScore(), primary.getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()));
        }
        return rows;
    }
}
