package dev.resilientpay.model;

import dev.resilientpay.Classification;
import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.PaymentProvider;
import dev.resilientpay.testing.VirtualTime;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A reference model of one merchant account at Alipay or WeChat Pay, as a {@link PaymentProvider}:
 * the pipeline under test talks to it exactly as to an adapter. It keeps the ground truth the
 * invariants are checked against — every request that reached it, whether it was processed, what the
 * client was told, and every charge and reversal — and it misbehaves as told:
 *
 * <ul>
 *   <li>per request, a {@link ModelFault} from the schedule (request {@code i} gets fault {@code i});</li>
 *   <li>query lag: the first {@code queryLag} queries after an order is created answer "not found";</li>
 *   <li>one-time payment codes: a code is consumed when a pay carrying it is processed, and a second
 *       send is refused definitely ({@link Profile});</li>
 *   <li>the payer ({@link Payer}) pays at once, confirms later, never, or lacks the funds;</li>
 *   <li>PAID notifications are delivered through the client's verifier at generated moments (after
 *       {@code notifyAfter} more requests, i.e. possibly while the call that created the order is
 *       still running);</li>
 *   <li>optionally it charges one fen more than requested, to check the amount invariant.</li>
 * </ul>
 *
 * Virtual time: every exchange advances the shared {@link VirtualTime} by its latency (a timeout by
 * the attempt's whole timeout). Thread-safe; state changes happen under the model's lock, notification
 * delivery and time outside it.
 */
final class GatewayModel implements PaymentProvider {

    /** The gateway's side of an order. */
    enum State { CREATED, PAYING, PAID, CLOSED, REVERSED, FAILED }

    /**
     * One request that reached the model (processed or not).
     *
     * @param index     0-based request number
     * @param endpoint  pay, query, cancel, close, refund, refund-query
     * @param orderId   the order
     * @param authCode  the payment code carried by a pay, else {@code null}
     * @param fault     what happened to it
     * @param processed whether the gateway acted on it
     * @param told      the classification the adapter gave the pipeline
     * @param phase     the call that sent it (pay, resolve, final resolve) or the schedule step running
     * @param step      the schedule step running when it arrived
     * @param at        virtual time of arrival
     */
    record Request(int index, String endpoint, String orderId, String authCode, ModelFault fault, boolean processed,
                   Classification told, String phase, String step, Instant at) {
        @Override
        public String toString() {
            return "#" + index + " " + endpoint + " " + orderId + (authCode != null ? " code=" + authCode : "")
                    + " " + fault + (processed ? " (processed)" : "") + " -> " + told + " [" + phase + "]";
        }
    }

    /**
     * The ground truth of one order at one moment.
     *
     * @param state      the gateway's state, or {@code null} if it never created the order
     * @param charged    the amount taken, or {@code null}
     * @param charges    how many times the payer was charged
     * @param reversals  how many times a charge was moved back (cancel/reverse of a paid order)
     * @param createdAt  the request that created the order, or {@code -1}
     * @param chargedAt  the request during which the payer was charged, or {@code -1}
     */
    record Truth(State state, Money charged, int charges, int reversals, int createdAt, int chargedAt) {
        /** Charged and not moved back. */
        boolean holdsMoney() {
            return state == State.PAID;
        }

        /** Created and still payable: the payer may yet confirm. */
        boolean open() {
            return state == State.CREATED || state == State.PAYING;
        }
    }

    /** A delivered notification and the client's verdict. */
    record Delivery(String orderId, Money amount, boolean forged, NotificationResult result) {}

    private static final class Order {
        final String id;
        final boolean paymentCode;
        final Money requested;
        State state;
        int lagLeft;
        int payAt = -1;
        Money charged;
        int charges;
        int reversals;
        Instant paidAt;
        int createdAt = -1;
        int chargedAt = -1;

        Order(String id, boolean paymentCode, Money requested) {
            this.id = id;
            this.paymentCode = paymentCode;
            this.requested = requested;
        }

        Truth truth() {
            return new Truth(state, charged, charges, reversals, createdAt, chargedAt);
        }
    }

    private record Due(int atRequest, String token) {}

    /** A refund at the gateway: money moves back once, when it succeeds. */
    private static final class Refund {
        final String orderId;
        final String refundId;
        final Money amount;
        final int doneAt;
        RefundState state = RefundState.PROCESSING;

        Refund(String orderId, String refundId, Money amount, int doneAt) {
            this.orderId = orderId;
            this.refundId = refundId;
            this.amount = amount;
            this.doneAt = doneAt;
        }

        RefundStatus status() {
            return new RefundStatus(orderId, refundId, "rf-" + orderId + "-" + refundId, amount, state, null, state.name());
        }
    }

    /**
     * The ground truth of one refund id.
     *
     * @param orderId the order the gateway refunded under this id, or {@code null} if none
     * @param amount  the amount
     * @param state   PROCESSING or SUCCEEDED, or {@code null} if the gateway has no such refund
     */
    record RefundTruth(String orderId, Money amount, RefundState state) {}

    private static final String NOTIFICATION_PREFIX = "model-notification:";
    private static final NotificationReply ACK = new NotificationReply(200, "text/plain", "success");

    private final Profile profile;
    private final VirtualTime time;
    private final List<ModelFault> faults;
    private final int queryLag;
    private final Payer payer;
    private final int notifyAfter;
    private final boolean chargeOneFenMore;

    private final Map<String, Order> orders = new LinkedHashMap<>();
    private final Set<String> consumedCodes = new HashSet<>();
    private final Map<String, Refund> refunds = new LinkedHashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private final List<Due> due = new ArrayList<>();
    private final Map<String, Notification> signed = new ConcurrentHashMap<>();
    private final List<Delivery> deliveries = new ArrayList<>();
    private volatile NotificationVerifier client;
    private volatile String phase = "setup";
    private volatile boolean healthy;
    private volatile boolean crashed;
    /** Who is calling on this thread (pay, resolve, final resolve); recover's pool threads fall back to the phase. */
    static final ThreadLocal<String> CALLER = new ThreadLocal<>();
    /** The last request this thread sent: what a call's conclusion can be based on at the latest. */
    static final ThreadLocal<Integer> LAST_REQUEST = new ThreadLocal<>();

    GatewayModel(Profile profile, VirtualTime time, List<ModelFault> faults, int queryLag, Payer payer,
                 int notifyAfter, boolean chargeOneFenMore) {
        this.profile = profile;
        this.time = time;
        this.faults = List.copyOf(faults);
        this.queryLag = queryLag;
        this.payer = payer;
        this.notifyAfter = notifyAfter;
        this.chargeOneFenMore = chargeOneFenMore;
    }

    /** Where PAID notifications are delivered: the client's {@code notifications()}. */
    void deliverTo(NotificationVerifier verifier) {
        this.client = verifier;
    }

    /** Names the schedule step now running (recorded with every request). */
    void phase(String phase) {
        this.phase = phase;
    }

    /**
     * From now on no faults and no query lag, and payers no longer act (the world holds still): what
     * the final {@code resolve()} runs against.
     */
    synchronized void heal() {
        healthy = true;
    }

    // ------------------------------------------------------------------ ground truth

    synchronized Truth truth(String orderId) {
        Order order = orders.get(orderId);
        return order == null ? new Truth(null, null, 0, 0, -1, -1) : order.truth();
    }

    /** The refund the gateway holds under {@code refundId} for {@code orderId}'s merchant (per profile). */
    synchronized RefundTruth refundTruth(String orderId, String refundId) {
        Refund refund = refunds.get(refundKey(orderId, refundId));
        return refund == null ? new RefundTruth(null, null, null) : new RefundTruth(refund.orderId, refund.amount, refund.state);
    }

    /** Money moved back to the payer for {@code orderId} by succeeded refunds. */
    synchronized long refundedMinor(String orderId) {
        return refunds.values().stream().filter(r -> r.orderId.equals(orderId) && r.state == RefundState.SUCCEEDED)
                .mapToLong(r -> r.amount.minorUnits()).sum();
    }

    /** Alipay keys refunds by (order, out_request_no); WeChat by out_refund_no alone. */
    private String refundKey(String orderId, String refundId) {
        return profile.refundIdsPerMerchant ? refundId : orderId + "/" + refundId;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    // ------------------------------------------------------------------ PaymentProvider

    @Override
    public String name() {
        return profile.providerName;
    }

    @Override
    public boolean refundIdsUniquePerMerchant() {
        return profile.refundIdsPerMerchant;
    }

    @Override
    public Attempt<PaymentOutcome> pay(PaymentRequest request, AttemptContext context) {
        String code = request.method() instanceof PaymentMethod.PaymentCode c ? c.authCode() : null;
        return exchange("pay", request.orderId(), code, context, () -> code != null ? payByCode(request, code) : payByQr(request));
    }

    @Override
    public Attempt<TradeStatus> query(String orderId, AttemptContext context) {
        return exchange("query", orderId, null, context, () -> queryNow(orderId));
    }

    @Override
    public Attempt<CloseOutcome.Closed> close(String orderId, AttemptContext context) {
        return exchange("close", orderId, null, context, () -> closeNow(orderId));
    }

    @Override
    public Attempt<CloseOutcome.Closed> cancel(String orderId, AttemptContext context) {
        return exchange("cancel", orderId, null, context, () -> cancelNow(orderId));
    }

    @Override
    public Attempt<RefundStatus> refund(RefundRequest request, AttemptContext context) {
        return exchange("refund", request.orderId(), null, context, () -> refundNow(request));
    }

    @Override
    public Attempt<RefundStatus> queryRefund(String orderId, String refundId, AttemptContext context) {
        return exchange("refund-query", orderId, null, context, () -> {
            Refund refund = refunds.get(refundKey(orderId, refundId));
            return new Attempt.Succeeded<>(refund == null ? new RefundStatus(orderId, refundId, null, null,
                    RefundState.NOT_FOUND, null, null) : refund.status());
        });
    }

    @Override
    public NotificationVerifier notifications() {
        return (headers, body) -> {
            String text = new String(body, StandardCharsets.UTF_8);
            Notification n = text.startsWith(NOTIFICATION_PREFIX) ? signed.get(text.substring(NOTIFICATION_PREFIX.length())) : null;
            if (n == null) {
                return new NotificationResult.Rejected(NotificationRejection.SIGNATURE_INVALID,
                        "not signed by the model gateway", new NotificationReply(400, "text/plain", "fail"));
            }
            return new NotificationResult.Accepted(n, false, ACK);
        };
    }

    /** Delivers every PAID notification not delivered yet (a schedule step). */
    void deliverPendingNotifications() {
        List<String> tokens;
        synchronized (this) {
            tokens = due.stream().map(Due::token).toList();
            due.clear();
        }
        tokens.forEach(this::deliver);
    }

    /** Delivers a notification that claims {@code orderId} was paid, signed by nobody. */
    void deliverForgedPaid(String orderId, Money amount) {
        NotificationVerifier verifier = client;
        if (verifier == null) {
            return;
        }
        byte[] body = (NOTIFICATION_PREFIX + "forged-" + orderId + "|PAID|" + amount.minorUnits()).getBytes(StandardCharsets.UTF_8);
        NotificationResult result = verifier.verify(Map.of(), body);
        synchronized (this) {
            deliveries.add(new Delivery(orderId, amount, true, result));
        }
    }

    // ------------------------------------------------------------------ one exchange

    private <T> Attempt<T> exchange(String endpoint, String orderId, String code, AttemptContext context,
                                    Supplier<Attempt<T>> process) {
        ModelFault fault;
        List<String> deliverNow = new ArrayList<>();
        int index;
        synchronized (this) {
            index = requests.size();
            fault = healthy || index >= faults.size() ? ModelFault.OK : faults.get(index);
            payersAct(index);
            for (var it = due.iterator(); it.hasNext(); ) {
                Due d = it.next();
                if (d.atRequest() <= index) {
                    deliverNow.add(d.token());
                    it.remove();
                }
            }
        }
        deliverNow.forEach(this::deliver);
        Duration latency = fault.latency(context.timeout());
        boolean timedOut = latency.compareTo(context.timeout()) >= 0 && fault.processes;
        if (latency.compareTo(context.timeout()) > 0) {
            latency = context.timeout();
        }
        Attempt<T> answer;
        synchronized (this) {
            Attempt<T> honest = fault.processes ? process.get() : null;
            Attempt<T> faulty = fault.answer();
            answer = timedOut ? ModelFault.timedOut() : faulty != null ? faulty : honest;
            LAST_REQUEST.set(index);
            requests.add(new Request(index, endpoint, orderId, code, fault, fault.processes, answer.classification(),
                    CALLER.get() != null ? CALLER.get() : phase, phase, time.now()));
        }
        time.advance(latency);
        if (fault == ModelFault.CRASH) {
            crashed = true;
            throw new ModelFault.ProcessCrash();
        }
        return answer;
    }

    /** Whether a {@link ModelFault#CRASH} killed the till since the last call; clears the flag. */
    boolean crashedSinceLastAsked() {
        boolean was = crashed;
        crashed = false;
        return was;
    }

    /** Payers who confirm, and refunds that complete, once enough requests have passed. */
    private void payersAct(int index) {
        for (Refund refund : refunds.values()) {
            if (refund.state == RefundState.PROCESSING && (healthy || index >= refund.doneAt)) {
                refund.state = RefundState.SUCCEEDED;
            }
        }
        for (Order order : orders.values()) {
            if (!healthy && order.payAt >= 0 && index >= order.payAt && (order.state == State.CREATED || order.state == State.PAYING)) {
                charge(order, index);
            }
        }
    }

    private void charge(Order order, int index) {
        order.payAt = -1;
        order.state = State.PAID;
        order.charged = chargeOneFenMore ? Money.ofMinor(order.requested.minorUnits() + 1, order.requested.currencyCode())
                : order.requested;
        order.charges++;
        order.chargedAt = index;
        order.paidAt = time.now();
        if (notifyAfter >= 0) {
            String token = order.id + "#" + order.charges;
            signed.put(token, new Notification.PaymentNotification("n-" + token,
                    profile == Profile.ALIPAY ? "trade_status_sync" : "TRANSACTION.SUCCESS", paidStatus(order)));
            due.add(new Due(index + notifyAfter, token));
        }
    }

    private void deliver(String token) {
        NotificationVerifier verifier = client;
        Notification n = signed.get(token);
        if (verifier == null || n == null) {
            return;
        }
        NotificationResult result = verifier.verify(Map.of(), (NOTIFICATION_PREFIX + token).getBytes(StandardCharsets.UTF_8));
        synchronized (this) {
            deliveries.add(new Delivery(n.orderId(), ((Notification.PaymentNotification) n).status().amount(), false, result));
        }
    }

    // ------------------------------------------------------------------ honest gateway behaviour

    private Attempt<PaymentOutcome> payByCode(PaymentRequest request, String code) {
        int index = requests.size();
        Order order = orders.get(request.orderId());
        if (order != null) {
            if (order.state == State.PAID) {
                return new Attempt.Unknown<>(Failure.of(FailureReason.ORDER_ALREADY_PAID,
                        profile == Profile.ALIPAY ? "ACQ.TRADE_HAS_SUCCESS" : "ORDERPAID", null, "order already paid", "model-req"));
            }
            return profile == Profile.ALIPAY ? codeInvalid()
                    : new Attempt.Rejected<>(Failure.of(FailureReason.IDEMPOTENCY_CONFLICT, "OUT_TRADE_NO_USED", null,
                            "out_trade_no already used", "model-req"));
        }
        if (!consumedCodes.add(code)) {
            return codeInvalid();
        }
        order = new Order(request.orderId(), true, request.amount());
        order.createdAt = index;
        order.lagLeft = queryLag;
        orders.put(order.id, order);
        switch (payer.kind()) {
            case PAYS_AT_ONCE -> {
                charge(order, index);
                return new Attempt.Succeeded<>(new PaymentOutcome.Paid(order.id, "tx-" + order.id, order.charged, order.paidAt));
            }
            case CONFIRMS_LATER -> {
                order.state = State.PAYING;
                order.payAt = index + Math.max(1, payer.after());
                return new Attempt.Pending<>(profile == Profile.ALIPAY ? "10003 WAIT_BUYER_PAY" : "USERPAYING");
            }
            case NEVER_CONFIRMS -> {
                order.state = State.PAYING;
                return new Attempt.Pending<>(profile == Profile.ALIPAY ? "10003 WAIT_BUYER_PAY" : "USERPAYING");
            }
            default -> {
                order.state = profile == Profile.ALIPAY ? State.CLOSED : State.FAILED;
                return new Attempt.Rejected<>(Failure.of(FailureReason.INSUFFICIENT_FUNDS,
                        profile == Profile.ALIPAY ? "ACQ.BUYER_BALANCE_NOT_ENOUGH" : "NOTENOUGH", null,
                        "balance not enough", "model-req"));
            }
        }
    }

    private Attempt<PaymentOutcome> codeInvalid() {
        return new Attempt.Rejected<>(Failure.of(FailureReason.PAYMENT_CODE_INVALID,
                profile == Profile.ALIPAY ? "ACQ.PAYMENT_AUTH_CODE_INVALID" : "AUTH_CODE_INVALID", null,
                "payment code already used", "model-req"));
    }

    /**
     * The till showed the order's QR code (a {@code pay} returned {@code AwaitingPayer}): from now on
     * the payer can scan it, and a paying payer does so after {@code after} further requests. A QR
     * code nobody was shown is never paid.
     */
    synchronized void shown(String orderId) {
        Order order = orders.get(orderId);
        if (order != null && !order.paymentCode && order.state == State.CREATED && order.payAt < 0 && !healthy
                && (payer.kind() == Payer.Kind.PAYS_AT_ONCE || payer.kind() == Payer.Kind.CONFIRMS_LATER)) {
            order.payAt = requests.size() + (payer.kind() == Payer.Kind.PAYS_AT_ONCE ? 0 : payer.after());
        }
    }

    private Attempt<PaymentOutcome> payByQr(PaymentRequest request) {
        Order order = orders.get(request.orderId());
        if (order == null) {
            order = new Order(request.orderId(), false, request.amount());
            order.createdAt = requests.size();
            order.state = State.CREATED;
            order.lagLeft = queryLag;
            orders.put(order.id, order);
        }
        return switch (order.state) {
            case CREATED, PAYING -> new Attempt.Succeeded<>(new PaymentOutcome.AwaitingPayer(order.id,
                    new PayerAction.ScanQrCode("https://qr.model/" + order.id)));
            case PAID -> new Attempt.Unknown<>(Failure.of(FailureReason.ORDER_ALREADY_PAID,
                    profile == Profile.ALIPAY ? "ACQ.TRADE_HAS_SUCCESS" : "ORDERPAID", null, "order already paid", "model-req"));
            default -> new Attempt.Rejected<>(Failure.of(FailureReason.ORDER_CLOSED,
                    profile == Profile.ALIPAY ? "ACQ.TRADE_HAS_CLOSE" : "ORDERCLOSED", null, "order closed", "model-req"));
        };
    }

    private Attempt<RefundStatus> refundNow(RefundRequest request) {
        Refund existing = refunds.get(refundKey(request.orderId(), request.refundId()));
        if (existing != null) {
            // The gateway answers a known refund id with that refund, whichever order it belongs to
            // (WeChat's out_refund_no is unique per merchant).
            return new Attempt.Succeeded<>(existing.status());
        }
        Order order = orders.get(request.orderId());
        if (order == null || order.state != State.PAID) {
            return new Attempt.Rejected<>(Failure.of(FailureReason.REFUND_NOT_ALLOWED,
                    profile == Profile.ALIPAY ? "ACQ.TRADE_STATUS_ERROR" : "INVALID_REQUEST", null,
                    "order not paid", "model-req"));
        }
        long already = refunds.values().stream().filter(r -> r.orderId.equals(order.id))
                .mapToLong(r -> r.amount.minorUnits()).sum();
        if (already + request.amount().minorUnits() > order.charged.minorUnits()) {
            return new Attempt.Rejected<>(Failure.of(FailureReason.REFUND_AMOUNT_EXCEEDED,
                    profile == Profile.ALIPAY ? "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL" : "INVALID_REQUEST", null,
                    "refund exceeds the paid amount", "model-req"));
        }
        Refund refund = new Refund(order.id, request.refundId(), request.amount(), requests.size() + 1 + queryLag);
        refunds.put(refundKey(order.id, request.refundId()), refund);
        return new Attempt.Succeeded<>(refund.status());
    }

    private Attempt<TradeStatus> queryNow(String orderId) {
        Order order = orders.get(orderId);
        if (order == null) {
            return new Attempt.Succeeded<>(TradeStatus.notFound(orderId));
        }
        if (order.lagLeft > 0 && !healthy) {
            order.lagLeft--;
            return new Attempt.Succeeded<>(TradeStatus.notFound(orderId));
        }
        return new Attempt.Succeeded<>(switch (order.state) {
            case CREATED -> status(order, TradeState.AWAITING_PAYMENT, profile == Profile.ALIPAY ? "WAIT_BUYER_PAY" : "NOTPAY");
            case PAYING -> profile == Profile.ALIPAY ? status(order, TradeState.AWAITING_PAYMENT, "WAIT_BUYER_PAY")
                    : status(order, TradeState.PROCESSING, "USERPAYING");
            case PAID -> paidStatus(order);
            case CLOSED -> status(order, TradeState.CLOSED, profile == Profile.ALIPAY ? "TRADE_CLOSED" : "CLOSED");
            case REVERSED -> status(order, TradeState.CLOSED, profile == Profile.ALIPAY ? "TRADE_CLOSED" : "REVOKED");
            case FAILED -> status(order, TradeState.FAILED, "PAYERROR");
        });
    }

    private static TradeStatus status(Order order, TradeState state, String raw) {
        return new TradeStatus(order.id, state, null, order.requested, null, raw);
    }

    private TradeStatus paidStatus(Order order) {
        return new TradeStatus(order.id, TradeState.PAID, "tx-" + order.id, order.charged, order.paidAt,
                profile == Profile.ALIPAY ? "TRADE_SUCCESS" : "SUCCESS");
    }

    private Attempt<CloseOutcome.Closed> cancelNow(String orderId) {
        Order order = orders.get(orderId);
        if (order == null) {
            if (profile == Profile.WECHAT) {
                return new Attempt.Rejected<>(Failure.of(FailureReason.ORDER_NOT_FOUND, "ORDER_NOT_EXIST", null,
                        "order does not exist", "model-req"));
            }
            // Alipay closes the order number, so that a late pay of it can never succeed.
            order = new Order(orderId, true, Money.cny(1));
            order.state = State.CLOSED;
            orders.put(orderId, order);
            return new Attempt.Succeeded<>(new CloseOutcome.Closed(orderId, false));
        }
        switch (order.state) {
            case CREATED, PAYING -> {
                order.state = State.CLOSED;
                order.payAt = -1;
            }
            case PAID -> {
                order.state = State.REVERSED;
                order.reversals++;
            }
            default -> { }
        }
        return new Attempt.Succeeded<>(new CloseOutcome.Closed(orderId, order.state == State.REVERSED));
    }

    private Attempt<CloseOutcome.Closed> closeNow(String orderId) {
        Order order = orders.get(orderId);
        if (order == null) {
            return new Attempt.Rejected<>(Failure.of(FailureReason.ORDER_NOT_FOUND, "ORDER_NOT_EXIST", null,
                    "order does not exist", "model-req"));
        }
        if (order.state == State.PAID) {
            return new Attempt.Rejected<>(Failure.of(FailureReason.ORDER_ALREADY_PAID, "ORDERPAID", null,
                    "order paid", "model-req"));
        }
        if (order.state == State.CREATED || order.state == State.PAYING) {
            order.state = State.CLOSED;
            order.payAt = -1;
        }
        return new Attempt.Succeeded<>(new CloseOutcome.Closed(orderId, false));
    }

    @Override
    public String toString() {
        return "GatewayModel[" + profile + "]";
    }
}
