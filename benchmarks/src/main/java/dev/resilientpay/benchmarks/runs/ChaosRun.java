package dev.resilientpay.benchmarks.runs;

import dev.resilientpay.benchmarks.gateway.Gateway;
import dev.resilientpay.benchmarks.gateway.PayerKind;
import dev.resilientpay.benchmarks.gateway.PaymentCaller;
import dev.resilientpay.benchmarks.gateway.Timing;
import dev.resilientpay.benchmarks.gateway.Verdict;
import dev.resilientpay.testkit.Fault;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Payment-code payments through a simulator that breaks a seeded random share of requests (pay,
 * query and cancel alike), then a reconciliation of what each client told the merchant against the
 * simulator's own ledger.
 *
 * <p>Every client gets the same payers (drawn from the seed by payment number) and the same fault
 * plan ({@code FaultPlan.randomly(rate, FAULTS, seed)}); with concurrent callers the plan's draws
 * land on requests in arrival order, so the schedule is the same in distribution, not request by
 * request.
 */
public final class ChaosRun {

    /**
     * @param gateway             provider name
     * @param client              client name
     * @param faultRate           share of requests broken
     * @param payments            payments made
     * @param paid                ended paid
     * @param notPaid             ended not paid
     * @param inDoubt             ended in doubt
     * @param inDoubtAfterResolve still in doubt after {@code PaymentClient.resolve} once the faults
     *                            stopped (ours; -1 for the SDKs, which keep no ledger to resolve from)
     * @param chargedButUnpaid    lost: the payer was charged, the merchant believes not
     * @param paidButNotCharged   lost: the merchant believes paid, nothing was charged
     * @param declinedPayable     told "not paid" and not charged although the payer could pay (paid at once
     *                            or confirming): sales the client gave up on
     * @param doubleCharges       orders charged more than once
     * @param issued              requests the client code decided to send
     * @param received            requests the simulator received
     * @param faultsInjected      faults the simulator injected
     * @param p50                 time to a definite outcome (paid or not paid), median, ms
     * @param p99                 time to a definite outcome, 99th percentile, ms
     * @param max                 time to a definite outcome, maximum, ms
     * @param seconds             wall time of the payments
     * @param money               issue 8's money-safety counts
     */
    public record Result(String gateway, String client, double faultRate, int payments, int paid, int notPaid,
                         int inDoubt, int inDoubtAfterResolve, int chargedButUnpaid, int paidButNotCharged,
                         int declinedPayable, int doubleCharges, long issued, long received, long faultsInjected, double p50,
                         double p99, double max, double seconds, Money money) {

        /** Lost payments in both directions. */
        public int lost() {
            return chargedButUnpaid + paidButNotCharged;
        }

        /** Requests the simulator saw that the client code never issued. */
        public long extraRequests() {
            return received - issued;
        }
    }

    /**
     * Issue 8's counts: what happened to the payers' money, judged by the gateway's own ledger.
     *
     * @param chargedButFailed    {@code pay()} said not paid, and the payer was charged (at the end)
     * @param neverCreatedInDoubt {@code pay()} said in doubt, and the gateway never created the order
     * @param paidThenRefunded    charged at some point, then reversed or refunded (the deadline cancel)
     * @param chargedAfterReturn  charged after {@code pay()} returned, by any path (the charge count at the
     *                            end exceeds the one taken the moment {@code pay()} returned)
     * @param chargedByLateConfirm of those: the trade was left open and the payer confirmed after the till gave up
     * @param chargedByResolve    of those: the charge appeared during {@code resolve()} of an in-doubt order
     * @param notSentButCreated   ours: {@code pay()} said {@code NOT_SENT} ("never reached the gateway"), yet the
     *                            gateway had created the order
     * @param notSentButCharged   of those: the payer had even been charged (and then refunded by the cancel)
     * @param breakerOpenings     how often our breaker opened (-1 when not observed)
     * @param reasons             the typed reason of each {@code pay()} outcome, counted (ours only)
     * @param examples            per problem, up to three orders with their sequence of events
     */
    public record Money(int chargedButFailed, int neverCreatedInDoubt, int paidThenRefunded, int chargedAfterReturn,
                        int chargedByLateConfirm, int chargedByResolve, int notSentButCreated, int notSentButCharged,
                        int breakerOpenings,
                        java.util.SortedMap<String, Integer> reasons, java.util.SortedMap<String, List<String>> examples) {}

    /**
     * The faults drawn from, uniformly: answers lost after processing, slow answers (beyond the attempt
     * timeout), resets, gateway errors with HTML or empty bodies, rate limiting, the providers' own
     * "system error" (processed or not), broken bodies and broken signatures.
     */
    public static List<Fault> faults(Timing timing) {
        return List.of(
                Fault.responseLost(),
                Fault.delay(timing.attemptTimeout().multipliedBy(3).dividedBy(2)),
                Fault.connectionReset(),
                Fault.http500(),
                Fault.http502Html(),
                Fault.http503Empty(),
                Fault.rateLimited(Duration.ofMillis(200)),
                Fault.systemError(),
                Fault.systemErrorAfterProcessing(),
                Fault.malformedBody(),
                Fault.badSignature());
    }

