package dev.resilientpay.benchmarks.gateway;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.testkit.FaultPlan;

/**
 * One simulated provider (a testkit simulator on loopback) and the clients that talk to it: ours and
 * the official SDK, both configured with the same keys, endpoint and {@link Timing}.
 */
public interface Gateway extends AutoCloseable {

    /** {@code Alipay} or {@code WeChat Pay}. */
    String name();

    /** Forgets every order, request and fault. */
    void reset();

    /** The simulator's fault plan (valid until the next {@link #reset()}). */
    FaultPlan faults();

    /** A payment code no payer was scripted for: its payer pays at once (for load runs, no bookkeeping). */
    String happyPaymentCode();

    /** A fresh payment code whose payer behaves as {@code kind}. */
    String paymentCode(PayerKind kind);

    /** Whether the merchant keeps money for the order: charged and neither reversed nor refunded. */
    boolean charged(String orderId);

    /** How many times the payer was charged for the order (reversals not subtracted). */
    int charges(String orderId);

    /**
     * A payer who was confirming on the phone finishes now, whether or not anyone polled: what happens
     * in a shop after the till gave up. Does nothing if the order was cancelled, closed or never created.
     */
    void payerFinishesConfirming(String orderId);

    /** Whether the gateway ever created the order (a trade exists, whatever its state). */
    boolean created(String orderId);

    /**
     * From now until the next {@link #reset()}, behaves like the independent gateways of issue 8: a
     * payment code is consumed by the first send that creates the order (a re-send is refused as an
     * invalid code), and after a send that was processed but whose answer a fault broke, the next
     * {@code lagQueries} queries of that order answer "not found" (the gateway has not caught up).
     */
    void behaveAsIndependentGateway(int lagQueries);

    /** The requests the gateway received for the order, in order, with faults and answers: for reports. */
    String history(String orderId);

    /** Requests that reached the simulator since the last reset. */
    int requestsReceived();

    /** The loopback port the simulator listens on. */
    int port();

    /**
     * Our client against the gateway at {@code port} (the simulator's, or a dead one for an outage).
     */
    default PaymentCaller ours(Timing timing, int port, PaymentListener listener) {
        return ours(timing, port, listener, timing.breaker(), "resilient-pay");
    }

    /** Our client with another circuit breaker, labelled {@code name}. */
    PaymentCaller ours(Timing timing, int port, PaymentListener listener, BreakerPolicy breaker, String name);

    /** The official SDK as its documentation shows: call, catch, report failure. */
    PaymentCaller sdkAsDocumented(Timing timing, int port);

    /** The official SDK with the query/cancel (reverse) loop its documentation recommends. */
    PaymentCaller sdkWithRecovery(Timing timing, int port);

    /** The official SDK's artifact name for labels. */
    String sdkName();

    @Override
    void close();
}
