package dev.resilientpay.benchmarks.gateway;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.spi.PaymentProvider;

/** resilient-pay's {@link PaymentClient} taking payment-code payments. */
final class OurCaller implements PaymentCaller {

    private static final Money AMOUNT = Money.cny(100);

    private final PaymentClient client;
    private final CountingProvider counter;
    private final String name;
    private final java.util.Map<String, String> reasons = new java.util.concurrent.ConcurrentHashMap<>();

    private OurCaller(PaymentClient.Builder builder, CountingProvider counter, String name) {
        this.client = builder.provider(counter).build();
        this.counter = counter;
        this.name = name;
    }

    static OurCaller create(PaymentProvider provider, Timing timing, PaymentListener listener, BreakerPolicy breaker,
                            String name) {
        CountingProvider counter = new CountingProvider(provider);
        PaymentClient.Builder builder = PaymentClient.builder()
                .policies(timing.policies())
                .breaker(breaker);
        if (listener != null) {
            builder.listener(listener);
        }
        return new OurCaller(builder, counter, name);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Verdict pay(String orderId, String authCode) {
        PaymentOutcome outcome = client.pay(PaymentRequest.builder()
                .orderId(orderId)
                .amount(AMOUNT)
                .subject("Benchmark coffee")
                .method(new PaymentMethod.PaymentCode(authCode))
                .build());
        reasons.put(orderId, reasonOf(outcome));
        return verdictOf(outcome);
    }

    /** The reason of the outcome {@code pay} returned (not of a later {@code resolve}). */
    @Override
    public String reason(String orderId) {
        return reasons.get(orderId);
    }

    private static String reasonOf(PaymentOutcome outcome) {
        if (outcome instanceof PaymentOutcome.Paid) {
            return "PAID";
        }
        if (outcome instanceof PaymentOutcome.Failed failed) {
            return failed.failure().reason().name();
        }
        if (outcome instanceof PaymentOutcome.InDoubt doubt) {
            return "IN_DOUBT/" + doubt.lastFailure().reason().name();
        }
        return "AWAITING_PAYER";
    }

    @Override
    public boolean keepsLedger() {
        return true;
    }

    /** {@link PaymentClient#resolve}: queries, then re-sends, polls or cancels as the answer requires. */
    @Override
    public Verdict resolve(String orderId) {
        return verdictOf(client.resolve(orderId));
    }

    /** Paid and failed are definite; in doubt, and (never for a payment code) awaiting payer, are not. */
    private static Verdict verdictOf(PaymentOutcome outcome) {
        if (outcome instanceof PaymentOutcome.Paid) {
            return Verdict.PAID;
        }
        return outcome instanceof PaymentOutcome.Failed ? Verdict.NOT_PAID : Verdict.IN_DOUBT;
    }

    @Override
    public long requestsIssued() {
        return counter.calls();
    }

    @Override
    public void close() {
        client.close();
    }
}
