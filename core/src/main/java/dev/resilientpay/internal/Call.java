package dev.resilientpay.internal;

import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Operation;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.TradeState;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

/**
 * The mutable state of one call while the pipeline works on it. One step at a time uses it: a blocking
 * call's on the calling thread, an asynchronous call's on whichever thread runs the step (the executor
 * and scheduler hand it over with a happens-before edge).
 */
final class Call {

    final Operation operation;
    final String orderId;
    /** The ledger entry this call owns, or {@code null} for calls the ledger does not record (query, close). */
    final LedgerClaim claim;
    final OperationPolicy policy;
    final Instant startedAt;
    final Instant deadline;
    final Backoff retries;
    final Backoff polls;

    /** Executions of the operation itself (sends), counted from 1 in attempt numbers. */
    int sends;
    /** Status queries made to learn the outcome. */
    int queries;
    /** Whether any send may have reached the provider; until then, failing is provably harmless. */
    boolean maybeSent;
    /** The provider said "already paid": only a query may finish the call, never a failure. */
    boolean alreadyPaid;
    /** The thread was interrupted: stop waiting and finish with what is known. */
    boolean interrupted;
    /** The state the last successful status query reported, since the last send. */
    TradeState lastState;
    Failure lastFailure;
    /** The provider answered paid with another amount: never Paid, at best in doubt. */
    boolean amountMismatch;
    /** A re-send was refused after an earlier send may have reached the provider. */
    boolean refusedAfterSend;
    /** The deadline cancel was sent: a PAID notification no longer proves the money stayed. */
    boolean cancelAttempted;

    Call(Operation operation, String orderId, LedgerClaim claim, OperationPolicy policy, Instant now, Random random) {
        this.operation = operation;
        this.orderId = orderId;
        this.claim = claim;
        this.policy = policy;
        this.startedAt = now;
        this.deadline = now.plus(policy.deadline());
        this.retries = Backoff.retries(policy, random);
        this.polls = Backoff.polls(policy, random);
    }

    /** Time left before the deadline at {@code now}; zero once interrupted or the lease is lost. */
    Duration remaining(Instant now) {
        if (interrupted || (claim != null && !claim.heartbeat(now))) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The last failure, or a timeout if nothing failed but time ran out. */
    Failure lastFailureOrTimeout() {
        Failure f = lastFailure != null ? lastFailure
                : Failure.of(FailureReason.TIMEOUT, "no definite answer within " + policy.deadline());
        return f.withAttempts(sends);
    }
}
