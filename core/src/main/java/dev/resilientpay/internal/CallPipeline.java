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
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.spi.PaymentProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
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
 *   <li>{@link #poll}: query on a schedule until a final state or the deadline;</li>
 *   <li>{@link #settle}: at the deadline, cancel a payment-code payment; else in doubt;</li>
 *   <li>{@link #complete}: record the outcome, tell the listeners, log one line.</li>
 * </ol>
 *
 * Payments and refunds are small state machines over {@link Step}; query, close, cancel and refund
 * query are idempotent and simply retried ({@link #retryIdempotent}).
 */
@SuppressWarnings("try") // CallScope is held for its MDC side effect, not referenced
public final class CallPipeline {

    private static final Logger log = LoggerFactory.getLogger(CallPipeline.class);

    /** Where a payment or refund call goes next. */
    private enum Step { SEND, QUERY, POLL }

    private final PaymentProvider provider;
    private final PaymentLedger ledger;
    private final Policies policies;
    private final Listeners listeners;
    private final TimeSource time;
    private final Random random;
    private final AttemptRunner runner;
    private final StatusRecorder recorder;
    private final SingleFlight flights = new SingleFlight();

    /** A pipeline for one provider; the client owns it. */
    public CallPipeline(PaymentProvider provider, PaymentLedger ledger, Policies policies,
                        dev.resilientpay.BreakerPolicy breaker, Listeners listeners, TimeSource time, Random random) {
        this.provider = provider;
        this.ledger = ledger;
        this.policies = policies;
        this.listeners = listeners;
        this.time = time;
        this.random = random;
        this.runner = new AttemptRunner(provider.name(), new ProviderGuard(provider.name(), breaker, time, listeners),
                listeners, time);
        this.recorder = new StatusRecorder(ledger);
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

    /** Takes a payment. {@code policy} is the call's policy (the operation's default unless overridden). */
    public PaymentOutcome pay(PaymentRequest request, OperationPolicy policy) {
        validate(request);
        String key = StatusRecorder.payKey(request.orderId());
        String fingerprint = RequestFingerprint.of(request);
        try (CallScope scope = CallScope.open(provider.name(), request.orderId())) {
            return (PaymentOutcome) flights.run(key, fingerprint,
                    () -> begin(request, fingerprint, policy),
                    () -> conflict(operationOf(request), request.orderId(), null));
        }
    }

    /** Step 1: the provider's own rules (formats, limits, supported methods). */
    private void validate(PaymentRequest request) {
        provider.validate(request);
    }

    private void validate(RefundRequest request) {
        provider.validate(request);
    }

    /** Step 2: the ledger decides whether this call sends, replays, or resolves an earlier one. */
    private PaymentOutcome begin(PaymentRequest request, String fingerprint, OperationPolicy policy) {
        Instant now = time.now();
        String key = StatusRecorder.payKey(request.orderId());
        PaymentLedger.Begin begun = ledger.begin(
                new LedgerEntry(key, fingerprint, request, null, LedgerState.IN_FLIGHT, null, now, now));
        if (begun instanceof PaymentLedger.Begin.Started) {
            return runPay(request, policy, false);
        }
        if (begun instanceof PaymentLedger.Begin.Conflict) {
            return (PaymentOutcome) conflict(operationOf(request), request.orderId(), null);
        }
        LedgerEntry entry = ((PaymentLedger.Begin.Existing) begun).entry();
        if (entry.state() == LedgerState.COMPLETED && entry.outcome() instanceof PaymentOutcome recorded) {
            if (recorded instanceof PaymentOutcome.Failed failed && failed.failure().retryable()) {
                // Failed for a passing reason: the same request may succeed now.
                ledger.release(key);
                return begin(request, fingerprint, policy);
            }
            log.info("{} {}: replaying the recorded {}, nothing sent", operationOf(request), request.orderId(),
                    describe(recorded));
            return recorded;
        }
        // In flight in a process that died, or in doubt: learn what happened before sending anything.
        return runPay(request, policy, true);
    }

    /**
     * Finishes what is known of {@code orderId}: an unresolved call is queried (and re-sent, polled or
     * cancelled as the answer requires); an order awaiting its payer is refreshed.
     */
    public PaymentOutcome resolve(String orderId) {
        try (CallScope scope = CallScope.open(provider.name(), orderId)) {
            return (PaymentOutcome) flights.run(StatusRecorder.payKey(orderId), null,
                    () -> resolveNow(orderId), () -> conflict(Operation.QUERY, orderId, null));
        }
    }

    private PaymentOutcome resolveNow(String orderId) {
        Optional<LedgerEntry> found = ledger.find(StatusRecorder.payKey(orderId));
        if (found.isEmpty()) {
            return statusOnly(orderId);
        }
        LedgerEntry entry = found.get();
        PaymentRequest request = entry.payment();
        if (entry.state() != LedgerState.COMPLETED) {
            return runPay(request, policies.of(operationOf(request)), true);
        }
        PaymentOutcome recorded = (PaymentOutcome) entry.outcome();
        if (recorded instanceof PaymentOutcome.AwaitingPayer) {
            QueryResult<TradeStatus> result = query(orderId);
            if (result instanceof QueryResult.Known<TradeStatus> known) {
                return StatusRecorder.definite(known.status(), request.amount(), 0)
                        .map(o -> complete(newCall(Operation.QUERY, orderId, entry.key(),
                                policies.of(Operation.QUERY)), o))
                        .orElse(recorded);
            }
        }
        return recorded;
    }

    /** resolve() of an order the ledger does not know: the provider's word is all there is. */
    private PaymentOutcome statusOnly(String orderId) {
        Call call = newCall(Operation.QUERY, orderId, null, policies.of(Operation.QUERY));
        QueryResult<TradeStatus> result = query(orderId);
        PaymentOutcome outcome;
        if (result instanceof QueryResult.Known<TradeStatus> known) {
            TradeStatus status = known.status();
            outcome = StatusRecorder.definite(status, null, 0).orElseGet(() -> status.state() == TradeState.NOT_FOUND
                    ? new PaymentOutcome.Failed(orderId, Failure.of(FailureReason.ORDER_NOT_FOUND, "provider has no such order"))
                    : new PaymentOutcome.InDoubt(orderId, Failure.of(FailureReason.PROVIDER_ERROR,
                        "order is " + status.state() + " but this client has no record of it")));
        } else {
            outcome = new PaymentOutcome.InDoubt(orderId, ((QueryResult.Unknown<TradeStatus>) result).failure());
        }
        report(call, outcome);
        return outcome;
    }

    /** The payment state machine: send, classify, query, poll, settle. */
    private PaymentOutcome runPay(PaymentRequest request, OperationPolicy policy, boolean queryFirst) {
        Operation op = operationOf(request);
        Call call = newCall(op, request.orderId(), StatusRecorder.payKey(request.orderId()), policy);
        call.maybeSent = queryFirst;
        Step step = queryFirst ? Step.QUERY : Step.SEND;
        while (true) {
            if (step == Step.SEND) {
                if (call.sends >= policy.maxAttempts()) {
                    return settle(call, request);
                }
                if (!runner.guard(call, op, call.sends + 1)) {
                    if (!call.maybeSent) {
                        return release(call, new PaymentOutcome.Failed(request.orderId(), call.lastFailureOrTimeout()));
                    }
                    if (!runner.pause(call, call.retries.next())) {
                        return settle(call, request);
                    }
                    step = Step.QUERY;
                    continue;
                }
                Attempt<PaymentOutcome> attempt = runner.attempt(call, op, ++call.sends, request.orderId(),
                        ctx -> provider.pay(request, ctx));
                Object next = classify(call, attempt);
                if (next instanceof PaymentOutcome outcome) {
                    return complete(call, outcome);
                }
                if (next == null) {
                    return settle(call, request);
                }
                step = (Step) next;
                continue;
            }
            Optional<TradeStatus> status = poll(call, step);
            if (status == null) {
                return settle(call, request);
            }
            if (status.isEmpty()) {
                step = Step.POLL;
                continue;
            }
            TradeStatus known = status.get();
            call.lastState = known.state();
            Optional<PaymentOutcome> definite = StatusRecorder.definite(known, request.amount(), call.sends);
            if (definite.isPresent()) {
                return complete(call, definite.get());
            }
            if (known.state() == TradeState.NOT_FOUND) {
                step = Step.SEND; // never created, so never paid: send again with the same key
            } else if (op == Operation.CREATE_ORDER && known.state() == TradeState.AWAITING_PAYMENT && !call.alreadyPaid) {
                step = Step.SEND; // the order exists; re-sending (idempotent by order id) returns the payer action
            } else {
                step = Step.POLL;
            }
        }
    }

    /**
     * Step 5: what one send proved. Returns the final outcome, the next {@link Step}, or {@code null}
     * when the call must be settled (no time or sends left).
     */
    private Object classify(Call call, Attempt<PaymentOutcome> attempt) {
        String orderId = call.orderId;
        if (attempt instanceof Attempt.Succeeded<PaymentOutcome> succeeded) {
            PaymentOutcome value = succeeded.value();
            return value instanceof PaymentOutcome.Failed failed
                    ? new PaymentOutcome.Failed(orderId, failed.failure().withAttempts(call.sends)) : value;
        }
        if (attempt instanceof Attempt.Rejected<PaymentOutcome> rejected) {
            return new PaymentOutcome.Failed(orderId, rejected.failure().withAttempts(call.sends));
        }
        call.lastState = null;
        if (attempt instanceof Attempt.NotSent<PaymentOutcome> notSent) {
            call.lastFailure = notSent.failure();
            boolean again = call.sends < call.policy.maxAttempts() && runner.pauseBeforeResend(call, notSent.retryAfter());
            return again ? Step.SEND : null;
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
     * Step 6: one status query — at once for {@link Step#QUERY} (after a wait if the previous one
     * failed), after the poll backoff for {@link Step#POLL}.
     *
     * @return the status, empty if this query failed (poll again), or {@code null} when the deadline
     *     leaves no room for another query
     */
    private Optional<TradeStatus> poll(Call call, Step step) {
        if (step == Step.POLL && !runner.pause(call, call.polls.next())) {
            return null;
        }
        if (call.remaining(time.now()).isZero()) {
            return null;
        }
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
        if (status == null && step == Step.QUERY && !runner.pause(call, call.retries.next())) {
            return null;
        }
        return Optional.ofNullable(status);
    }

    /**
     * Step 7: the deadline (or the send limit) is reached without a definite answer.
     */
    private PaymentOutcome settle(Call call, PaymentRequest request) {
        String orderId = call.orderId;
        Failure last = call.lastFailureOrTimeout();
        if (!call.maybeSent) {
            // Every attempt provably failed to reach the provider: not charged, and the key is free.
            return release(call, new PaymentOutcome.Failed(orderId, last));
        }
        if (call.lastState == TradeState.NOT_FOUND && call.operation != Operation.PAY_BY_CODE && !call.alreadyPaid) {
            return complete(call, new PaymentOutcome.Failed(orderId, last));
        }
        if (call.operation == Operation.PAY_BY_CODE && !call.alreadyPaid && !call.interrupted) {
            CloseOutcome cancelled = cancelOrder(orderId);
            if (cancelled instanceof CloseOutcome.Closed closed) {
                return complete(call, new PaymentOutcome.Failed(orderId, new Failure(FailureReason.PAYER_DID_NOT_CONFIRM,
                        null, null, closed.refunded() ? "not confirmed in time; cancelled and refunded"
                                : "not confirmed in time; cancelled", null, call.sends)));
            }
            last = cancelled instanceof CloseOutcome.Failed failed ? failed.failure()
                    : ((CloseOutcome.InDoubt) cancelled).lastFailure();
            last = last.withAttempts(call.sends);
        }
        return complete(call, new PaymentOutcome.InDoubt(orderId, last));
    }

    /** The cancel of {@link #settle}, with the CANCEL policy, recorded only as part of the payment. */
    private CloseOutcome cancelOrder(String orderId) {
        Call cancel = newCall(Operation.CANCEL, orderId, null, policies.of(Operation.CANCEL));
        log.info("{} {}: not definite at the deadline, cancelling", Operation.PAY_BY_CODE, orderId);
        return closeOutcome(cancel, retryIdempotent(cancel, orderId, ctx -> provider.cancel(orderId, ctx)));
    }

    // ------------------------------------------------------------------ refunds

    /** Refunds. {@code policy} is the call's policy. */
    public RefundOutcome refund(RefundRequest request, OperationPolicy policy) {
        validate(request);
        String key = StatusRecorder.refundKey(request.orderId(), request.refundId());
        String fingerprint = RequestFingerprint.of(request);
        try (CallScope scope = CallScope.open(provider.name(), request.orderId())) {
            return (RefundOutcome) flights.run(key, fingerprint,
                    () -> begin(request, fingerprint, policy),
                    () -> conflict(Operation.REFUND, request.orderId(), request.refundId()));
        }
    }

    private RefundOutcome begin(RefundRequest request, String fingerprint, OperationPolicy policy) {
        Instant now = time.now();
        String key = StatusRecorder.refundKey(request.orderId(), request.refundId());
        PaymentLedger.Begin begun = ledger.begin(
                new LedgerEntry(key, fingerprint, null, request, LedgerState.IN_FLIGHT, null, now, now));
        if (begun instanceof PaymentLedger.Begin.Started) {
            return runRefund(request, policy, false);
        }
        if (begun instanceof PaymentLedger.Begin.Conflict) {
            return (RefundOutcome) conflict(Operation.REFUND, request.orderId(), request.refundId());
        }
        LedgerEntry entry = ((PaymentLedger.Begin.Existing) begun).entry();
        if (entry.state() == LedgerState.COMPLETED && entry.outcome() instanceof RefundOutcome recorded) {
            if (recorded instanceof RefundOutcome.Failed failed && failed.failure().retryable()) {
                ledger.release(key);
                return begin(request, fingerprint, policy);
            }
            log.info("{} {}/{}: replaying the recorded {}, nothing sent", Operation.REFUND, request.orderId(),
                    request.refundId(), describe(recorded));
            return recorded;
        }
        return runRefund(request, policy, true);
    }

    /** Finishes an unresolved refund: query it, and re-send the same refund id if the provider has none. */
    public RefundOutcome resolveRefund(RefundRequest request) {
        try (CallScope scope = CallScope.open(provider.name(), request.orderId())) {
            return (RefundOutcome) flights.run(StatusRecorder.refundKey(request.orderId(), request.refundId()), null,
                    () -> runRefund(request, policies.of(Operation.REFUND), true),
                    () -> conflict(Operation.REFUND, request.orderId(), request.refundId()));
        }
    }

    /** The refund state machine: accepted is not refunded, so it polls the refund query. */
    private RefundOutcome runRefund(RefundRequest request, OperationPolicy policy, boolean queryFirst) {
        Call call = newCall(Operation.REFUND, request.orderId(),
                StatusRecorder.refundKey(request.orderId(), request.refundId()), policy);
        call.maybeSent = queryFirst;
        Step step = queryFirst ? Step.QUERY : Step.SEND;
        RefundStatus processing = null;
        while (true) {
            RefundStatus status;
            if (step == Step.SEND) {
                if (call.sends >= policy.maxAttempts()) {
                    return settle(call, request, processing);
                }
                if (!runner.guard(call, Operation.REFUND, call.sends + 1)) {
                    if (!call.maybeSent) {
                        return release(call, refundFailed(request, call.lastFailureOrTimeout()));
                    }
                    if (!runner.pause(call, call.retries.next())) {
                        return settle(call, request, processing);
                    }
                    step = Step.QUERY;
                    continue;
                }
                Attempt<RefundStatus> attempt = runner.attempt(call, Operation.REFUND, ++call.sends,
                        request.refundId(), ctx -> provider.refund(request, ctx));
                if (attempt instanceof Attempt.Rejected<RefundStatus> rejected) {
                    return complete(call, refundFailed(request, rejected.failure().withAttempts(call.sends)));
                }
                call.lastState = null;
                if (attempt instanceof Attempt.NotSent<RefundStatus> notSent) {
                    call.lastFailure = notSent.failure();
                    if (call.sends >= policy.maxAttempts() || !runner.pauseBeforeResend(call, notSent.retryAfter())) {
                        return settle(call, request, processing);
                    }
                    continue;
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
            } else {
                Optional<RefundStatus> polled = pollRefund(call, step, request);
                if (polled == null) {
                    return settle(call, request, processing);
                }
                if (polled.isEmpty()) {
                    step = Step.POLL;
                    continue;
                }
                status = polled.get();
                if (status.state() == RefundState.NOT_FOUND) {
                    step = Step.SEND; // the provider has no such refund: send it with the same refund id
                    continue;
                }
            }
            Optional<RefundOutcome> definite = StatusRecorder.definite(status, call.sends);
            if (definite.isPresent()) {
                return complete(call, definite.get());
            }
            processing = status;
            step = Step.POLL;
        }
    }

    private Optional<RefundStatus> pollRefund(Call call, Step step, RefundRequest request) {
        if (step == Step.POLL && !runner.pause(call, call.polls.next())) {
            return null;
        }
        if (call.remaining(time.now()).isZero()) {
            return null;
        }
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
        if (status == null && step == Step.QUERY && !runner.pause(call, call.retries.next())) {
            return null;
        }
        return Optional.ofNullable(status);
    }

    private RefundOutcome settle(Call call, RefundRequest request, RefundStatus processing) {
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
        try (CallScope scope = CallScope.open(provider.name(), orderId)) {
            Call call = newCall(Operation.QUERY, orderId, null, policies.of(Operation.QUERY));
            Retried<TradeStatus> result = retryIdempotent(call, orderId, ctx -> provider.query(orderId, ctx));
            if (result.value() != null) {
                recorder.learn(result.value());
                log.debug("QUERY {}: {}", orderId, result.value().state());
                return new QueryResult.Known<>(result.value());
            }
            log.info("QUERY {}: no answer ({})", orderId, result.failure().reason());
            return new QueryResult.Unknown<>(result.failure());
        }
    }

    /** Queries a refund, retrying transient failures; records what it learns. */
    public QueryResult<RefundStatus> queryRefund(String orderId, String refundId) {
        try (CallScope scope = CallScope.open(provider.name(), orderId)) {
            Call call = newCall(Operation.REFUND_QUERY, orderId, null, policies.of(Operation.REFUND_QUERY));
            Retried<RefundStatus> result = retryIdempotent(call, refundId,
                    ctx -> provider.queryRefund(orderId, refundId, ctx));
            if (result.value() != null) {
                recorder.learn(result.value());
                return new QueryResult.Known<>(result.value());
            }
            log.info("REFUND_QUERY {}/{}: no answer ({})", orderId, refundId, result.failure().reason());
            return new QueryResult.Unknown<>(result.failure());
        }
    }

    /** Closes ({@link Operation#CLOSE}) or cancels ({@link Operation#CANCEL}) an order. */
    public CloseOutcome close(Operation operation, String orderId) {
        try (CallScope scope = CallScope.open(provider.name(), orderId)) {
            Call call = newCall(operation, orderId, null, policies.of(operation));
            Retried<CloseOutcome.Closed> result = retryIdempotent(call, orderId, operation == Operation.CANCEL
                    ? ctx -> provider.cancel(orderId, ctx) : ctx -> provider.close(orderId, ctx));
            CloseOutcome outcome = closeOutcome(call, result);
            if (outcome instanceof CloseOutcome.Closed) {
                recorder.learn(new TradeStatus(orderId, TradeState.CLOSED, null, null, null, operation.name()));
            }
            report(call, outcome);
            return outcome;
        }
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

    /** Sends an idempotent request until it is answered, refused, or the limit or deadline is reached. */
    private <T> Retried<T> retryIdempotent(Call call, String idempotencyKey, Function<AttemptContext, Attempt<T>> action) {
        while (true) {
            if (!runner.guard(call, call.operation, call.sends + 1)) {
                if (!call.maybeSent || !runner.pause(call, call.retries.next())) {
                    return new Retried<>(null, call.lastFailureOrTimeout(), false);
                }
                continue;
            }
            Attempt<T> attempt = runner.attempt(call, call.operation, ++call.sends, idempotencyKey, action);
            if (attempt instanceof Attempt.Succeeded<T> succeeded) {
                return new Retried<>(succeeded.value(), null, true);
            }
            if (attempt instanceof Attempt.Rejected<T> rejected) {
                return new Retried<>(null, rejected.failure().withAttempts(call.sends), true);
            }
            call.lastFailure = AttemptRunner.failureOf(attempt);
            call.maybeSent |= !(attempt instanceof Attempt.NotSent<T>);
            Duration retryAfter = attempt instanceof Attempt.NotSent<T> notSent ? notSent.retryAfter() : null;
            if (call.sends >= call.policy.maxAttempts() || !runner.pauseBeforeResend(call, retryAfter)) {
                return new Retried<>(null, call.lastFailureOrTimeout(), false);
            }
        }
    }

    // ------------------------------------------------------------------ recovery

    /** Resolves every unresolved ledger entry (after a crash, or to finish in-doubt calls). */
    public List<Outcome> recover() {
        List<Outcome> outcomes = new ArrayList<>();
        for (LedgerEntry entry : ledger.unresolved()) {
            outcomes.add(entry.payment() != null ? resolve(entry.orderId()) : resolveRefund(entry.refund()));
        }
        log.info("recovered {} unresolved calls", outcomes.size());
        return List.copyOf(outcomes);
    }

    // ------------------------------------------------------------------ step 8

    /** Step 8: records the outcome (in doubt stays unresolved), tells the listeners, logs one line. */
    private <O extends Outcome> O complete(Call call, O outcome) {
        boolean unresolved = outcome instanceof PaymentOutcome.InDoubt || outcome instanceof RefundOutcome.InDoubt
                || outcome instanceof RefundOutcome.Processing;
        if (call.ledgerKey != null) {
            ledger.complete(call.ledgerKey, outcome, unresolved ? LedgerState.IN_DOUBT : LedgerState.COMPLETED);
        }
        if (outcome instanceof PaymentOutcome.Paid paid) {
            recorder.paid(paid);
        }
        report(call, outcome);
        return outcome;
    }

    /** Like {@link #complete}, for a call that provably sent nothing: the key is freed for a fresh try. */
    private <O extends Outcome> O release(Call call, O outcome) {
        if (call.ledgerKey != null) {
            ledger.release(call.ledgerKey);
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

    Call newCall(Operation operation, String orderId, String ledgerKey, OperationPolicy policy) {
        return new Call(operation, orderId, ledgerKey, policy, time.now(), random);
    }
}
