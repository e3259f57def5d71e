package dev.resilientpay.testing;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.PaymentProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A {@link PaymentProvider} that answers from per-endpoint scripts and counts every execution.
 * Answers are used in order; the last one repeats. An endpoint without a script answers "not sent"
 * ({@link FailureReason#NETWORK_ERROR}). Thread-safe; answers run outside the lock, so an answer
 * may block (on a latch) without blocking other callers.
 *
 * <pre>{@code
 * ScriptedProvider provider = new ScriptedProvider()
 *         .onPay(Answers.unknown(FailureReason.TIMEOUT))
 *         .onQuery(Answers.paidStatus("o-1", Money.cny(100)));
 * }</pre>
 */
public final class ScriptedProvider implements PaymentProvider {

    /** The provider's six endpoints. */
    public enum Endpoint { PAY, QUERY, CLOSE, CANCEL, REFUND, QUERY_REFUND }

    /** One scripted answer, computed from the attempt's context. */
    @FunctionalInterface
    public interface Answer<T> {
        /** The attempt's result. */
        Attempt<T> answer(AttemptContext context);
    }

    private static final String NOTIFICATION_PREFIX = "scripted-notification:";
    private static final NotificationReply ACK = new NotificationReply(200, "text/plain", "success");

    private final String name;
    private final Map<Endpoint, Deque<Answer<?>>> scripts = new EnumMap<>(Endpoint.class);
    private final Map<Endpoint, List<AttemptContext>> contexts = new EnumMap<>(Endpoint.class);
    private final List<PaymentRequest> payRequests = new ArrayList<>();
    private final Map<String, Notification> notifications = new ConcurrentHashMap<>();
    private volatile Consumer<PaymentRequest> validator = request -> {};

    /** A provider named {@code scripted}. */
    public ScriptedProvider() {
        this("scripted");
    }

    /** A provider named {@code name}. */
    public ScriptedProvider(String name) {
        this.name = name;
        for (Endpoint e : Endpoint.values()) {
            scripts.put(e, new ArrayDeque<>());
            contexts.put(e, new ArrayList<>());
        }
    }

    /** Appends answers for pay. */
    @SafeVarargs
    public final ScriptedProvider onPay(Attempt<PaymentOutcome>... answers) {
        for (Attempt<?> answer : answers) {
            script(Endpoint.PAY, answer);
        }
        return this;
    }

    /** Appends a computed answer for pay. */
    public ScriptedProvider onPay(Answer<PaymentOutcome> answer) {
        return add(Endpoint.PAY, answer);
    }

    /** Appends answers for query. */
    @SafeVarargs
    public final ScriptedProvider onQuery(Attempt<TradeStatus>... answers) {
        for (Attempt<?> answer : answers) {
            script(Endpoint.QUERY, answer);
        }
        return this;
    }

    /** Appends a computed answer for query. */
    public ScriptedProvider onQuery(Answer<TradeStatus> answer) {
        return add(Endpoint.QUERY, answer);
    }

    /** Appends answers for close. */
    @SafeVarargs
    public final ScriptedProvider onClose(Attempt<CloseOutcome.Closed>... answers) {
        for (Attempt<?> answer : answers) {
            script(Endpoint.CLOSE, answer);
        }
        return this;
    }

    /** Appends answers for cancel. */
    @SafeVarargs
    public final ScriptedProvider onCancel(Attempt<CloseOutcome.Closed>... answers) {
        for (Attempt<?> answer : answers) {
            script(Endpoint.CANCEL, answer);
        }
        return this;
    }

    /** Appends answers for refund. */
    @SafeVarargs
    public final ScriptedProvider onRefund(Attempt<RefundStatus>... answers) {
        for (Attempt<?> answer : answers) {
            script(Endpoint.REFUND, answer);
        }
        return this;
    }

    /** Appends answers for refund query. */
    @SafeVarargs
    public final ScriptedProvider onQueryRefund(Attempt<RefundStatus>... answers) {
        for (Attempt<?> answer : answers) {
            script(Endpoint.QUERY_REFUND, answer);
        }
        return this;
    }

    /** Appends a computed answer for any endpoint (for example one that throws or takes time). */
    public synchronized ScriptedProvider add(Endpoint endpoint, Answer<?> answer) {
        scripts.get(endpoint).addLast(answer);
        return this;
    }

    /** Replaces every remaining answer of {@code endpoint}. */
    public synchronized ScriptedProvider reset(Endpoint endpoint) {
        scripts.get(endpoint).clear();
        return this;
    }

    /** Rules checked by {@link #validate(PaymentRequest)}; throw {@link IllegalArgumentException} to reject. */
    public ScriptedProvider validateWith(Consumer<PaymentRequest> rules) {
        this.validator = rules;
        return this;
    }

    /**
     * An answer that takes {@code took} of virtual time: it advances {@code time} by at most the
     * attempt's timeout and, like a real client, gives up with a timeout ("unknown") when
     * {@code took} exceeds it.
     */
    public static <T> Answer<T> taking(VirtualTime time, Duration took, Attempt<T> result) {
        return context -> {
            if (took.compareTo(context.timeout()) > 0) {
                time.advance(context.timeout());
                return Answers.unknown(FailureReason.TIMEOUT);
            }
            time.advance(took);
            return result;
        };
    }

    /** How often {@code endpoint} was executed. */
    public synchronized int executions(Endpoint endpoint) {
        return contexts.get(endpoint).size();
    }

    /** The contexts of {@code endpoint}'s executions, in order. */
    public synchronized List<AttemptContext> contexts(Endpoint endpoint) {
        return List.copyOf(contexts.get(endpoint));
    }

    /** Every payment request sent, in order. */
    public synchronized List<PaymentRequest> payRequests() {
        return List.copyOf(payRequests);
    }

    /**
     * A notification body that this provider's verifier accepts as {@code notification}; any other
     * body is rejected as {@link NotificationRejection#SIGNATURE_INVALID}.
     */
    public byte[] signedNotification(Notification notification) {
        String token = notification.id() + "#" + notifications.size();
        notifications.put(token, notification);
        return (NOTIFICATION_PREFIX + token).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return name;
    }

    private volatile boolean merchantScopedRefunds;

    /** Makes refund ids unique per merchant, as WeChat Pay requires. */
    public ScriptedProvider merchantScopedRefunds() {
        this.merchantScopedRefunds = true;
        return this;
    }

    @Override
    public boolean refundIdsUniquePerMerchant() {
        return merchantScopedRefunds;
    }

    @Override
    public void validate(PaymentRequest request) {
        validator.accept(request);
    }

    @Override
    public Attempt<PaymentOutcome> pay(PaymentRequest request, AttemptContext context) {
        synchronized (this) {
            payRequests.add(request);
        }
        return run(Endpoint.PAY, context);
    }

    @Override
    public Attempt<TradeStatus> query(String orderId, AttemptContext context) {
        return run(Endpoint.QUERY, context);
    }

    @Override
    public Attempt<CloseOutcome.Closed> close(String orderId, AttemptContext context) {
        return run(Endpoint.CLOSE, context);
    }

    @Override
    public Attempt<CloseOutcome.Closed> cancel(String orderId, AttemptContext context) {
        return run(Endpoint.CANCEL, context);
    }

    @Override
    public Attempt<RefundStatus> refund(RefundRequest request, AttemptContext context) {
        return run(Endpoint.REFUND, context);
    }

    @Override
    public Attempt<RefundStatus> queryRefund(String orderId, String refundId, AttemptContext context) {
        return run(Endpoint.QUERY_REFUND, context);
    }

    @Override
    public NotificationVerifier notifications() {
        return (headers, body) -> {
            String text = new String(body, StandardCharsets.UTF_8);
            Notification n = text.startsWith(NOTIFICATION_PREFIX)
                    ? notifications.get(text.substring(NOTIFICATION_PREFIX.length())) : null;
            if (n == null) {
                return new NotificationResult.Rejected(NotificationRejection.SIGNATURE_INVALID,
                        "not signed by the scripted provider", new NotificationReply(400, "text/plain", "fail"));
            }
            return new NotificationResult.Accepted(n, false, ACK);
        };
    }

    private <T> void script(Endpoint endpoint, Attempt<T> answer) {
        Answer<T> fixed = context -> answer;
        add(endpoint, fixed);
    }

    @SuppressWarnings("unchecked")
    private <T> Attempt<T> run(Endpoint endpoint, AttemptContext context) {
        Answer<T> answer;
        synchronized (this) {
            contexts.get(endpoint).add(context);
            Deque<Answer<?>> script = scripts.get(endpoint);
            answer = (Answer<T>) (script.size() > 1 ? script.pollFirst() : script.peekFirst());
        }
        return answer == null ? Answers.notSent(FailureReason.NETWORK_ERROR) : answer.answer(context);
    }

    @Override
    public String toString() {
        return "ScriptedProvider[" + name + "]";
    }
}
