package dev.resilientpay.model;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** jqwik generators of {@link Schedule}s. Every choice shrinks towards a healthy, simple run. */
final class Schedules {

    private Schedules() {}

    static Arbitrary<Schedule> schedules(boolean paymentCode) {
        Arbitrary<List<Step>> steps = Combinators.combine(pay(), step().list().ofMaxSize(5))
                .as((first, rest) -> {
                    List<Step> all = new ArrayList<>();
                    all.add(first);
                    all.addAll(rest);
                    return List.copyOf(all);
                });
        return Combinators.combine(Arbitraries.of(Profile.class), steps, faults(), Arbitraries.integers().between(0, 4),
                        payer(), Arbitraries.integers().between(-1, 8), Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)))
                .as((profile, s, faults, lag, payer, notify, skew) ->
                        new Schedule(profile, paymentCode, s, faults, lag, payer, notify, skew));
    }

    /** Mostly OK, every fault kind possible; up to 16 requests deep. */
    static Arbitrary<List<ModelFault>> faults() {
        List<Tuple.Tuple2<Integer, ModelFault>> weights = new ArrayList<>();
        weights.add(Tuple.of(14, ModelFault.OK));
        for (ModelFault f : ModelFault.values()) {
            if (f != ModelFault.OK) {
                weights.add(Tuple.of(2, f));
            }
        }
        @SuppressWarnings("unchecked")
        Tuple.Tuple2<Integer, ModelFault>[] array = weights.toArray(new Tuple.Tuple2[0]);
        return Arbitraries.frequency(array).list().ofMaxSize(16);
    }

    static Arbitrary<Payer> payer() {
        return Combinators.combine(Arbitraries.of(Payer.Kind.class), Arbitraries.integers().between(1, 12)).as(Payer::new);
    }

    static Arbitrary<Step> pay() {
        return Combinators.combine(order(), Arbitraries.frequency(Tuple.of(6, 1), Tuple.of(1, 2), Tuple.of(1, 3)))
                .as(Step.Pay::new);
    }

    static Arbitrary<Step> step() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, pay()),
                Tuple.of(3, order().map(Step.Resolve::new)),
                Tuple.of(2, Arbitraries.integers().between(1, 120).map(Step.Recover::new)),
                Tuple.of(2, Arbitraries.just(new Step.Notify())),
                Tuple.of(1, order().map(Step.ForgedNotification::new)),
                Tuple.of(1, order().map(Step.PayRacingResolve::new)),
                Tuple.of(1, Combinators.combine(order(), Arbitraries.integers().between(1, 90)).as(Step.AwaitPayment::new)),
                Tuple.of(2, Combinators.combine(order(), Arbitraries.integers().between(0, 1), Arbitraries.of(false, true))
                        .as(Step.Refund::new)));
    }

    private static Arbitrary<Integer> order() {
        return Arbitraries.integers().between(0, 1);
    }
}