    private ChaosRun() {}

    /** Keeps up to three orders per problem with what the client did and what the gateway received. */
    private static void example(java.util.SortedMap<String, List<String>> examples, String problem, Gateway gateway,
                                Timeline timeline, String orderId, Verdict verdict, String reason) {
        List<String> list = examples.computeIfAbsent(problem, p -> new java.util.ArrayList<>());
        if (list.size() >= 3) {
            return;
        }
        StringBuilder text = new StringBuilder(orderId).append(": pay() ").append(verdict)
                .append(reason == null ? "" : " " + reason).append("; gateway received: ").append(gateway.history(orderId));
        if (timeline != null) {
            text.append("; client: ").append(String.join(" | ", timeline.of(orderId)));
        }
        list.add(text.toString());
    }

    /**
     * Makes {@code payments} payments with {@code threads} callers.
     *
     * @param makeCaller builds the client against the gateway (fresh state: ledger, breaker, pool)
     */
    public static Result run(Gateway gateway, Function<Gateway, PaymentCaller> makeCaller, Timing timing,
                             double rate, int payments, int threads, long seed, String runId)
            throws InterruptedException {
        return run(gateway, makeCaller, timing, rate, payments, threads, seed, runId, -1, null);
    }

    /**
     * As {@link #run(Gateway, Function, Timing, double, int, int, long, String)}, against a gateway that
     * behaves as issue 8's independent ones when {@code lagQueries >= 0} (consumed payment codes, queries
     * that lag {@code lagQueries} times after a processed send whose answer broke).
     *
     * @param timeline our client's events (from the listener {@code makeCaller} gave it), or {@code null}
     */
    public static Result run(Gateway gateway, Function<Gateway, PaymentCaller> makeCaller, Timing timing,
                             double rate, int payments, int threads, long seed, String runId, int lagQueries,
                             Timeline timeline)
            throws InterruptedException {
        gateway.reset();
        if (lagQueries >= 0) {
            gateway.behaveAsIndependentGateway(lagQueries);
        }
        String[] orders = new String[payments];
        String[] codes = new String[payments];
        PayerKind[] payers = new PayerKind[payments];
        for (int i = 0; i < payments; i++) {
            orders[i] = runId + "_" + String.format("%06d", i);
            payers[i] = PayerKind.of(seed, i);
            codes[i] = gateway.paymentCode(payers[i]);
        }
        Verdict[] verdicts = new Verdict[payments];
        long[] nanos = new long[payments];
        int[] chargesAtReturn = new int[payments];
        try (PaymentCaller caller = makeCaller.apply(gateway)) {
            if (rate > 0) {
                gateway.faults().randomly(rate, faults(timing), seed);
            }
            AtomicInteger next = new AtomicInteger();
            AtomicReference<RuntimeException> failure = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(threads);
            long began = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                Thread worker = new Thread(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < payments; i = next.getAndIncrement()) {
                            long start = System.nanoTime();
                            verdicts[i] = caller.pay(orders[i], codes[i]);
                            nanos[i] = System.nanoTime() - start;
                            chargesAtReturn[i] = gateway.charges(orders[i]);
                        }
                    } catch (RuntimeException e) {
                        // A client must not throw for a valid payment: stop the run and say so.
                        failure.compareAndSet(null, e);
                        next.set(payments);
                    } finally {
                        done.countDown();
                    }
                }, "chaos-" + t);
                worker.start();
            }
            done.await();
            if (failure.get() != null) {
                throw new IllegalStateException(caller.name() + " threw during a payment", failure.get());
            }
            double seconds = (System.nanoTime() - began) / 1e9;
            // A request the client gave up on may still sit in the simulator's delay fault; the simulator
            // records it when it answers. Wait out the longest delay before counting.
            Thread.sleep(timing.attemptTimeout().multipliedBy(2).toMillis());
            long injected = gateway.faults().injectedCount();
            long issued = caller.requestsIssued();
            long received = gateway.requestsReceived();

            // The storm is over. Payers who were confirming on their phones finish, whatever the till
            // did; then, for our client, a recovery job resolves what was left in doubt.
            gateway.faults().clear();
            int[] chargesBeforeConfirm = new int[payments];
            for (int i = 0; i < payments; i++) {
                chargesBeforeConfirm[i] = gateway.charges(orders[i]);
                if (payers[i] == PayerKind.CONFIRMS_LATER) {
                    gateway.payerFinishesConfirming(orders[i]);
                }
            }
            int chargedButFailed = 0;
            int neverCreatedInDoubt = 0;
            int paidThenRefunded = 0;
            int chargedAfterReturn = 0;
            int chargedByLateConfirm = 0;
            int chargedByResolve = 0;
            int notSentButCreated = 0;
            int notSentButCharged = 0;
            java.util.SortedMap<String, Integer> reasons = new java.util.TreeMap<>();
            java.util.SortedMap<String, List<String>> examples = new java.util.TreeMap<>();
            int paid = 0;
            int notPaid = 0;
            int inDoubt = 0;
            int stillInDoubt = 0;
            int chargedButUnpaid = 0;
            int paidButNotCharged = 0;
            int doubleCharges = 0;
            int declinedPayable = 0;
            Percentiles definite = new Percentiles();
            for (int i = 0; i < payments; i++) {
                Verdict verdict = verdicts[i];
                switch (verdict) {
                    case PAID -> paid++;
                    case NOT_PAID -> notPaid++;
                    case IN_DOUBT -> inDoubt++;
                }
                if (verdict != Verdict.IN_DOUBT) {
                    definite.add(nanos[i]);
                }
                String reason = caller.reason(orders[i]);
                if (reason != null) {
                    reasons.merge(reason, 1, Integer::sum);
                }
                if ("NOT_SENT".equals(reason) && gateway.created(orders[i])) {
                    notSentButCreated++;
                    if (gateway.charges(orders[i]) > 0) {
                        notSentButCharged++;
                        example(examples, "NOT_SENT, yet charged (and refunded)", gateway, timeline, orders[i], verdict,
                                reason);
                    } else {
                        example(examples, "NOT_SENT, yet created", gateway, timeline, orders[i], verdict, reason);
                    }
                }
                int chargesBeforeResolve = gateway.charges(orders[i]);
                if (chargesBeforeResolve > chargesBeforeConfirm[i]) {
                    chargedByLateConfirm++;
                    example(examples, "charged by a late confirmation", gateway, timeline, orders[i], verdict, reason);
                }
                if (verdict == Verdict.NOT_PAID && gateway.charged(orders[i])) {
                    chargedButFailed++;
                    example(examples, "charged but Failed", gateway, timeline, orders[i], verdict, reason);
                }
                if (verdict == Verdict.IN_DOUBT && !gateway.created(orders[i])) {
                    neverCreatedInDoubt++;
                    example(examples, "never created, InDoubt", gateway, timeline, orders[i], verdict, reason);
                } else if (verdict == Verdict.IN_DOUBT) {
                    example(examples, "InDoubt", gateway, timeline, orders[i], verdict, reason);
                }
                Verdict settled = verdict;
                if (verdict == Verdict.IN_DOUBT && caller.keepsLedger()) {
                    settled = caller.resolve(orders[i]);
                    if (gateway.charges(orders[i]) > chargesBeforeResolve) {
                        chargedByResolve++;
                        example(examples, "charged by resolve()", gateway, timeline, orders[i], verdict, reason);
                    }
                }
                int finalCharges = gateway.charges(orders[i]);
                if (finalCharges > chargesAtReturn[i]) {
                    chargedAfterReturn++;
                    example(examples, "charged after pay() returned", gateway, timeline, orders[i], verdict, reason);
                }
                if (finalCharges > 0 && !gateway.charged(orders[i])) {
                    paidThenRefunded++;
                    example(examples, "paid, then refunded", gateway, timeline, orders[i], verdict, reason);
                }
                if (settled == Verdict.IN_DOUBT) {
                    stillInDoubt++;
                }
                boolean charged = gateway.charged(orders[i]);
                if (settled == Verdict.NOT_PAID && charged) {
                    chargedButUnpaid++;
                } else if (settled == Verdict.NOT_PAID
                        && (payers[i] == PayerKind.PAYS_AT_ONCE || payers[i] == PayerKind.CONFIRMS_LATER)) {
                    declinedPayable++;
                } else if (settled == Verdict.PAID && !charged) {
                    paidButNotCharged++;
                }
                if (gateway.charges(orders[i]) > 1) {
                    doubleCharges++;
                }
            }
            return new Result(gateway.name(), caller.name(), rate, payments, paid, notPaid, inDoubt,
                    caller.keepsLedger() ? stillInDoubt : -1, chargedButUnpaid, paidButNotCharged, declinedPayable,
                    doubleCharges, issued, received, injected, definite.millis(50), definite.millis(99), definite.maxMillis(),
                    seconds, new Money(chargedButFailed, neverCreatedInDoubt, paidThenRefunded, chargedAfterReturn,
                            chargedByLateConfirm, chargedByResolve, notSentButCreated, notSentButCharged, timeline == null ? -1 : timeline.breakerOpenings(),
                            reasons, examples));
        } finally {
            gateway.reset();
        }
    }
}
