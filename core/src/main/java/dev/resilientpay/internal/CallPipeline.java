package dev.resilientpay.internal;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Operation;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.Policies;
import dev.resilientpay.QueryResult;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TimeSource;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.LedgerUnavailableException;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.spi.PaymentProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journey of one call (DESIGN §3), in one place. Each public operation runs the same steps:
 *
 * <ol>
 *   <li>{@link #validate}: the provider's own rules, before anything is sent;</li>
 *   <li>{@link #begin}: the ledger — conflict, replay, single flight, or resolve a crashed call;</li>
 *   <li>{@code guard}: the circuit breaker ({@link AttemptRunner#guard});</li>
 *   <li>{@code attempt}: one provider call, time-boxed by the remaining deadline;</li>
 *   <li>{@link #classify}: definite → stop; not sent → re-send the same key after backoff;
 *       unknown → query first; pending → poll;</li>
 *   <li>{@link #payStep}: query on a schedule until a final state or the deadline;</li>
 *   <li>{@link #settle}: at the deadline, cancel a payment-code payment; else in doubt;</li>
 *   <li>{@link #complete}: record the outcome, tell the listeners, log one line.</li>
 * </ol>
 *
 * Payments and refunds are small state machines over {@link Step}; query, close, cancel and refund
 * query are idempotent and simply retried ({@link #retryIdempotent}).
 *
 * <p>No step sleeps: a step that must wait returns a {@link Flow} holding the wait and the rest of
 * the call. The blocking operations ({@link #pay}) run it with {@link Flow#await}, which sleeps on the
 * client's time source; the asynchronous ones ({@link #payAsync}) with an {@link AsyncDriver}, which
 * schedules the wait and holds no thread meanwhile.
 */
@SuppressWarnings("try") // CallScope is held for its MDC side effect, not referenced
public final class CallPipeline {

    private static final Logger log = LoggerFactory.getLogger(CallPipeline.class);

    /** Where a payment or refund call goes next. */
    /** Where a payment or refund call goes next: send; query now; wait a poll interval; query after it. */
    private enum Step { SEND, QUERY, POLL, POLLED }

    private final PaymentProvider provider;
    private final PaymentLedger ledger;
    private final Policies policies;
    private final Listeners listeners;
    private final TimeSource time;
    private final Random random;
    private final AttemptRunner runner;
    private final StatusRecorder recorder;
    private final LedgerKeys keys;
    private final Ownership ownership;
    private final SingleFlight flights = new SingleFlight();

    /**
     * How this client instance owns ledger entries.
     *
     * @param owner              this instance's id in the ledger (unique per running client)
     * @param lease              how long an entry stays this instance's without a heartbeat
     * @param recoveryBatch      how many unresolved entries {@code recover()} claims at a time
     * @param recoveryConcurrency how many of them it resolves at once
     */
    public record Ownership(String owner, Duration lease, int recoveryBatch, int recoveryConcurrency) {}

    /** A pipeline for one provider; the client owns it. */
    public CallPipeline(PaymentProvider provider, PaymentLedger ledger, Policies policies,
                        dev.resilientpay.BreakerPolicy breaker, Listeners listeners, TimeSource time, Random random,
                        Ownership ownership) {
        this.provider = provider;
        this.ledger = ledger;
        this.policies = policies;
        this.listeners = listeners;
        this.time = time;
        this.random = random;
        this.ownership = ownership;
        this.runner = new AttemptRunner(provider.name(), new ProviderGuard(provider.name(), breaker, time, listeners),
                listeners, time);
        this.keys = new LedgerKeys(provider);
        this.recorder = new StatusRecorder(ledger, keys, listeners);
    }

    StatusRecorder recorder() {
        return recorder;
    }

    AttemptRunner runner() {
        return runner;
    }

    Policies policies() {
        return policies;
    }

    Random random() {
        return random;
    }

    /** The operation a payment request runs as. */
    public static Operation operationOf(PaymentRequest request) {
        return request.method() instanceof PaymentMethod.PaymentCode ? Operation.PAY_BY_CODE : Operation.CREATE_ORDER;
    }

    // ------------------------------------------------------------------ payments

    /** A public call ready to run: the operation and order its scope names, and its first step. */
    private record Job<T>(Operation operation, String orderId, Supplier<Flow<T>> first) {}

    /** Runs {@code job} on the calling thread, sleeping through its waits. */
    private <T> T runNow(Job<T> job) {
        try (CallScope scope = CallScope.call(listeners, time, provider.name(), job.operation(), job.orderId())) {
            return Flow.await(job.first().get(), time);
        }
    }

    /** Runs {@code job} on {@code driver}: its steps run on the driver's executor, its waits hold no thread. */
    private <T> CompletableFuture<T> runAsync(Job<T> job, AsyncDriver driver) {
        return driver.start(() -> CallScope.call(listeners, time, provider.name(), job.operation(), job.orderId()),
                job.first());
    }

    /** Takes a payment. {@code policy} is the call's policy (the operation's default unless overridden). */
    public PaymentOutcome pay(PaymentRequest request, OperationPolicy policy) {
        return runNow(payJob(request, policy));
    }

    /**
     * {@link #pay} on {@code driver}; the request is validated on the calling thread first.
     *
     * @param request the payment
     * @param policy  the call's policy
     * @param driver  where its steps run and how its waits are scheduled
     * @return the future outcome
     */
    public CompletableFuture<PaymentOutcome> payAsync(PaymentRequest request, OperationPolicy policy,
                                                      AsyncDriver driver) {
        return runAsync(payJob(request, policy), driver);
    }

    private Job<PaymentOutcome> payJob(PaymentRequest request, OperationPolicy policy) {
        validate(request);
        LedgerKey key = keys.pay(request.orderId());
        String fingerprint = RequestFingerprint.of(request);
        return new Job<>(operationOf(request), request.orderId(), () -> flights.run(key.id(), fingerprint,
                () -> begin(request, fingerprint, policy),
                () -> (PaymentOutcome) conflict(operationOf(request), request.orderId(), null)));
    }

    /** Step 1: the provider's own rules (formats, limits, supported methods). */
    private void validate(PaymentRequest request) {
        provider.validate(request);
    }

    private void validate(RefundRequest request) {
        provider.validate(request);
    }

    /**
     * Waits {@code wait} if it fits before the call's deadline, then goes on with {@code then};
     * otherwise, or if the waiting thread is interrupted, with {@code otherwise}. The wait is the
     * driver's: a sleep for a blocking call, a scheduled task for an asynchronous one.
     */
    private <T> Flow<T> pause(Call call, Duration wait, Supplier<Flow<T>> then, Supplier<Flow<T>> otherwise) {
        if (!runner.fits(call, wait)) {
            return otherwise.get();
        }
        return new Flow.Wait<>(wait, then, () -> {
            call.interrupted = true;
            return otherwise.get();
        });
    }

    /**
     * Step 2: the ledger decides whether this call sends, replays, joins a call running on another
     * instance, or takes over a call whose owner died.
     */
    private Flow<PaymentOutcome> begin(PaymentRequest request, String fingerprint, OperationPolicy policy) {
        return begin(request, fingerprint, policy, newCall(operationOf(request), request.orderId(), null, policy), 0);
    }

    /** Round {@code round} (of at most three) of {@link #begin}: the ledger entry may change under it. */
    private Flow<PaymentOutcome> begin(PaymentRequest request, String fingerprint, OperationPolicy policy, Call call,
                                       int round) {
        LedgerKey key = keys.pay(request.orderId());
        for (; round < 3; round++) {
            PaymentLedger.Begin begun;
            try {
                begun = ledger.begin(LedgerEntry.start(key, fingerprint, request, null, ownership.owner(), ledger.now())
                                .withPolicy(policy), ownership.lease());
            } catch (LedgerUnavailableException e) {
                return Flow.done(unavailable(call, new PaymentOutcome.Failed(request.orderId(), ledgerFailure(e))));
            }
            if (begun instanceof PaymentLedger.Begin.Started started) {
                return runPay(request, policy, claimOf(started.entry()), false, time.now());
            }
            if (begun instanceof PaymentLedger.Begin.Conflict) {
                return Flow.done((PaymentOutcome) conflict(operationOf(request), request.orderId(), null));
            }
            LedgerEntry entry = ((PaymentLedger.Begin.Existing) begun).entry();
            if (entry.state() == LedgerState.COMPLETED && entry.outcome() instanceof PaymentOutcome recorded) {
                if (recorded instanceof PaymentOutcome.Failed failed && failed.failure().retryable()
                        && failed.failure().reason() != FailureReason.AMOUNT_MISMATCH
                        && operationOf(request) != Operation.PAY_BY_CODE) {
                    // (Never for a payment code: a recorded failure means a send may have reached the
                    // provider — calls that provably sent nothing leave no entry — and a one-time code
                    // is never sent again; the recorded outcome is replayed. Model finding 2.)
                    if (failed.failure().reason() != FailureReason.NOT_SENT) {
                        // A definite refusal (nothing changed at the provider): start afresh.
                        ledger.release(entry);
                        continue;
                    }
                    // Earlier sends may have reached the provider: keep the entry (an order the gateway
                    // holds must never lose it) and try again on it, asking first (model finding 7).
                    Optional<LedgerEntry> reopened = ledger.complete(entry, LedgerState.IN_DOUBT,
                            new PaymentOutcome.InDoubt(request.orderId(), failed.failure()), 0);
                    Optional<LedgerEntry> claimed = reopened.isPresent() ? claim(key) : Optional.empty();
                    if (claimed.isPresent()) {
                        return runPay(request, policy, claimOf(claimed.get()), true, call.startedAt);
                    }
                    continue;
                }
                log.info("{} {}: replaying the recorded {}, nothing sent", operationOf(request), request.orderId(),
                        describe(recorded));
                return Flow.done(recorded);
            }
            int next = round + 1;
            return takeOver(call, entry, policy, policy).then(taken -> taken != null ? Flow.done(taken)
                    : begin(request, fingerprint, policy, call, next));
        }
        return Flow.done((PaymentOutcome) lastWord(call, key));
    }

    /**
     * An unfinished entry: take it over if nobody holds it (its owner died, or it is in doubt) and
     * learn what happened before sending anything; otherwise wait for the instance that holds it.
     *
     * @param current the client's current policy of the operation, for an entry that recorded none
     * @param caller  the policy of the caller's own pay, whose deadline bounds the takeover; {@code null}
     *                for resolve (see {@link #policyFor})
     * @return the outcome, or {@code null} to begin again (the entry changed meanwhile)
     */
    private Flow<PaymentOutcome> takeOver(Call call, LedgerEntry entry, OperationPolicy current, OperationPolicy caller) {
        Optional<LedgerEntry> claimed = claim(entry.key());
        if (claimed.isPresent()) {
            // The caller's deadline runs from when it called, not from the takeover (model finding 4).
            return runPay(claimed.get().payment(), policyFor(claimed.get(), current, caller), claimOf(claimed.get()),
                    true, call.startedAt);
        }
        return awaitElsewhere(call, entry.key()).then(elsewhere -> Flow.done((PaymentOutcome) elsewhere));
    }

    /**
     * Waits, within the call's deadline, for the instance that holds {@code key} to finish it.
     *
     * @return its outcome, an in-doubt outcome at the deadline, or {@code null} if the entry became
     *     free (begin again)
     */
    private Flow<Outcome> awaitElsewhere(Call call, LedgerKey key) {
        log.info("{} {}: running on another instance; waiting for its outcome", call.operation, call.orderId);
        return awaitElsewhere(call, key, Duration.ofMillis(200));
    }

    private Flow<Outcome> awaitElsewhere(Call call, LedgerKey key, Duration wait) {
        Optional<LedgerEntry> now;
        try {
            now = ledger.find(key);
        } catch (LedgerUnavailableException e) {
            return Flow.done(inDoubtElsewhere(call, key, ledgerFailure(e)));
        }
        if (now.isEmpty()) {
            return Flow.done(null);
        }
        LedgerEntry entry = now.get();
        if (entry.state() == LedgerState.COMPLETED) {
            return Flow.done(entry.outcome());
        }
        if (entry.unowned(ledger.now())) {
            return Flow.done(null);
        }
        Duration next = wait.multipliedBy(2).compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2)
                : wait.multipliedBy(2);
        return pause(call, wait, () -> awaitElsewhere(call, key, next),
                () -> Flow.done(inDoubtElsewhere(call, key, Failure.of(FailureReason.CALL_IN_PROGRESS,
                        "another instance is still working on this call"))));
    }

    private Outcome inDoubtElsewhere(Call call, LedgerKey key, Failure failure) {
        Outcome outcome = key.isPayment() ? new PaymentOutcome.InDoubt(call.orderId, failure)
                : new RefundOutcome.InDoubt(call.orderId, key.id().substring(key.id().lastIndexOf(':') + 1), failure);
        report(call, outcome);
        return outcome;
    }

    /** What the ledger holds for a key that kept changing under this call: its outcome, or in doubt. */
    private Outcome lastWord(Call call, LedgerKey key) {
        Optional<LedgerEntry> entry = ledger.find(key);
        if (entry.isPresent() && entry.get().state() == LedgerState.COMPLETED && entry.get().outcome() != null) {
            return entry.get().outcome();
        }
        return inDoubtElsewhere(call, key, Failure.of(FailureReason.CALL_IN_PROGRESS,
                "the ledger entry kept changing; another instance is working on this call"));
    }

    /**
     * The policy a later run of an existing entry uses (issue 8): the policy the entry was begun with
     * ({@link LedgerEntry#policy()}), else {@code current}, the client's current one. Its attempt
     * timeout, sends, backoff and polling always apply. Its deadline applies too, measured from when
     * this run starts (a resolve or recovery is a new call), except when a caller's own pay or refund
     * takes the entry over: that call promised to return within {@code caller}'s deadline, so it keeps it.
     */
    private static OperationPolicy policyFor(LedgerEntry entry, OperationPolicy current, OperationPolicy caller) {
        OperationPolicy stored = entry.policy() != null ? entry.policy() : current;
        return caller == null || stored.deadline().equals(caller.deadline()) ? stored
                : stored.toBuilder().deadline(caller.deadline()).build();
    }

    private Optional<LedgerEntry> claim(LedgerKey key) {
        try {
            return ledger.claim(key, ownership.owner(), ownership.lease());
        } catch (LedgerUnavailableException e) {
            log.warn("{}: cannot claim, ledger unavailable ({})", key, e.getMessage());
            return Optional.empty();
        }
    }

    private LedgerClaim claimOf(LedgerEntry entry) {
        return new LedgerClaim(ledger, entry, ownership.lease(), time.now());
    }

    private static Failure ledgerFailure(LedgerUnavailableException e) {
        return Failure.of(FailureReason.LEDGER_UNAVAILABLE, "ledger unavailable; nothing sent");
    }

    private <O extends Outcome> O unavailable(Call call, O outcome) {
        report(call, outcome);
        return outcome;
    }

    /**
     * Finishes what is known of {@code orderId}: an unresolved call is queried (and polled, re-sent
     * or cancelled as the answer requires; a payment code is never re-sent); an order awaiting its
     * payer is refreshed; a call held by another live instance is awaited.
     */
    public PaymentOutcome resolve(String orderId) {
        return runNow(resolveJob(orderId));
    }

    /**
     * {@link #resolve} on {@code driver}.
     *
     * @param orderId the order
     * @param driver  where its steps run and how its waits are scheduled
     * @return the future outcome
     */
    public CompletableFuture<PaymentOutcome> resolveAsync(String orderId, AsyncDriver driver) {
        return runAsync(resolveJob(orderId), driver);
    }

    private Job<PaymentOutcome> resolveJob(String orderId) {
        LedgerKey key = keys.pay(orderId);
        return new Job<>(Operation.QUERY, orderId, () -> {
            String fingerprint = recorder.payment(orderId).map(LedgerEntry::fingerprint).orElse(null);
            return flights.run(key.id(), fingerprint, () -> resolveNow(orderId),
                    () -> (PaymentOutcome) conflict(Operation.QUERY, orderId, null));
        });
    }

    private Flow<PaymentOutcome> resolveNow(String orderId) {
        Optional<LedgerEntry> found;
        try {
            found = ledger.find(keys.pay(orderId));
        } catch (LedgerUnavailableException e) {
            return Flow.done(unavailable(newCall(Operation.QUERY, orderId, null, policies.of(Operation.QUERY)),
                    new PaymentOutcome.InDoubt(orderId, ledgerFailure(e))));
        }
        if (found.isEmpty()) {
            return statusOnly(orderId);
        }
        LedgerEntry entry = found.get();
        PaymentRequest request = entry.payment();
        OperationPolicy current = policies.of(operationOf(request));
        OperationPolicy policy = policyFor(entry, current, null);
        if (entry.state() != LedgerState.COMPLETED) {
            return takeOver(newCall(operationOf(request), orderId, null, policy), entry, current, null)
                    .then(taken -> Flow.done(taken != null ? taken
                            : (PaymentOutcome) lastWord(newCall(Operation.QUERY, orderId, null, policy), entry.key())));
        }
        PaymentOutcome recorded = (PaymentOutcome) entry.outcome();
        if (!(recorded instanceof PaymentOutcome.AwaitingPayer || recorded instanceof PaymentOutcome.Failed)) {
            return Flow.done(recorded);
        }
        // A recorded failure is refreshed too: verified PAID evidence overrides it (and is reported).
        return queryFlow(orderId).then(result -> {
            if (result instanceof QueryResult.Known<TradeStatus> known) {
                Optional<PaymentOutcome> proven = StatusRecorder.definite(known.status(), request.amount(), 0);
                if (proven.isPresent() && (recorded instanceof PaymentOutcome.AwaitingPayer
                        || proven.get() instanceof PaymentOutcome.Paid)) {
                    PaymentOutcome outcome = proven.get();
                    report(newCall(Operation.QUERY, orderId, null, policies.of(Operation.QUERY)), outcome);
                    return Flow.done(outcome);
                }
            }
            return Flow.done(recorded);
        });
    }

    /** resolve() of an order the ledger does not know: the provider's word is all there is. */
    private Flow<PaymentOutcome> statusOnly(String orderId) {
        Call call = newCall(Operation.QUERY, orderId, null, policies.of(Operation.QUERY));
        return queryFlow(orderId).then(result -> {
            PaymentOutcome outcome;
            if (result instanceof QueryResult.Known<TradeStatus> known) {
                TradeStatus status = known.status();
                // "Not found" is not proof of "never charged" (queries lag, and a pay of the same order may be
                // starting right now): in doubt, with the reason, never Failed.
                outcome = StatusRecorder.definite(status, null, 0).orElseGet(() -> status.state() == TradeState.NOT_FOUND
                        ? new PaymentOutcome.InDoubt(orderId, Failure.of(FailureReason.ORDER_NOT_FOUND,
                            "the provider has no such order (yet) and this client has no record of it"))
                        : new PaymentOutcome.InDoubt(orderId, Failure.of(FailureReason.PROVIDER_ERROR,
                            "order is " + status.state() + " but this client has no record of it")));
            } else {
                outcome = new PaymentOutcome.InDoubt(orderId, ((QueryResult.Unknown<TradeStatus>) result).failure());
            }
            report(call, outcome);
            return Flow.done(outcome);
        });
    }

    /**
     * The payment state machine: send, classify, query, poll, settle.
     *
     * <p>A payment code is a one-time credential: once a send may have reached the provider it is
     * never sent again (the provider consumed it, and a refusal of a second send proves nothing about
     * the first). The official barcode flow follows instead: query, poll, and cancel at the deadline.
     * A recovered call never has the code at all (the ledger keeps none).
     */
    private Flow<PaymentOutcome> runPay(PaymentRequest request, OperationPolicy policy, LedgerClaim claim,
                                        boolean queryFirst, Instant startedAt) {
        Call call = new Call(operationOf(request), request.orderId(), claim, policy, startedAt, random);
        call.maybeSent = queryFirst;
        return payStep(call, request, queryFirst ? Step.QUERY : Step.SEND);
    }

    /**
     * Runs the payment from {@code step} until it needs to wait (returning the wait and what follows
     * it) or ends.
     */
    private Flow<PaymentOutcome> payStep(Call call, PaymentRequest request, Step step) {
        Operation op = call.operation;
        boolean codeConsumable = op == Operation.PAY_BY_CODE;
        Supplier<Flow<PaymentOutcome>> settle = () -> settle(call, request);
        while (true) {
            if (step == Step.SEND && codeConsumable && (call.maybeSent
                    || ((PaymentMethod.PaymentCode) request.method()).isRedacted())) {
                step = Step.POLL; // never re-send a payment code that may have been consumed
            }
            if (step == Step.SEND) {
                if (call.sends >= call.policy.maxAttempts()) {
                    return settle.get();
                }
                if (!runner.guard(call, op, call.sends + 1)) {
                    if (!call.maybeSent) {
                        return Flow.done(release(call, new PaymentOutcome.Failed(request.orderId(),
                                call.lastFailureOrTimeout())));
                    }
                    return pause(call, call.retries.next(), () -> payStep(call, request, Step.QUERY), settle);
                }
                Attempt<PaymentOutcome> attempt = runner.attempt(call, op, ++call.sends, request.orderId(),
                        ctx -> provider.pay(request, ctx));
                Object next = classify(call, request, attempt);
                if (next instanceof PaymentOutcome outcome) {
                    return Flow.done(complete(call, outcome));
                }
                if (next instanceof Duration resend) {
                    return pause(call, resend, () -> payStep(call, request, Step.SEND), settle);
                }
                if (next == null) {
                    return settle.get();
                }
                step = (Step) next;
                continue;
            }
            if (step == Step.POLL) {
                return pause(call, call.polls.next(), () -> payStep(call, request, Step.POLLED), settle);
            }
            // QUERY or POLLED: one status query, now.
            if (call.remaining(time.now()).isZero()) {
                return settle.get();
            }
            TradeStatus known = queryOnce(call);
            if (known == null) {
                // The query itself failed (often within milliseconds): ask again after the short retry
                // backoff (at once after a poll's wait), not after a whole poll interval, so a run of
                // transient failures does not use up the deadline while the payer may already have paid.
                if (step == Step.QUERY) {
                    return pause(call, call.retries.next(), () -> payStep(call, request, Step.QUERY), settle);
                }
                step = Step.QUERY;
                continue;
            }
            call.lastState = known.state();
            Optional<PaymentOutcome> definite = StatusRecorder.definite(known, request.amount(), call.sends);
            if (definite.isPresent()) {
                return Flow.done(complete(call, definite.get()));
            }
            if (known.state() == TradeState.NOT_FOUND) {
                // Not created yet, or the provider has not caught up. An order without a consumable
                // credential is sent again with the same key (idempotent by order id), after a backoff
                // so a lagging provider can catch up; a payment code is not (the loop above polls).
                if (call.sends > 0 && !codeConsumable) {
                    return pause(call, call.retries.next(), () -> payStep(call, request, Step.SEND), settle);
                }
                step = Step.SEND;
            } else if (op == Operation.CREATE_ORDER && known.state() == TradeState.AWAITING_PAYMENT && !call.alreadyPaid) {
                step = Step.SEND; // the order exists; re-sending (idempotent by order id) returns the payer action
            } else {
                step = Step.POLL;
            }
        }
    }

    /**
     * Step 5: what one send proved. Returns the final outcome, the next {@link Step}, the wait before
     * sending again (a {@link Duration}), or {@code null} when the call must be settled (no time or
     * sends left).
     */
    private Object classify(Call call, PaymentRequest request, Attempt<PaymentOutcome> attempt) {
        String orderId = call.orderId;
        if (attempt instanceof Attempt.Succeeded<PaymentOutcome> succeeded) {
            PaymentOutcome value = succeeded.value();
            if (value instanceof PaymentOutcome.Paid paid && !paid.amount().equals(request.amount())) {
                log.warn("{} {}: provider answered paid with {} but {} was requested: not taken as paid",
                        call.operation, orderId, paid.amount(), request.amount());
                call.maybeSent = true;
                call.lastFailure = new Failure(FailureReason.AMOUNT_MISMATCH, null, null,
                        "provider answered " + paid.amount() + " paid, the order is for " + request.amount(), null, call.sends);
                call.amountMismatch = true;
                return Step.QUERY;
            }
            if (value instanceof PaymentOutcome.Failed failed) {
                return rejected(call, failed.failure());
            }
            return value;
        }
        if (attempt instanceof Attempt.Rejected<PaymentOutcome> rejected) {
            return rejected(call, rejected.failure());
        }
        call.lastState = null;
        if (attempt instanceof Attempt.NotSent<PaymentOutcome> notSent) {
            call.lastFailure = notSent.failure();
            return call.sends < call.policy.maxAttempts() ? runner.resendWait(call, notSent.retryAfter()) : null;
        }
        call.maybeSent = true;
        if (attempt instanceof Attempt.Unknown<PaymentOutcome> unknown) {
            call.lastFailure = unknown.failure();
            call.alreadyPaid |= unknown.failure().reason() == FailureReason.ORDER_ALREADY_PAID;
            return Step.QUERY;
        }
        return Step.POLL;
    }

    /**
     * A definite refusal. It proves "not charged" only if no earlier send of this call may have
     * reached the provider: a refusal of a re-send (a consumed code, a used order number) says
     * nothing about the first send, so the call queries instead.
     */
    private Object rejected(Call call, Failure failure) {
        Failure counted = failure.withAttempts(call.sends);
        if (!call.maybeSent) {
            return new PaymentOutcome.Failed(call.orderId, counted);
        }
        log.info("{} {}: re-send refused ({}) after an earlier send may have reached the provider; querying",
                call.operation, call.orderId, failure.reason());
        call.lastFailure = counted;
        call.refusedAfterSend = true;
        return Step.QUERY;
    }

    /**
     * One status query behind the breaker, reported as a poll.
     *
     * @return the status, or {@code null} if the query failed or the breaker refused it (the reason in
     *     {@code call.lastFailure})
     */
    TradeStatus queryOnce(Call call) {
        int number = ++call.queries;
        TradeStatus status = null;
        if (runner.guard(call, Operation.QUERY, number)) {
            Attempt<TradeStatus> attempt = runner.attempt(call, Operation.QUERY, number, call.orderId,
                    ctx -> provider.query(call.orderId, ctx));
            if (attempt instanceof Attempt.Succeeded<TradeStatus> succeeded) {
                status = succeeded.value();
            } else {
                call.lastFailure = AttemptRunner.failureOf(attempt);
            }
        }
        listeners.poll(new PaymentListener.PollFinished(provider.name(), call.orderId, number,
                status == null ? null : status.state()));
        return status;
    }

    /**
     * Step 7: the deadline (or the send limit) is reached without a definite answer.
     */
    private Flow<PaymentOutcome> settle(Call call, PaymentRequest request) {
        String orderId = call.orderId;
        Failure last = call.lastFailureOrTimeout();
        if (call.claim != null && call.claim.lost()) {
            return Flow.done((PaymentOutcome) lostLease(call));
        }
        if (!call.maybeSent) {
            // Every attempt provably failed to reach the provider: not charged, and the key is free.
            return Flow.done(release(call, new PaymentOutcome.Failed(orderId, last)));
        }
        if (call.amountMismatch) {
            return Flow.done(complete(call, new PaymentOutcome.InDoubt(orderId, last)));
        }
        if (call.lastState == TradeState.NOT_FOUND && call.operation != Operation.PAY_BY_CODE && !call.alreadyPaid
                && !call.refusedAfterSend) {
            // Verified "no such order" after the last send, with no consumable credential: never charged.
            return Flow.done(complete(call, new PaymentOutcome.Failed(orderId, new Failure(FailureReason.NOT_SENT,
                    last.providerCode(), last.providerSubCode(), "the provider has no such order: " + last.providerMessage(), last.requestId(),
                    call.sends))));
        }
        if (call.operation == Operation.PAY_BY_CODE && !call.alreadyPaid && !call.interrupted) {
            Optional<PaymentOutcome.Paid> notified = recorder.paidWhileRunning(orderId);
            if (notified.isPresent() && notified.get().amount().equals(request.amount())) {
                return Flow.done(complete(call, notified.get())); // a verified notification arrived: no cancel
            }
            // Use the deadline to its end: the payer may still confirm, and a cancel now would refund them.
            Supplier<Flow<PaymentOutcome>> cancel = () -> cancelAtDeadline(call, request);
            Duration left = call.remaining(time.now());
            if (left.isZero()) {
                return cancel.get();
            }
            return new Flow.Wait<>(left, cancel, () -> {
                call.interrupted = true;
                return cancel.get();
            });
        }
        return Flow.done(complete(call, new PaymentOutcome.InDoubt(orderId, last)));
    }

    /**
     * The end of a payment-code payment that is not definite at its deadline: one last look, then the
     * cancel, and what the cancel proves.
     */
    private Flow<PaymentOutcome> cancelAtDeadline(Call call, PaymentRequest request) {
        String orderId = call.orderId;
        // The last query and the cancel share the cancel policy's time, so the call ends within the
        // policy's deadline plus the cancel's (model finding 3).
        Call cancel = newCall(Operation.CANCEL, orderId, call.claim, policies.of(Operation.CANCEL));
        return lastQuery(call, cancel, request, 0).then(lastLook -> {
            if (lastLook != null) {
                return Flow.done(complete(call, lastLook));
            }
            call.cancelAttempted = true; // from here a PAID notification may describe money the cancel moves back
            return cancelOrder(cancel).then(cancelled -> Flow.done(complete(call, afterCancel(call, cancelled))));
        });
    }

    /** What the deadline cancel of a payment-code payment proves about the payment. */
    private static PaymentOutcome afterCancel(Call call, CloseOutcome cancelled) {
        String orderId = call.orderId;
        if (cancelled instanceof CloseOutcome.Closed closed) {
            // A query's "not found" is no proof the order never existed (queries lag): only a cancel
            // that itself answers "no such order" is (below). A closed order whose refund could not
            // be learned is reported as not confirmed, whose message promises any amount back.
            FailureReason reason = closed.refunded() ? FailureReason.PAYMENT_REVERSED
                    : FailureReason.PAYER_DID_NOT_CONFIRM;
            String message = closed.refunded() ? "paid but not confirmed in time; cancelled and refunded"
                    : "not confirmed in time; cancelled (any amount taken is returned)";
            return new PaymentOutcome.Failed(orderId, new Failure(reason, null, null, message, null, call.sends));
        }
        if (cancelled instanceof CloseOutcome.Failed failed
                && failed.failure().reason() == FailureReason.ORDER_NOT_FOUND) {
            // A verified "no such order" to the cancel, long after the last send: never created.
            return new PaymentOutcome.Failed(orderId, new Failure(FailureReason.NOT_SENT,
                    failed.failure().providerCode(), failed.failure().providerSubCode(),
                    "the provider never created the order", failed.failure().requestId(), call.sends));
        }
        Failure last = cancelled instanceof CloseOutcome.Failed failed ? failed.failure()
                : ((CloseOutcome.InDoubt) cancelled).lastFailure();
        return new PaymentOutcome.InDoubt(orderId, last.withAttempts(call.sends));
    }

    /**
     * One more query right before a payment-code cancel, on the cancel policy's time: the payer may
     * have confirmed in the last seconds, and a cancel would then refund a paid order.
     *
     * @return the definite outcome it proves, or {@code null}
     */
    private Flow<PaymentOutcome> lastQuery(Call call, Call look, PaymentRequest request, int tries) {
        // Not behind the breaker: an order that may be charged must be settled even during an outage
        // (the breaker protects new calls, not the end of one already sent). Tried up to three times on
        // a transient failure, within the cancel policy's time, before the cancel refunds a paid payer.
        Attempt<TradeStatus> attempt = runner.attempt(look, Operation.QUERY, ++call.queries, call.orderId,
                ctx -> provider.query(call.orderId, ctx));
        if (attempt instanceof Attempt.Succeeded<TradeStatus> succeeded) {
            call.lastState = succeeded.value().state();
            return Flow.done(StatusRecorder.definite(succeeded.value(), request.amount(), call.sends)
                    .filter(o -> !(o instanceof PaymentOutcome.Failed)).orElse(null));
        }
        if (attempt instanceof Attempt.Rejected<TradeStatus>) {
            return Flow.done(null);
        }
        return pause(look, look.retries.next(),
                () -> tries + 1 < 3 ? lastQuery(call, look, request, tries + 1) : Flow.done(null),
                () -> Flow.done(null));
    }

    /** The cancel of {@link #settle}, with the CANCEL policy, recorded only as part of the payment. */
    private Flow<CloseOutcome> cancelOrder(Call cancel) {
        String orderId = cancel.orderId;
        // The payment's claim goes along (in {@code cancel}): the cancel keeps the lease alive.
        log.info("{} {}: not definite at the deadline, cancelling", Operation.PAY_BY_CODE, orderId);
        return retryIdempotent(cancel, orderId, ctx -> provider.cancel(orderId, ctx), true)
                .then(result -> Flow.done(refundedByCancel(cancel, closeOutcome(cancel, result))));
    }

    /**
     * For a provider whose cancel answer does not say whether it refunded a payment (WeChat Pay's
     * reverse), one query after the cancel, as a visible attempt on the cancel's time: a closed order
     * that carries a payment time had been paid, so the cancel returned the money.
     */
    private CloseOutcome refundedByCancel(Call cancel, CloseOutcome outcome) {
        if (!(outcome instanceof CloseOutcome.Closed closed) || closed.refunded() || provider.cancelReportsRefund()) {
            return outcome;
        }
        Attempt<TradeStatus> after = runner.attempt(cancel, Operation.QUERY, ++cancel.queries, cancel.orderId,
                ctx -> provider.query(cancel.orderId, ctx));
        if (after instanceof Attempt.Succeeded<TradeStatus> known) {
            TradeStatus status = known.value();
            boolean wasPaid = status.paidAt() != null || status.state().isPaid();
            return wasPaid ? new CloseOutcome.Closed(closed.orderId(), true) : closed;
        }
        log.warn("{} {}: cancelled, but whether it refunded a payment could not be learned ({})", Operation.CANCEL,
                cancel.orderId, AttemptRunner.reasonOf(after));
        return closed;
    }

    // ------------------------------------------------------------------ refunds

    /** Refunds. {@code policy} is the call's policy. */
    public RefundOutcome refund(RefundRequest request, OperationPolicy policy) {
        return runNow(refundJob(request, policy));
    }

    /**
     * {@link #refund} on {@code driver}; the request is validated on the calling thread first.
     *
     * @param request the refund
     * @param policy  the call's policy
     * @param driver  where its steps run and how its waits are scheduled
     * @return the future outcome
     */
    public CompletableFuture<RefundOutcome> refundAsync(RefundRequest request, OperationPolicy policy,
                                                        AsyncDriver driver) {
        return runAsync(refundJob(request, policy), driver);
    }

    private Job<RefundOutcome> refundJob(RefundRequest request, OperationPolicy policy) {
        validate(request);
        LedgerKey key = keys.refund(request.orderId(), request.refundId());
        String fingerprint = RequestFingerprint.of(request);
        return new Job<>(Operation.REFUND, request.orderId(), () -> flights.run(key.id(), fingerprint,
                () -> begin(request, fingerprint, policy),
                () -> (RefundOutcome) conflict(Operation.REFUND, request.orderId(), request.refundId())));
    }

    private Flow<RefundOutcome> begin(RefundRequest request, String fingerprint, OperationPolicy policy) {
        return begin(request, fingerprint, policy, newCall(Operation.REFUND, request.orderId(), null, policy), 0);
    }

    private Flow<RefundOutcome> begin(RefundRequest request, String fingerprint, OperationPolicy policy, Call call,
                                      int round) {
        LedgerKey key = keys.refund(request.orderId(), request.refundId());
        for (; round < 3; round++) {
            PaymentLedger.Begin begun;
            try {
                begun = ledger.begin(LedgerEntry.start(key, fingerprint, null, request, ownership.owner(), ledger.now())
                                .withPolicy(policy), ownership.lease());
            } catch (LedgerUnavailableException e) {
                return Flow.done(unavailable(call, refundFailed(request, ledgerFailure(e))));
            }
            if (begun instanceof PaymentLedger.Begin.Started started) {
                return runRefund(request, policy, claimOf(started.entry()), false, time.now());
            }
            if (begun instanceof PaymentLedger.Begin.Conflict) {
                return Flow.done((RefundOutcome) conflict(Operation.REFUND, request.orderId(), request.refundId()));
            }
            LedgerEntry entry = ((PaymentLedger.Begin.Existing) begun).entry();
            if (entry.state() == LedgerState.COMPLETED && entry.outcome() instanceof RefundOutcome recorded) {
                if (recorded instanceof RefundOutcome.Failed failed && failed.failure().retryable()) {
                    ledger.release(entry);
                    continue;
                }
                log.info("{} {}/{}: replaying the recorded {}, nothing sent", Operation.REFUND, request.orderId(),
                        request.refundId(), describe(recorded));
                return Flow.done(recorded);
            }
            int next = round + 1;
            return takeOverRefund(call, entry, policy, policy).then(taken -> taken != null ? Flow.done(taken)
                    : begin(request, fingerprint, policy, call, next));
        }
        return Flow.done((RefundOutcome) lastWord(call, key));
    }

    /** Like {@link #takeOver}, for a refund; the policies as in {@link #policyFor}. */
    private Flow<RefundOutcome> takeOverRefund(Call call, LedgerEntry entry, OperationPolicy current,
                                               OperationPolicy caller) {
        Optional<LedgerEntry> claimed = claim(entry.key());
        if (claimed.isPresent()) {
            return runRefund(claimed.get().refund(), policyFor(claimed.get(), current, caller), claimOf(claimed.get()),
                    true, call.startedAt);
        }
        return awaitElsewhere(call, entry.key()).then(elsewhere -> Flow.done((RefundOutcome) elsewhere));
    }

    /** Finishes an unresolved refund: query it, and re-send the same refund id if the provider has none. */
    public RefundOutcome resolveRefund(RefundRequest request) {
        LedgerKey key = keys.refund(request.orderId(), request.refundId());
        return runNow(new Job<>(Operation.REFUND, request.orderId(), () -> flights.run(key.id(),
                RequestFingerprint.of(request), () -> resolveRefundNow(request),
                () -> (RefundOutcome) conflict(Operation.REFUND, request.orderId(), request.refundId()))));
    }

    private Flow<RefundOutcome> resolveRefundNow(RefundRequest request) {
        OperationPolicy current = policies.of(Operation.REFUND);
        Optional<LedgerEntry> found = ledger.find(keys.refund(request.orderId(), request.refundId()));
        if (found.isEmpty()) {
            return runRefund(request, current, null, true, time.now());
        }
        LedgerEntry entry = found.get();
        if (entry.state() == LedgerState.COMPLETED && entry.outcome() instanceof RefundOutcome recorded) {
            return Flow.done(recorded);
        }
        Call call = newCall(Operation.REFUND, request.orderId(), null, policyFor(entry, current, null));
        return takeOverRefund(call, entry, current, null)
                .then(taken -> Flow.done(taken != null ? taken : (RefundOutcome) lastWord(call, entry.key())));
    }

    /** What a refund call has learned so far, across its steps. */
    private static final class RefundProgress {
        /** The provider verifiably had no such refund before the next send. */
        boolean verifiedNoSuchRefund;
        /** The last "still processing" status, which an unfinished call reports. */
        RefundStatus processing;
    }

    /** The refund state machine: accepted is not refunded, so it polls the refund query. */
    private Flow<RefundOutcome> runRefund(RefundRequest request, OperationPolicy policy, LedgerClaim claim,
                                          boolean queryFirst, Instant startedAt) {
        Call call = new Call(Operation.REFUND, request.orderId(), claim, policy, startedAt, random);
        call.maybeSent = queryFirst;
        return refundStep(call, request, new RefundProgress(), queryFirst ? Step.QUERY : Step.SEND);
    }

    /** Runs the refund from {@code step} until it needs to wait or ends. */
    private Flow<RefundOutcome> refundStep(Call call, RefundRequest request, RefundProgress progress, Step step) {
        Supplier<Flow<RefundOutcome>> settle = () -> Flow.done(settle(call, request, progress.processing));
        while (true) {
            RefundStatus status;
            if (step == Step.SEND) {
                if (call.sends >= call.policy.maxAttempts()) {
                    return settle.get();
                }
                if (!runner.guard(call, Operation.REFUND, call.sends + 1)) {
                    if (!call.maybeSent) {
                        return Flow.done(release(call, refundFailed(request, call.lastFailureOrTimeout())));
                    }
                    return pause(call, call.retries.next(), () -> refundStep(call, request, progress, Step.QUERY),
                            settle);
                }
                Attempt<RefundStatus> attempt = runner.attempt(call, Operation.REFUND, ++call.sends,
                        request.refundId(), ctx -> provider.refund(request, ctx));
                if (attempt instanceof Attempt.Rejected<RefundStatus> rejected) {
                    // Definite when nothing may have been sent before, or when the provider verifiably
                    // had no such refund before this send: a refund id carries no one-time credential,
                    // and a re-send of a processed refund is answered with its result, not refused
                    // (model finding 5).
                    if (!call.maybeSent || progress.verifiedNoSuchRefund) {
                        return Flow.done(complete(call, refundFailed(request,
                                rejected.failure().withAttempts(call.sends))));
                    }
                    // A refusal of a re-send says nothing about the first send: ask.
                    call.lastFailure = rejected.failure().withAttempts(call.sends);
                    step = Step.QUERY;
                    continue;
                }
                call.lastState = null;
                if (attempt instanceof Attempt.NotSent<RefundStatus> notSent) {
                    call.lastFailure = notSent.failure();
                    Duration resend = call.sends >= call.policy.maxAttempts() ? null
                            : runner.resendWait(call, notSent.retryAfter());
                    if (resend == null) {
                        return settle.get();
                    }
                    return pause(call, resend, () -> refundStep(call, request, progress, Step.SEND), settle);
                }
                call.maybeSent = true;
                if (attempt instanceof Attempt.Unknown<RefundStatus> unknown) {
                    call.lastFailure = unknown.failure();
                    step = Step.QUERY;
                    continue;
                }
                if (!(attempt instanceof Attempt.Succeeded<RefundStatus> succeeded)) {
                    step = Step.POLL;
                    continue;
                }
                status = succeeded.value();
                if (status.state() == RefundState.NOT_FOUND) {
                    step = Step.QUERY;
                    continue;
                }
            } else if (step == Step.POLL) {
                return pause(call, call.polls.next(), () -> refundStep(call, request, progress, Step.POLLED), settle);
            } else {
                // QUERY or POLLED: one refund query, now.
                if (call.remaining(time.now()).isZero()) {
                    return settle.get();
                }
                RefundStatus polled = queryRefundOnce(call, request);
                if (polled == null) {
                    if (step == Step.QUERY) {
                        return pause(call, call.retries.next(), () -> refundStep(call, request, progress, Step.POLL),
                                settle);
                    }
                    step = Step.POLL;
                    continue;
                }
                status = polled;
                if (status.state() == RefundState.NOT_FOUND) {
                    progress.verifiedNoSuchRefund = true;
                    step = Step.SEND; // the provider has no such refund: send it with the same refund id
                    continue;
                }
                progress.verifiedNoSuchRefund = false;
            }
            if (!status.orderId().equals(request.orderId()) || !status.refundId().equals(request.refundId())) {
                // An answer for another order or refund is never taken as this refund's.
                call.lastFailure = Failure.of(FailureReason.PROVIDER_ERROR, "refund answer names order "
                        + status.orderId() + " / refund " + status.refundId() + ", not this refund");
                log.warn("{} {}/{}: {}", Operation.REFUND, request.orderId(), request.refundId(), call.lastFailure.providerMessage());
                call.maybeSent = true;
                step = Step.POLL;
                continue;
            }
            Optional<RefundOutcome> definite = StatusRecorder.definite(status, call.sends);
            if (definite.isPresent()) {
                return Flow.done(complete(call, definite.get()));
            }
            progress.processing = status;
            step = Step.POLL;
        }
    }

    /** One refund query behind the breaker; {@code null} if it failed or the breaker refused it. */
    private RefundStatus queryRefundOnce(Call call, RefundRequest request) {
        int number = ++call.queries;
        RefundStatus status = null;
        if (runner.guard(call, Operation.REFUND_QUERY, number)) {
            Attempt<RefundStatus> attempt = runner.attempt(call, Operation.REFUND_QUERY, number, request.refundId(),
                    ctx -> provider.queryRefund(request.orderId(), request.refundId(), ctx));
            if (attempt instanceof Attempt.Succeeded<RefundStatus> succeeded) {
                status = succeeded.value();
            } else {
                call.lastFailure = AttemptRunner.failureOf(attempt);
            }
        }
        return status;
    }

    private RefundOutcome settle(Call call, RefundRequest request, RefundStatus processing) {
        if (call.claim != null && call.claim.lost()) {
            return (RefundOutcome) lostLease(call);
        }
        if (!call.maybeSent) {
            return release(call, refundFailed(request, call.lastFailureOrTimeout()));
        }
        if (processing != null) {
            return complete(call, new RefundOutcome.Processing(processing));
        }
        return complete(call, new RefundOutcome.InDoubt(request.orderId(), request.refundId(), call.lastFailureOrTimeout()));
    }

    private static RefundOutcome.Failed refundFailed(RefundRequest request, Failure failure) {
        return new RefundOutcome.Failed(request.orderId(), request.refundId(), failure);
    }

    // ------------------------------------------------------------------ idempotent operations

    /** Queries an order, retrying transient failures; records what it learns. */
    public QueryResult<TradeStatus> query(String orderId) {
        return runNow(new Job<>(Operation.QUERY, orderId, () -> queryFlow(orderId)));
    }

    /**
     * {@link #query} on {@code driver}.
     *
     * @param orderId the order
     * @param driver  where its steps run and how its waits are scheduled
     * @return the future result
     */
    public CompletableFuture<QueryResult<TradeStatus>> queryAsync(String orderId, AsyncDriver driver) {
        return runAsync(new Job<>(Operation.QUERY, orderId, () -> queryFlow(orderId)), driver);
    }

    private Flow<QueryResult<TradeStatus>> queryFlow(String orderId) {
        Call call = newCall(Operation.QUERY, orderId, null, policies.of(Operation.QUERY));
        return retryIdempotent(call, orderId, ctx -> provider.query(orderId, ctx), false).then(result -> {
            if (result.value() != null) {
                recorder.learn(result.value(), "query");
                log.debug("QUERY {}: {}", orderId, result.value().state());
                return Flow.done(new QueryResult.Known<>(result.value()));
            }
            log.info("QUERY {}: no answer ({})", orderId, result.failure().reason());
            return Flow.done(new QueryResult.Unknown<>(result.failure()));
        });
    }

    /** Queries a refund, retrying transient failures; records what it learns. */
    public QueryResult<RefundStatus> queryRefund(String orderId, String refundId) {
        return runNow(new Job<>(Operation.REFUND_QUERY, orderId, () -> {
            Call call = newCall(Operation.REFUND_QUERY, orderId, null, policies.of(Operation.REFUND_QUERY));
            return retryIdempotent(call, refundId, ctx -> provider.queryRefund(orderId, refundId, ctx), false)
                    .then(result -> {
                        if (result.value() != null) {
                            recorder.learn(result.value());
                            return Flow.done(new QueryResult.Known<>(result.value()));
                        }
                        log.info("REFUND_QUERY {}/{}: no answer ({})", orderId, refundId, result.failure().reason());
                        return Flow.done(new QueryResult.Unknown<>(result.failure()));
                    });
        }));
    }

    /** Closes ({@link Operation#CLOSE}) or cancels ({@link Operation#CANCEL}) an order. */
    public CloseOutcome close(Operation operation, String orderId) {
        return runNow(new Job<>(operation, orderId, () -> {
            Call call = newCall(operation, orderId, null, policies.of(operation));
            return retryIdempotent(call, orderId, operation == Operation.CANCEL
                    ? ctx -> provider.cancel(orderId, ctx) : ctx -> provider.close(orderId, ctx), false).then(result -> {
                        CloseOutcome outcome = operation == Operation.CANCEL
                                ? refundedByCancel(call, closeOutcome(call, result)) : closeOutcome(call, result);
                        if (outcome instanceof CloseOutcome.Closed closed) {
                            if (closed.refunded()) {
                                recorder.reversed(orderId, operation.name());
                            } else {
                                recorder.learn(new TradeStatus(orderId, TradeState.CLOSED, null, null, null,
                                        operation.name()), "close");
                            }
                        }
                        report(call, outcome);
                        return Flow.done(outcome);
                    });
        }));
    }

    private static CloseOutcome closeOutcome(Call call, Retried<CloseOutcome.Closed> result) {
        if (result.value() != null) {
            return result.value();
        }
        return result.definite() || !call.maybeSent
                ? new CloseOutcome.Failed(call.orderId, result.failure())
                : new CloseOutcome.InDoubt(call.orderId, result.failure());
    }

    /** What an idempotent operation ended with: a value, a definite refusal, or no answer in time. */
    private record Retried<T>(T value, Failure failure, boolean definite) {}

    /**
     * Sends an idempotent request until it is answered, refused, or the limit or deadline is reached.
     *
     * @param pastBreaker {@code true} for the deadline cancel of a payment that may be charged: it must
     *                    be sent even while the breaker is open
     */
    private <T> Flow<Retried<T>> retryIdempotent(Call call, String idempotencyKey,
                                                 Function<AttemptContext, Attempt<T>> action, boolean pastBreaker) {
        Supplier<Flow<Retried<T>>> again = () -> retryIdempotent(call, idempotencyKey, action, pastBreaker);
        Supplier<Flow<Retried<T>>> unanswered = () -> Flow.done(new Retried<>(null, call.lastFailureOrTimeout(), false));
        if (!pastBreaker && !runner.guard(call, call.operation, call.sends + 1)) {
            return call.maybeSent ? pause(call, call.retries.next(), again, unanswered) : unanswered.get();
        }
        Attempt<T> attempt = runner.attempt(call, call.operation, ++call.sends, idempotencyKey, action);
        if (attempt instanceof Attempt.Succeeded<T> succeeded) {
            return Flow.done(new Retried<>(succeeded.value(), null, true));
        }
        if (attempt instanceof Attempt.Rejected<T> rejected) {
            return Flow.done(new Retried<>(null, rejected.failure().withAttempts(call.sends), true));
        }
        call.lastFailure = AttemptRunner.failureOf(attempt);
        call.maybeSent |= !(attempt instanceof Attempt.NotSent<T>);
        Duration retryAfter = attempt instanceof Attempt.NotSent<T> notSent ? notSent.retryAfter() : null;
        Duration resend = call.sends >= call.policy.maxAttempts() ? null : runner.resendWait(call, retryAfter);
        return resend == null ? unanswered.get() : pause(call, resend, again, unanswered);
    }

    // ------------------------------------------------------------------ recovery

    /**
     * Resolves every unresolved ledger entry nobody else holds: calls whose owner died (lease expired)
     * and calls left in doubt. Claims them in batches, so several instances recovering at once share
     * the work and never take a live call; resolves them concurrently with a bound. This instance
     * holds at most {@code recoveryBatch} claimed, unfinished entries at a time, and claims more while
     * the last ones still run, so the workers never wait for a whole batch to finish. Each entry is
     * tried once per run (an entry still in doubt afterwards waits for the next run).
     */
    public List<Outcome> recover() {
        List<Outcome> outcomes = new ArrayList<>();
        try {
            ledger.now();
        } catch (LedgerUnavailableException e) {
            log.warn("recover: ledger unavailable ({})", e.getMessage());
            return List.of();
        }
        java.util.Set<LedgerKey> done = new java.util.HashSet<>();
        int threads = Math.max(1, ownership.recoveryConcurrency());
        int batch = Math.max(1, ownership.recoveryBatch());
        ExecutorService pool = Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "resilient-pay-" + provider.name() + "-recover");
            thread.setDaemon(true);
            return thread;
        });
        java.util.concurrent.CompletionService<Outcome> finished = new java.util.concurrent.ExecutorCompletionService<>(pool);
        int pending = 0; // claimed and submitted, outcome not collected yet
        boolean more = true;
        try {
            while (more || pending > 0) {
                // Top up to `batch` claimed entries once half of them are finished, while the rest still
                // run: a claim is never a barrier the workers wait at.
                if (more && pending <= batch / 2) {
                    int wanted = batch - pending;
                    List<LedgerEntry> claimed;
                    try {
                        claimed = ledger.claimUnresolved(ownership.owner(), ownership.lease(), wanted);
                    } catch (LedgerUnavailableException e) {
                        log.warn("recover: ledger unavailable ({})", e.getMessage());
                        claimed = List.of();
                    }
                    int fresh = 0;
                    for (LedgerEntry entry : claimed) {
                        if (!done.add(entry.key())) {
                            // Tried once in this run and still unresolved: hand it back at once (the next run
                            // tries again) rather than loop on it.
                            giveBack(entry);
                            continue;
                        }
                        fresh++;
                        pending++;
                        finished.submit(() -> recoverOne(entry));
                    }
                    more = claimed.size() == wanted && fresh > 0;
                    continue;
                }
                Future<Outcome> next = finished.take();
                pending--;
                try {
                    Outcome outcome = next.get();
                    if (outcome != null) {
                        outcomes.add(outcome);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    log.warn("recover: an entry failed to resolve", e.getCause());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pool.shutdownNow();
        }
        log.info("recovered {} unresolved calls", outcomes.size());
        return List.copyOf(outcomes);
    }

    private void giveBack(LedgerEntry claimed) {
        try {
            ledger.complete(claimed, claimed.state(), claimed.outcome(), 0);
        } catch (LedgerUnavailableException e) {
            log.debug("recover: {} not handed back ({}); its lease runs out", claimed.key(), e.getMessage());
        }
    }

    /**
     * A claimed entry waits for a free worker; its lease does not renew while it waits. One whose lease
     * ran low meanwhile is renewed before any step (the heartbeat of the call then takes over); one
     * taken over meanwhile — its lease ran out and another instance, or a later claim of this run,
     * claimed it — is left to its new owner.
     *
     * @return the entry to work on, or {@code null} to skip it
     */
    private LedgerEntry stillOurs(LedgerEntry queued) {
        try {
            Instant leaseUntil = queued.leaseUntil();
            Instant now = ledger.now();
            if (leaseUntil != null && !now.isBefore(leaseUntil.minus(ownership.lease().dividedBy(2)))) {
                // Still ours: renew. Run out: claim it again, which works only if nobody else has.
                Optional<LedgerEntry> renewed = now.isBefore(leaseUntil) ? ledger.renew(queued, ownership.lease())
                        : ledger.claim(queued.key(), ownership.owner(), ownership.lease());
                if (renewed.isEmpty()) {
                    log.info("recover: {} was taken over while it waited for a worker; left to its owner",
                            queued.key());
                    return null;
                }
                return renewed.get();
            }
        } catch (LedgerUnavailableException e) {
            log.warn("recover: lease on {} not renewed: ledger unavailable ({})", queued.key(), e.getMessage());
        }
        return queued;
    }

    /**
     * Finishes one claimed entry: a payment (never re-sending a payment code) or a refund. A payment
     * code whose own deadline passed long ago (its till crashed) is not polled for a full deadline
     * again: the payer has left; one query, then the cancel.
     */
    private Outcome recoverOne(LedgerEntry queued) {
        LedgerEntry claimed = stillOurs(queued);
        if (claimed == null) {
            return null;
        }
        Operation recovered = claimed.payment() != null ? operationOf(claimed.payment()) : Operation.REFUND;
        try (CallScope scope = CallScope.call(listeners, time, provider.name(), recovered, claimed.orderId())) {
            // The policy the call was begun with (issue 8), else the client's current one.
            OperationPolicy payPolicy = claimed.payment() == null ? null
                    : policyFor(claimed, policies.of(operationOf(claimed.payment())), null);
            if (payPolicy != null && operationOf(claimed.payment()) == Operation.PAY_BY_CODE
                    && claimed.startedAt().plus(payPolicy.deadline()).isBefore(ledger.now())) {
                payPolicy = payPolicy.toBuilder().deadline(payPolicy.attemptTimeout().multipliedBy(2)).build();
            }
            OperationPolicy recoveryPolicy = payPolicy;
            Supplier<Flow<Outcome>> work = claimed.payment() != null
                    ? () -> Flow.widen(runPay(claimed.payment(), recoveryPolicy, claimOf(claimed), true, time.now()))
                    : () -> Flow.widen(runRefund(claimed.refund(), policyFor(claimed, policies.of(Operation.REFUND), null),
                            claimOf(claimed), true, time.now()));
            return Flow.await(flights.run(claimed.key().id(), claimed.fingerprint(), work,
                    () -> claimed.payment() != null ? conflict(Operation.QUERY, claimed.orderId(), null)
                            : conflict(Operation.REFUND, claimed.orderId(), claimed.refund().refundId())), time);
        }
    }

    // ------------------------------------------------------------------ step 8

    /**
     * Step 8: records the outcome (in doubt stays unresolved) as a compare-and-set on the entry this
     * call owns, tells the listeners, logs one line. If the lease was lost meanwhile, the ledger's
     * word wins: the call re-reads it instead of overwriting.
     */
    private <O extends Outcome> O complete(Call call, O outcome) {
        boolean unresolved = outcome instanceof PaymentOutcome.InDoubt || outcome instanceof RefundOutcome.InDoubt
                || outcome instanceof RefundOutcome.Processing;
        if (outcome instanceof PaymentOutcome.AwaitingPayer || (outcome instanceof PaymentOutcome.InDoubt doubt
                && doubt.lastFailure().reason() != FailureReason.AMOUNT_MISMATCH)) {
            // A verified PAID notification arrived while this call ran (the ledger entry was ours, so
            // it was not written): it proves more than this call's own last answer.
            Optional<PaymentOutcome.Paid> notified = recorder.paidWhileRunning(call.orderId);
            LedgerEntry entry = call.claim != null ? call.claim.entry() : null;
            if (notified.isPresent() && !call.cancelAttempted && entry != null && entry.payment() != null
                    && notified.get().amount().equals(entry.payment().amount())) {
                @SuppressWarnings("unchecked")
                O paid = (O) notified.get();
                outcome = paid;
                unresolved = false;
            }
        } else if (outcome instanceof PaymentOutcome) {
            recorder.paidWhileRunning(call.orderId);
        }
        if (call.claim != null) {
            Optional<LedgerEntry> stored = call.claim.complete(unresolved ? LedgerState.IN_DOUBT : LedgerState.COMPLETED,
                    outcome, call.sends);
            if (stored.isEmpty() && call.claim.lost()) {
                Outcome recorded = recordedOutcome(call.claim.entry().key());
                if (recorded != null && recorded.getClass() != outcome.getClass()) {
                    log.warn("{} {}: lease lost; another instance recorded {} while this call found {}",
                            call.operation, call.orderId, describe(recorded), describe(outcome));
                    listeners.contradiction(new PaymentListener.Contradiction(provider.name(), call.orderId, recorded,
                            outcome, "lease"));
                }
            }
        }
        if (outcome instanceof PaymentOutcome.Paid paid) {
            recorder.paid(paid);
        }
        report(call, outcome);
        return outcome;
    }

    private Outcome recordedOutcome(LedgerKey key) {
        try {
            return ledger.find(key).filter(e -> e.state() == LedgerState.COMPLETED).map(LedgerEntry::outcome).orElse(null);
        } catch (LedgerUnavailableException e) {
            return null;
        }
    }

    /** A call whose lease was taken over: the ledger's outcome if recorded, else in doubt. */
    private Outcome lostLease(Call call) {
        LedgerKey key = call.claim.entry().key();
        Outcome recorded = recordedOutcome(key);
        if (recorded != null) {
            report(call, recorded);
            return recorded;
        }
        return inDoubtElsewhere(call, key, Failure.of(FailureReason.CALL_IN_PROGRESS,
                "another instance took this call over; resolve later").withAttempts(call.sends));
    }

    /** Like {@link #complete}, for a call that provably sent nothing: the key is freed for a fresh try. */
    private <O extends Outcome> O release(Call call, O outcome) {
        if (call.claim != null) {
            call.claim.release();
        }
        report(call, outcome);
        return outcome;
    }

    private Outcome conflict(Operation operation, String orderId, String refundId) {
        Failure failure = Failure.of(FailureReason.IDEMPOTENCY_CONFLICT,
                "this id was already used for a different request; nothing sent");
        Outcome outcome = refundId == null ? new PaymentOutcome.Failed(orderId, failure)
                : new RefundOutcome.Failed(orderId, refundId, failure);
        report(newCall(operation, orderId, null, policies.of(operation)), outcome);
        return outcome;
    }

    private void report(Call call, Outcome outcome) {
        Duration elapsed = Duration.between(call.startedAt, time.now());
        if (outcome instanceof PaymentOutcome.InDoubt || outcome instanceof RefundOutcome.InDoubt
                || outcome instanceof CloseOutcome.InDoubt) {
            log.warn("{} {}: {} after {} ms and {} attempts; resolve later", call.operation, call.orderId,
                    describe(outcome), elapsed.toMillis(), call.sends);
        } else {
            log.info("{} {}: {} after {} ms and {} attempts", call.operation, call.orderId, describe(outcome),
                    elapsed.toMillis(), call.sends);
        }
        listeners.outcome(new PaymentListener.CallFinished(provider.name(), call.operation, call.orderId, outcome, elapsed));
    }

    /** The outcome's kind and reason, never its payload (payer actions carry client signatures). */
    static String describe(Outcome outcome) {
        Failure failure = null;
        if (outcome instanceof PaymentOutcome.Failed f) {
            failure = f.failure();
        } else if (outcome instanceof PaymentOutcome.InDoubt d) {
            failure = d.lastFailure();
        } else if (outcome instanceof RefundOutcome.Failed f) {
            failure = f.failure();
        } else if (outcome instanceof RefundOutcome.InDoubt d) {
            failure = d.lastFailure();
        } else if (outcome instanceof CloseOutcome.Failed f) {
            failure = f.failure();
        } else if (outcome instanceof CloseOutcome.InDoubt d) {
            failure = d.lastFailure();
        }
        String kind = outcome.getClass().getSimpleName();
        return failure == null ? kind : kind + "(" + failure.reason() + ")";
    }

    Call newCall(Operation operation, String orderId, LedgerClaim claim, OperationPolicy policy) {
        return new Call(operation, orderId, claim, policy, time.now(), random);
    }
}
