package dev.resilientpay.model;

import dev.resilientpay.testing.CapturedLogs;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.statistics.Statistics;

/**
 * The pipeline against the gateway model: generated schedules of faults, query lag, payer behaviour,
 * notifications, concurrent callers, {@code resolve} and {@code recover}; the invariants of
 * {@link ScheduleRun#violations()} after each. Tries per property: {@code jqwik.tries.default}
 * ({@code src/test/resources/junit-platform.properties} for CI; {@code -Djqwik.tries.default=100000}
 * for a long run, see docs/reliability.md).
 */
class PipelineModelPropertiesTest {

    @Property
    void paymentCodeOrdersEndTruthfully(@ForAll("paymentCodeSchedules") Schedule schedule,
                                        @ForAll @IntRange(min = 0, max = 999) int jitterSeed) {
        check(schedule, jitterSeed);
    }

    @Property
    void qrOrdersEndTruthfully(@ForAll("qrSchedules") Schedule schedule,
                               @ForAll @IntRange(min = 0, max = 999) int jitterSeed) {
        check(schedule, jitterSeed);
    }

    @Provide
    Arbitrary<Schedule> paymentCodeSchedules() {
        return Schedules.schedules(true);
    }

    @Provide
    Arbitrary<Schedule> qrSchedules() {
        return Schedules.schedules(false);
    }

    @AfterTry
    void forgetLogs() {
        CapturedLogs.clear();
    }

    static void check(Schedule schedule, int jitterSeed) {
        ScheduleRun run = ScheduleRun.run(schedule, jitterSeed);
        List<String> violations = run.violations();
        run.observed().stream().filter(o -> o.call().equals("final resolve"))
                .forEach(o -> Statistics.label("final outcome").collect(ScheduleRun.describe(o.outcome())));
        violations.forEach(v -> Statistics.label("violations").collect(ScheduleRun.tag(v)));
        Statistics.label("schedules").collect(violations.isEmpty() ? "kept every invariant"
                : KnownFindings.failing(violations).isEmpty() ? "broke only invariants of known findings" : "broke a new invariant");
        if (!KnownFindings.failing(violations).isEmpty()) {
            throw new AssertionError(violations.size() + " invariant(s) broken:\n  " + String.join("\n  ", violations)
                    + "\n" + schedule + " (jitter seed " + jitterSeed + ")\n" + run.transcript());
        }
    }
}
