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
     */
    public record Result(String gateway, String client, double faultRate, int payments, int paid, int notPaid,
                         int inDoubt, int inDoubtAfterResolve, int chargedButUnpaid, int paidButNotCharged,
                         int declinedPayable, int doubleCharges, long issued, long received, long faultsInjected, double p50,
                         double p99, double max, double seconds) {

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

    /**
     * Makes {@code payments} payments with {@code threads} callers.
     *
     * @param makeCaller builds the client against the gateway (fresh state: ledger, breaker, pool)
     */
    public static Result run(Gateway gateway, Function<Gateway, PaymentCaller> makeCaller, Timing timing,
                             double rate, int payments, int threads, long seed, String runId)
            throws InterruptedException {
        gateway.reset();
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
            for (int i = 0; i < payments; i++) {
                if (payers[i] == PayerKind.CONFIRMS_LATER) {
                    gateway.payerFinishesConfirming(orders[i]);
                }
            }
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
                Verdict settled = verdict;
                if (verdict == Verdict.IN_DOUBT && caller.keepsLedger()) {
                    settled = caller.resolve(orders[i]);
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
                    seconds);
        } finally {
            gateway.reset();
        }
    }
}
