package dev.resilientpay.model;

import dev.resilientpay.Classification;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.Operation;
import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundState;
import dev.resilientpay.Policies;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * Runs one {@link Schedule} against a fresh {@link PaymentClient} over a fresh {@link GatewayModel}
 * in virtual time, then heals the gateway, resolves every order once more, and checks the
 * invariants ({@link #violations()}).
 */
final class ScheduleRun {

    static final Money AMOUNT = Money.cny(8888);

    /**
     * One call the schedule made and what it returned.
     *
     * @param step    the step it belongs to
     * @param call    {@code pay}, {@code resolve}, {@code recover} or {@code final resolve}
     * @param orderId the order
     * @param outcome what it returned, or {@code null} if it threw
     * @param thrown  what it threw, or {@code null}
     * @param elapsed virtual time it took
     * @param alone   whether no other call ran at the same time (its elapsed time is its own)
     * @param truth   the gateway's truth right after it returned
     * @param refund  for a refund outcome, the gateway's refund under its id right after it returned
     * @param lastRequest the last gateway request this call's thread sent, or {@code null} if none
     */
    record Observed(String step, String call, String orderId, Outcome outcome, Throwable thrown, Duration elapsed,
                    boolean alone, GatewayModel.Truth truth, GatewayModel.RefundTruth refund, Integer lastRequest) {
        Observed(String step, String call, String orderId, Outcome outcome, Throwable thrown, Duration elapsed,
                 boolean alone, GatewayModel.Truth truth) {
            this(step, call, orderId, outcome, thrown, elapsed, alone, truth, null, null);
        }

        /**
         * Whether the gateway's change ({@code atRequest}) came after everything this call could have
         * based its outcome on: with concurrent callers another call may act between this call's
         * conclusion and the snapshot of the truth.
         */
        boolean concludedBefore(int atRequest) {
            return !alone && lastRequest != null && atRequest > lastRequest;
        }

        @Override
        public String toString() {
            return "[" + step + "] " + call + " " + orderId + " -> "
                    + (thrown != null ? "threw " + thrown : describe(outcome)) + " after " + elapsed.toMillis()
                    + " ms; gateway " + truth;
        }
    }

    private final Schedule schedule;
    private final VirtualTime time = new VirtualTime();
    private final GatewayModel model;
    private final PaymentLedger ledger;
    private final List<Observed> observed = new ArrayList<>();
    private final TreeSet<Integer> usedOrders = new TreeSet<>();
    /** The first refund request of each (order, refund id), in order of use. */
    private final java.util.Map<String, RefundRequest> refundRequests = new java.util.LinkedHashMap<>();
    private final Policies policies = Policies.defaults();
    private PaymentClient client;
    private int instances;
    private long seed;

    private ScheduleRun(Schedule schedule) {
        this.schedule = schedule;
        this.model = new GatewayModel(schedule.profile(), time, schedule.faults(), schedule.queryLag(), schedule.payer(),
                schedule.notifyAfter(), schedule.chargeOneFenMore());
        this.ledger = PaymentLedger.inMemory(time.clock(), Duration.ofDays(7));
    }

    /** Runs {@code schedule} to the end (including the final resolve of every order). */
    static ScheduleRun run(Schedule schedule, long seed) {
        ScheduleRun run = new ScheduleRun(schedule);
        run.execute(seed);
        return run;
    }

    List<Observed> observed() {
        return List.copyOf(observed);
    }

    GatewayModel model() {
        return model;
    }

    private void execute(long seed) {
        this.seed = seed;
        start();
        try {
            int number = 0;
            for (Step step : schedule.steps()) {
                String name = "step " + (++number) + ": " + step;
                model.phase(name);
                run(client, name, step);
                if (model.crashedSinceLastAsked()) {
                    start(); // the till's process died: a new instance takes over, with the same ledger
                }
            }
            model.heal();
            time.advance(Duration.ofMinutes(5)); // the breaker half-opens, leases expire
            model.phase("notifications still in flight");
            model.deliverPendingNotifications(); // before the final resolves: then the world holds still
            for (int order : usedOrders) {
                String name = "final resolve of " + Step.ORDERS[order];
                model.phase(name);
                PaymentClient last = client;
                observed.add(call(name, "final resolve", Step.ORDERS[order], true, () -> api(last).resolve(Step.ORDERS[order])));
            }
            for (RefundRequest refund : refundRequests.values()) {
                String name = "final refund " + refund.orderId() + "/" + refund.refundId();
                model.phase(name);
                PaymentClient last = client;
                observed.add(call(name, "final refund", refund.orderId(), true, () -> last.refund(refund)));
            }
        } finally {
            client.close();
        }
    }

    /** Starts (or restarts, after a crash) the till's client: a new instance id, the same ledger. */
    private void start() {
        if (client != null) {
            client.close();
        }
        instances++;
        client = PaymentClient.builder().provider(model).timeSource(time).seed(seed + instances).ledger(ledger)
                .instanceId("model-till-" + instances).asyncExecutor(Runnable::run).build();
        model.deliverTo(client.notifications());
    }

    private void run(PaymentClient client, String name, Step step) {
        Api api = api(client);
        if (step instanceof Step.Pay pay) {
            usedOrders.add(pay.order());
            PaymentRequest request = request(pay.order());
            if (pay.callers() == 1) {
                observed.add(call(name, "pay", request.orderId(), true, () -> api.pay(request)));
            } else {
                List<Supplier<Observed>> calls = new ArrayList<>();
                for (int i = 0; i < pay.callers(); i++) {
                    calls.add(() -> call(name, "pay", request.orderId(), false, () -> api.pay(request)));
                }
                observed.addAll(concurrently(calls));
            }
        } else if (step instanceof Step.PayRacingResolve race) {
            usedOrders.add(race.order());
            PaymentRequest request = request(race.order());
            observed.addAll(concurrently(List.of(
                    () -> call(name, "pay", request.orderId(), false, () -> api.pay(request)),
                    () -> call(name, "resolve", request.orderId(), false, () -> api.resolve(request.orderId())))));
        } else if (step instanceof Step.Resolve resolve) {
            usedOrders.add(resolve.order());
            String orderId = Step.ORDERS[resolve.order()];
            observed.add(call(name, "resolve", orderId, true, () -> api.resolve(orderId)));
        } else if (step instanceof Step.Recover recover) {
            time.advance(Duration.ofSeconds(recover.afterSeconds()));
            Instant started = time.now();
            try {
                for (Outcome outcome : client.recover()) {
                    String orderId = orderIdOf(outcome);
                    observed.add(new Observed(name, "recover", orderId, outcome, null, time.since(started), false,
                            model.truth(orderId), refundTruth(outcome), null));
                }
            } catch (RuntimeException | Error e) {
                observed.add(new Observed(name, "recover", "*", null, e, time.since(started), false, null));
            }
        } else if (step instanceof Step.Refund refund) {
            usedOrders.add(refund.order());
            RefundRequest request = RefundRequest.builder().orderId(Step.ORDERS[refund.order()])
                    .refundId("r-" + (refund.refundId() + 1)).amount(refund.full() ? AMOUNT : Money.cny(1000))
                    .orderAmount(AMOUNT).reason("model").build();
            refundRequests.putIfAbsent(request.orderId() + "/" + request.refundId(), request);
            observed.add(call(name, "refund", request.orderId(), true, () -> api.refund(request)));
        } else if (step instanceof Step.AwaitPayment await) {
            usedOrders.add(await.order());
            String orderId = Step.ORDERS[await.order()];
            observed.add(call(name, "await " + await.seconds() + "s", orderId, true,
                    () -> client.awaitPayment(orderId, Duration.ofSeconds(await.seconds()))));
        } else if (step instanceof Step.Notify) {
            model.deliverPendingNotifications();
        } else if (step instanceof Step.ForgedNotification forged) {
            model.deliverForgedPaid(Step.ORDERS[forged.order()], AMOUNT);
        }
    }

    /**
     * The calls a schedule makes. Odd seeds make them through the asynchronous API ({@code payAsync}
     * and the like, on a caller-runs executor, so that the model's per-thread bookkeeping still sees
     * the caller), even seeds through the blocking one: every property holds for both. What a step
     * throws reaches {@link #call} wrapped by the future, and is judged unwrapped.
     */
    private interface Api {
        PaymentOutcome pay(PaymentRequest request);

        PaymentOutcome resolve(String orderId);

        RefundOutcome refund(RefundRequest request);
    }

    private Api api(PaymentClient client) {
        return seed % 2 == 0 ? blocking(client) : new Api() {
            @Override
            public PaymentOutcome pay(PaymentRequest request) {
                return client.payAsync(request).join();
            }

            @Override
            public PaymentOutcome resolve(String orderId) {
                return client.resolveAsync(orderId).join();
            }

            @Override
            public RefundOutcome refund(RefundRequest request) {
                return client.refundAsync(request).join();
            }
        };
    }

    private static Api blocking(PaymentClient client) {
        return new Api() {
            @Override
            public PaymentOutcome pay(PaymentRequest request) {
                return client.pay(request);
            }

            @Override
            public PaymentOutcome resolve(String orderId) {
                return client.resolve(orderId);
            }

            @Override
            public RefundOutcome refund(RefundRequest request) {
                return client.refund(request);
            }
        };
    }

    private Observed call(String step, String call, String orderId, boolean alone, Supplier<Outcome> action) {
        Instant started = time.now();
        Outcome outcome = null;
        Throwable thrown = null;
        GatewayModel.CALLER.set(call);
        GatewayModel.LAST_REQUEST.remove();
        try {
            outcome = action.get();
        } catch (RuntimeException | Error e) {
            // An asynchronous call's future wraps what its step threw: judge that, as the blocking call's.
            Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                    ? e.getCause() : e;
            if (cause instanceof ModelFault.ProcessCrash) {
                return new Observed(step, call + " (process died)", orderId, null, null, time.since(started), alone,
                        model.truth(orderId));
            }
            thrown = cause;
        } finally {
            GatewayModel.CALLER.remove();
        }
        if (outcome instanceof PaymentOutcome.AwaitingPayer && call.equals("pay")) {
            model.shown(orderId); // the till shows the QR code: now the payer can scan it
        }
        Integer lastRequest = GatewayModel.LAST_REQUEST.get();
        GatewayModel.LAST_REQUEST.remove();
        return new Observed(step, call, orderId, outcome, thrown, time.since(started), alone, model.truth(orderId),
                refundTruth(outcome), lastRequest);
    }

    private static List<Observed> concurrently(List<Supplier<Observed>> calls) {
        CountDownLatch start = new CountDownLatch(1);
        List<Observed> results = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (Supplier<Observed> c : calls) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                results.add(c.get());
            }, "model-caller");
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(60).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) {
                throw new AssertionError("a concurrent caller did not return within 60 s of real time: hang");
            }
        }
        return List.copyOf(results);
    }

    PaymentRequest request(int order) {
        PaymentMethod method = schedule.paymentCode() ? new PaymentMethod.PaymentCode(code(order)) : new PaymentMethod.QrCode();
        return PaymentRequest.builder().orderId(Step.ORDERS[order]).amount(AMOUNT).subject("Coffee").method(method).build();
    }

    static String code(int order) {
        return "28763443825664394" + order;
    }

    // ------------------------------------------------------------------ invariants

    /** Every invariant this run broke, each as one readable line tagged with its invariant; empty if none. */
    List<String> violations() {
        List<String> out = new ArrayList<>();
        for (Observed o : observed) {
            checkCall(o, out);
        }
        for (int order : usedOrders) {
            checkLedger(Step.ORDERS[order], out);
        }
        checkPaymentCodes(out);
        checkNotifications(out);
        return out;
    }

    /** Forged notifications are never trusted; a notified amount other than the order's is never accepted. */
    private void checkNotifications(List<String> out) {
        for (GatewayModel.Delivery d : model.deliveries()) {
            boolean accepted = d.result() instanceof dev.resilientpay.NotificationResult.Accepted;
            if (d.forged() && accepted) {
                out.add(v("notification-forged-accepted", "a forged PAID notification for " + d.orderId() + " was accepted"));
            }
            boolean known = ledger.find(LedgerKey.payment(schedule.profile().providerName, "default", d.orderId())).isPresent();
            if (!d.forged() && accepted && known && !AMOUNT.equals(d.amount())) {
                out.add(v("notification-amount-accepted", "a PAID notification of " + d.amount() + " for " + d.orderId()
                        + " (order of " + AMOUNT + ") was accepted"));
            }
            if (!d.forged() && !accepted && AMOUNT.equals(d.amount())) {
                out.add(v("notification-genuine-rejected", "a genuine PAID notification for " + d.orderId()
                        + " was rejected: " + d.result()));
            }
        }
    }

    private void checkCall(Observed o, List<String> out) {
        if (o.thrown() != null) {
            out.add(v("exception", "an exception escaped: " + o));
            return;
        }
        if (o.call().endsWith("(process died)")) {
            return; // no outcome to check: the invariants of the order are checked on the ledger and the gateway
        }
        if (o.outcome() == null) {
            out.add(v("no-outcome", "no outcome: " + o));
            return;
        }
        if (o.outcome() instanceof RefundOutcome refund) {
            checkRefund(o, refund, out);
            return;
        }
        GatewayModel.Truth truth = o.truth();
        if (o.outcome() instanceof PaymentOutcome.Paid paid) {
            if (truth.state() == GatewayModel.State.REVERSED) {
                out.add(v(crashedOn(o.orderId()) ? "paid-after-reversal-by-crashed-call" : "paid-after-reversal", "Paid although the charge was reversed: " + o));
            } else if (!truth.holdsMoney() || !AMOUNT.equals(truth.charged()) || !AMOUNT.equals(paid.amount())) {
                out.add(v("paid-not-charged", "Paid but the gateway did not take the requested " + AMOUNT + ": " + o));
            }
        } else if (o.outcome() instanceof PaymentOutcome.Failed failed
                && failed.failure().reason() != FailureReason.IDEMPOTENCY_CONFLICT) {
            if (truth.holdsMoney() && o.concludedBefore(truth.chargedAt())) {
                // charged by another caller after this call's last look: not a lie when it was told
            } else if (truth.open() && o.concludedBefore(truth.createdAt())) {
                // opened by another caller after this call's last look
            } else if (truth.holdsMoney()) {
                out.add(v(codeSentTwice(o.orderId()) ? "charged-failed-after-resend" : "charged-failed", "charged order reported Failed: " + o));
            } else if (truth.open() && schedule.paymentCode()) {
                out.add(v(codeSentTwice(o.orderId()) ? "failed-open-after-resend" : "failed-open", "Failed while the payer can still confirm the payment code: " + o));
            }
        } else if (o.outcome() instanceof PaymentOutcome.AwaitingPayer) {
            if (truth.state() == null || !(truth.open() || truth.holdsMoney())) {
                out.add(v("awaiting-unpayable", "AwaitingPayer for an order the payer cannot pay: " + o));
            }
        } else if (o.outcome() instanceof PaymentOutcome.InDoubt doubt && o.call().equals("final resolve")
                && !amountMismatch(doubt, truth)
                // An order id nobody ever sent: neither the client nor the gateway knows it. "Not found"
                // from a query is no proof (lag), so resolve() answers InDoubt(ORDER_NOT_FOUND), not Failed.
                && !(truth.state() == null && doubt.lastFailure().reason() == FailureReason.ORDER_NOT_FOUND)) {
            boolean noRecord = ledger.find(LedgerKey.payment(schedule.profile().providerName, "default", o.orderId())).isEmpty();
            out.add(v(noRecord ? "final-in-doubt-no-record" : "final-in-doubt",
                    "still InDoubt after resolve() with a healthy gateway: " + o));
        }
        if (o.alone() && o.call().startsWith("await ")) {
            Duration timeout = Duration.ofSeconds(Long.parseLong(o.call().substring(6, o.call().length() - 1)));
            if (o.elapsed().compareTo(timeout) > 0) {
                out.add(v(crashedOn(o.orderId()) ? "deadline-after-takeover" : "deadline",
                        "awaitPayment overran its timeout: " + o));
            }
        }
        if (o.alone() && (o.call().equals("pay") || o.call().contains("resolve"))) {
            Duration bound = bound();
            Duration lastQuery = policies.of(Operation.CANCEL).attemptTimeout();
            if (o.elapsed().compareTo(bound) > 0) {
                boolean byLastQuery = schedule.paymentCode() && o.elapsed().compareTo(bound.plus(lastQuery)) <= 0;
                boolean afterCrash = crashedOn(o.orderId());
                out.add(v(afterCrash ? "deadline-after-takeover" : byLastQuery ? "deadline-last-query" : "deadline", "overran its deadline (bound " + bound.toSeconds() + " s = policy deadline"
                        + (schedule.paymentCode() ? " + cancel deadline" : "") + "): " + o));
            }
        }
    }

    private GatewayModel.RefundTruth refundTruth(Outcome outcome) {
        return outcome instanceof RefundOutcome refund ? model.refundTruth(orderIdOf(refund), refundIdOf(refund)) : null;
    }

    private static String refundIdOf(RefundOutcome outcome) {
        if (outcome instanceof RefundOutcome.Refunded r) {
            return r.status().refundId();
        }
        if (outcome instanceof RefundOutcome.Processing p) {
            return p.status().refundId();
        }
        if (outcome instanceof RefundOutcome.Failed f) {
            return f.refundId();
        }
        return ((RefundOutcome.InDoubt) outcome).refundId();
    }

    private void checkRefund(Observed o, RefundOutcome outcome, List<String> out) {
        String orderId;
        String refundId;
        if (outcome instanceof RefundOutcome.Refunded r) {
            orderId = r.status().orderId();
            refundId = r.status().refundId();
        } else if (outcome instanceof RefundOutcome.Processing p) {
            orderId = p.status().orderId();
            refundId = p.status().refundId();
        } else if (outcome instanceof RefundOutcome.Failed f) {
            orderId = f.orderId();
            refundId = f.refundId();
        } else {
            orderId = ((RefundOutcome.InDoubt) outcome).orderId();
            refundId = ((RefundOutcome.InDoubt) outcome).refundId();
        }
        GatewayModel.RefundTruth truth = o.refund();
        RefundRequest asked = refundRequests.get(orderId + "/" + refundId);
        boolean movedForThisOrder = orderId.equals(truth.orderId()) && truth.state() != null;
        String where = o + "; gateway refund " + truth;
        if (!orderId.equals(o.orderId())) {
            out.add(v("refund-wrong-order", "refund outcome names another order: " + where));
        } else if (outcome instanceof RefundOutcome.Refunded) {
            if (!movedForThisOrder || truth.state() != RefundState.SUCCEEDED || asked == null
                    || !asked.amount().equals(truth.amount())) {
                out.add(v("refund-not-moved", "Refunded but the gateway did not refund this order that amount: " + where));
            }
        } else if (outcome instanceof RefundOutcome.Processing) {
            if (!movedForThisOrder) {
                out.add(v("refund-processing-unknown", "refund Processing but the gateway has no such refund of this order: " + where));
            }
        } else if (outcome instanceof RefundOutcome.Failed f && f.failure().reason() != FailureReason.IDEMPOTENCY_CONFLICT) {
            if (movedForThisOrder) {
                out.add(v("refund-failed-but-moved", "refund Failed but the gateway accepted it: " + where));
            }
        } else if (outcome instanceof RefundOutcome.InDoubt && o.call().equals("final refund")) {
            out.add(v(truth.state() == null ? "refund-in-doubt-never-created" : "refund-final-in-doubt",
                    "refund still InDoubt with a healthy gateway: " + where));
        }
        if (o.alone() && o.elapsed().compareTo(policies.of(Operation.REFUND).deadline()) > 0) {
            boolean afterCrash = crashedOn(o.orderId());
            out.add(v(afterCrash ? "deadline-after-takeover" : "deadline", "refund overran its deadline: " + where));
        }
    }

    /** Whether the till's process died during a request about {@code orderId} (its call was taken over later). */
    private boolean crashedOn(String orderId) {
        return model.requests().stream().anyMatch(r -> r.fault() == ModelFault.CRASH && r.orderId().equals(orderId));
    }

    /** Whether the payment code of {@code orderId} went to the gateway more than once. */
    private boolean codeSentTwice(String orderId) {
        return model.requests().stream().filter(r -> r.endpoint().equals("pay") && r.orderId().equals(orderId)
                && r.told() != Classification.NOT_SENT).count() > 1;
    }

    /** The documented bound: the policy's deadline, plus the cancel policy's deadline for payment codes. */
    Duration bound() {
        return schedule.paymentCode()
                ? policies.of(Operation.PAY_BY_CODE).deadline().plus(policies.of(Operation.CANCEL).deadline())
                : policies.of(Operation.CREATE_ORDER).deadline();
    }

    private static boolean amountMismatch(PaymentOutcome.InDoubt doubt, GatewayModel.Truth truth) {
        return doubt.lastFailure().reason() == FailureReason.AMOUNT_MISMATCH && truth.charged() != null
                && !AMOUNT.equals(truth.charged());
    }

    private void checkLedger(String orderId, List<String> out) {
        GatewayModel.Truth truth = model.truth(orderId);
        if (truth.charged() != null && model.refundedMinor(orderId) > truth.charged().minorUnits()) {
            out.add(v("refunded-too-much", orderId + " refunded " + model.refundedMinor(orderId) + " fen of " + truth.charged()));
        }
        if (truth.charges() > 1) {
            out.add(v("charged-twice", orderId + " charged " + truth.charges() + " times"));
        }
        Optional<LedgerEntry> found = ledger.find(LedgerKey.payment(schedule.profile().providerName, "default", orderId));
        if (found.isEmpty()) {
            if (truth.holdsMoney() || (truth.open() && schedule.paymentCode())) {
                out.add(v("no-ledger-entry", orderId + ": the gateway holds it " + truth.state() + " but the ledger has no entry"));
            }
            return;
        }
        LedgerEntry entry = found.get();
        Outcome recorded = entry.outcome();
        String where = orderId + " after the final resolve: ledger " + entry.state() + " " + describe(recorded)
                + ", gateway " + truth;
        if (entry.state() != LedgerState.COMPLETED
                && !(recorded instanceof PaymentOutcome.InDoubt doubt && amountMismatch(doubt, truth))) {
            out.add(v("undecided", "undecided: " + where));
        }
        if (recorded instanceof PaymentOutcome.Paid && truth.state() == GatewayModel.State.REVERSED) {
            out.add(v(crashedOn(orderId) ? "ledger-paid-after-reversal-by-crashed-call" : "ledger-paid-after-reversal", "ledger Paid although the charge was reversed: " + where));
        } else if (recorded instanceof PaymentOutcome.Paid && (!truth.holdsMoney() || !AMOUNT.equals(truth.charged()))) {
            out.add(v("ledger-paid-not-charged", "ledger Paid but the gateway did not keep the requested amount: " + where));
        }
        if (recorded instanceof PaymentOutcome.Failed && truth.holdsMoney()) {
            out.add(v("ledger-charged-failed", "charged order recorded Failed: " + where));
        }
        if (recorded instanceof PaymentOutcome.Failed && truth.open() && schedule.paymentCode()) {
            out.add(v("ledger-failed-open", "recorded Failed while the payer can still confirm the payment code: " + where));
        }
        if (truth.holdsMoney() && AMOUNT.equals(truth.charged()) && !(recorded instanceof PaymentOutcome.Paid)) {
            out.add(v("ledger-charged-not-paid", "charged order not recorded Paid after resolve() with a healthy gateway: " + where));
        }
    }

    private void checkPaymentCodes(List<String> out) {
        if (!schedule.paymentCode()) {
            return;
        }
        for (String orderId : Step.ORDERS) {
            GatewayModel.Request exposedBy = null;
            for (GatewayModel.Request r : model.requests()) {
                if (!r.endpoint().equals("pay") || !r.orderId().equals(orderId)) {
                    continue;
                }
                if (r.authCode() == null || r.authCode().indexOf('*') >= 0) {
                    out.add(v("code-redacted", "a redacted or missing payment code was sent: " + r));
                }
                if (r.phase().equals("resolve") || r.phase().equals("final resolve") || r.phase().contains("recover()")) {
                    out.add(v("code-by-recovery", "payment code sent by resolve/recover: " + r));
                }
                if (exposedBy != null) {
                    // A pay() of the order that had returned Failed(NOT_SENT), a retryable reason, made way for this one.
                    boolean afterNotSent = observed.stream().anyMatch(o -> o.orderId().equals(orderId)
                            && o.outcome() instanceof PaymentOutcome.Failed f && f.failure().reason() == FailureReason.NOT_SENT);
                    out.add(v(afterNotSent ? "code-resent-after-failed-not-sent" : "code-resent", "payment code sent again: "
                            + r + " after " + exposedBy + " may have reached the gateway"));
                }
                if (r.told() != Classification.NOT_SENT) {
                    exposedBy = exposedBy == null ? r : exposedBy;
                }
            }
        }
    }

    /** A violation: {@code [tag] text}; the tag names the invariant (see {@link KnownFindings}). */
    static String v(String tag, String text) {
        return "[" + tag + "] " + text;
    }

    static String tag(String violation) {
        return violation.substring(1, violation.indexOf(']'));
    }

    static String describe(Outcome outcome) {
        if (outcome == null) {
            return "none";
        }
        if (outcome instanceof PaymentOutcome.Failed f) {
            return "Failed(" + f.failure().reason() + ")";
        }
        if (outcome instanceof PaymentOutcome.InDoubt d) {
            return "InDoubt(" + d.lastFailure().reason() + ")";
        }
        if (outcome instanceof PaymentOutcome.Paid p) {
            return "Paid(" + p.amount() + ")";
        }
        return outcome.getClass().getSimpleName();
    }

    private static String orderIdOf(Outcome outcome) {
        if (outcome instanceof RefundOutcome.Refunded r) {
            return r.status().orderId();
        }
        if (outcome instanceof RefundOutcome.Processing p) {
            return p.status().orderId();
        }
        if (outcome instanceof RefundOutcome.Failed f) {
            return f.orderId();
        }
        if (outcome instanceof RefundOutcome.InDoubt d) {
            return d.orderId();
        }
        if (outcome instanceof PaymentOutcome.Paid p) {
            return p.orderId();
        }
        if (outcome instanceof PaymentOutcome.Failed f) {
            return f.orderId();
        }
        if (outcome instanceof PaymentOutcome.InDoubt d) {
            return d.orderId();
        }
        return ((PaymentOutcome.AwaitingPayer) outcome).orderId();
    }

    /** The whole run, for a failure message: calls, then the gateway's requests. */
    String transcript() {
        StringBuilder b = new StringBuilder("calls:\n");
        observed.forEach(o -> b.append("  ").append(o).append('\n'));
        b.append("gateway requests:\n");
        model.requests().forEach(r -> b.append("  ").append(r).append('\n'));
        b.append("notifications:\n");
        model.deliveries().forEach(d -> b.append("  ").append(d.orderId()).append(' ').append(d.amount())
                .append(d.forged() ? " forged" : "").append(" -> ").append(d.result().getClass().getSimpleName()).append('\n'));
        return b.toString();
    }
}
