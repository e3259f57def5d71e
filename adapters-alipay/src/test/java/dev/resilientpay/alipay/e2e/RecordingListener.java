package dev.resilientpay.alipay.e2e;

import dev.resilientpay.Classification;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Operation;
import dev.resilientpay.PaymentListener;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Records what the pipeline reports, to compare with what the simulator received. */
final class RecordingListener implements PaymentListener {

    /** The Alipay method each pipeline operation sends (a payment's status queries are QUERY). */
    static final Map<Operation, String> METHOD = Map.of(
            Operation.PAY_BY_CODE, "alipay.trade.pay",
            Operation.CREATE_ORDER, "alipay.trade.precreate",
            Operation.QUERY, "alipay.trade.query",
            Operation.CANCEL, "alipay.trade.cancel",
            Operation.CLOSE, "alipay.trade.close",
            Operation.REFUND, "alipay.trade.refund",
            Operation.REFUND_QUERY, "alipay.trade.fastpay.refund.query");

    final List<AttemptFinished> attempts = new CopyOnWriteArrayList<>();
    final List<RetryScheduled> retries = new CopyOnWriteArrayList<>();
    final List<PollFinished> polls = new CopyOnWriteArrayList<>();
    final List<CallFinished> outcomes = new CopyOnWriteArrayList<>();

    @Override
    public void onAttempt(AttemptFinished event) {
        attempts.add(event);
    }

    @Override
    public void onRetryScheduled(RetryScheduled event) {
        retries.add(event);
    }

    @Override
    public void onPoll(PollFinished event) {
        polls.add(event);
    }

    @Override
    public void onOutcome(CallFinished event) {
        outcomes.add(event);
    }

    /** Attempts of {@code operation} for {@code orderId}. */
    long attempts(String orderId, Operation operation) {
        return attempts.stream().filter(a -> a.orderId().equals(orderId) && a.operation() == operation).count();
    }

    /**
     * Attempts that reached the gateway for {@code orderId}, by Alipay method: every attempt the
     * pipeline reported except those classified NOT_SENT (refused by the circuit breaker or the
     * deadline, or a connection never made), but counting NOT_SENT for RATE_LIMITED, which the
     * gateway answered with 429 without processing.
     */
    Map<String, Long> sentByMethod(String orderId) {
        return attempts.stream()
                .filter(a -> a.orderId().equals(orderId))
                .filter(a -> a.classification() != Classification.NOT_SENT || a.reason() == FailureReason.RATE_LIMITED)
                .collect(Collectors.groupingBy(a -> METHOD.get(a.operation()), Collectors.counting()));
    }
}
