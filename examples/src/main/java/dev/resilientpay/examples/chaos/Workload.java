package dev.resilientpay.examples.chaos;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's shoppers: which orders are placed, how their payers behave, and what the shop does
 * with each one. Deterministic for a seed (the order of requests, and so which ones are faulted,
 * depends on thread timing).
 *
 * <p>The mix: 70 % payment code at a till (most payers pay at once; some confirm on the phone after a
 * few queries, some never confirm, some lack funds or show an invalid code), 20 % QR orders (the payer
 * pays at once, after a few queries, or never), 10 % payment code followed by a refund of half or all.
 */
final class Workload {

    /** How an order is paid. */
    enum Kind { PAYMENT_CODE, QR, REFUND }

    /**
     * One planned order.
     *
     * @param orderId merchant order id
     * @param kind    how it is paid
     * @param payer   how its payer behaves
     * @param amount  its amount
     * @param refundAll for {@link Kind#REFUND}: refund all of it (else half)
     */
    record Order(String orderId, Kind kind, PayerScript payer, Money amount, boolean refundAll) {}

    /** How long the shop waits for a QR payer before it moves on (the order is resolved later). */
    static final Duration QR_PATIENCE = Duration.ofMillis(400);

    private Workload() {}

    /** {@code count} orders for {@code provider}, with order ids {@code <prefix>000001...}. */
    static List<Order> plan(String prefix, int count, long seed) {
        Random random = new Random(seed * 31 + prefix.hashCode());
        List<Order> orders = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String orderId = String.format("%s%06d", prefix, i);
            Money amount = Money.cny(100 + random.nextInt(50_000));
            double kind = random.nextDouble();
            double behaviour = random.nextDouble();
            int queries = 1 + random.nextInt(3);
            if (kind < 0.70) {
                PayerScript payer = behaviour < 0.78 ? PayerScript.of(PayerScript.Kind.PAYS_AT_ONCE)
                        : behaviour < 0.90 ? PayerScript.paysAfterQueries(queries)
                        : behaviour < 0.92 ? PayerScript.of(PayerScript.Kind.NEVER_PAYS)
                        : behaviour < 0.96 ? PayerScript.of(PayerScript.Kind.INSUFFICIENT_FUNDS)
                        : PayerScript.of(PayerScript.Kind.INVALID_CODE);
                orders.add(new Order(orderId, Kind.PAYMENT_CODE, payer, amount, false));
            } else if (kind < 0.90) {
                PayerScript payer = behaviour < 0.50 ? PayerScript.of(PayerScript.Kind.PAYS_AT_ONCE)
                        : behaviour < 0.85 ? PayerScript.paysAfterQueries(queries)
                        : PayerScript.of(PayerScript.Kind.NEVER_PAYS);
                orders.add(new Order(orderId, Kind.QR, payer, amount, false));
            } else {
                orders.add(new Order(orderId, Kind.REFUND, PayerScript.of(PayerScript.Kind.PAYS_AT_ONCE), amount,
                        behaviour < 0.5));
            }
        }
        return orders;
    }

    /** Places one order as a shop would, through {@code client}; the payer is played by {@code gateway}. */
    static OrderResult run(Order order, PaymentClient client, GatewaySide gateway) {
        PaymentRequest.Builder request = PaymentRequest.builder()
                .orderId(order.orderId())
                .amount(order.amount())
                .subject("Chaos demo order " + order.orderId());
        if (order.kind() == Kind.QR) {
            gateway.scriptQrPayer(order.orderId(), order.payer());
            request.method(new PaymentMethod.QrCode());
        } else {
            request.method(new PaymentMethod.PaymentCode(gateway.paymentCode(order.payer())));
        }
        long started = System.nanoTime();
        PaymentOutcome outcome = client.pay(request.build());
        long payNanos = System.nanoTime() - started;

        if (order.kind() == Kind.QR && outcome instanceof PaymentOutcome.AwaitingPayer) {
            if (order.payer().kind() == PayerScript.Kind.PAYS_AT_ONCE) {
                gateway.payerPays(order.orderId());
            }
            outcome = client.awaitPayment(order.orderId(), QR_PATIENCE);
        }

        RefundRequest refundRequest = null;
        RefundOutcome refund = null;
        if (order.kind() == Kind.REFUND && outcome instanceof PaymentOutcome.Paid) {
            long refundFen = order.refundAll() ? order.amount().minorUnits() : Math.max(1, order.amount().minorUnits() / 2);
            refundRequest = RefundRequest.builder()
                    .orderId(order.orderId())
                    .refundId(order.orderId() + "R1")
                    .amount(Money.cny(refundFen))
                    .orderAmount(order.amount())
                    .reason("Chaos demo refund")
                    .build();
            refund = client.refund(refundRequest);
        }
        return new OrderResult(order, outcome, outcome, refundRequest, refund, payNanos);
    }
}
