package dev.resilientpay.examples.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Classification;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.Operation;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.spi.PaymentProvider;
import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.FaultPlan;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReconciliationTest {

    private static final Workload.Order ORDER = new Workload.Order("ALI000001", Workload.Kind.PAYMENT_CODE,
            PayerScript.of(PayerScript.Kind.PAYS_AT_ONCE), Money.cny(1_000), false);

    private final ChaosStats stats = new ChaosStats();

    @Test
    void orderPaidOnBothSidesWithMatchingRequestsIsClean() {
        sentByClient(2);
        Reconciliation rec = Reconciliation.of(List.of(result(paid())), stats,
                new Ledger(new GatewaySide.GatewayOrder(1, 1_000, 0), 2));

        assertThat(rec.clean()).isTrue();
    }

    @Test
    void orderChargedAtTheGatewayButFailedAtTheClientIsLost() {
        sentByClient(1);
        Reconciliation rec = Reconciliation.of(List.of(result(failed())), stats,
                new Ledger(new GatewaySide.GatewayOrder(1, 1_000, 0), 1));

        assertThat(rec.chargedNotPaid()).isEqualTo(1);
        assertThat(rec.clean()).isFalse();
    }

    @Test
    void orderPaidAtTheClientButNeverChargedIsLost() {
        sentByClient(1);
        Reconciliation rec = Reconciliation.of(List.of(result(paid())), stats,
                new Ledger(GatewaySide.GatewayOrder.NONE, 1));

        assertThat(rec.paidNotCharged()).isEqualTo(1);
    }

    @Test
    void orderChargedTwiceIsCounted() {
        sentByClient(2);
        Reconciliation rec = Reconciliation.of(List.of(result(paid())), stats,
                new Ledger(new GatewaySide.GatewayOrder(2, 2_000, 0), 2));

        assertThat(rec.chargedTwice()).isEqualTo(1);
        assertThat(rec.clean()).isFalse();
    }

    @Test
    void requestAtTheGatewayThatTheClientDidNotSendIsCounted() {
        sentByClient(1);
        Reconciliation rec = Reconciliation.of(List.of(result(paid())), stats,
                new Ledger(new GatewaySide.GatewayOrder(1, 1_000, 0), 2));

        assertThat(rec.unrequested()).isEqualTo(1);
        assertThat(rec.clean()).isFalse();
    }

    @Test
    void attemptRefusedByTheBreakerIsNotCountedAsSent() {
        stats.onAttempt(new PaymentListener.AttemptFinished("alipay", Operation.PAY_BY_CODE, ORDER.orderId(), 1,
                Classification.NOT_SENT, FailureReason.PROVIDER_UNAVAILABLE, Duration.ZERO));

        assertThat(stats.sent(ORDER.orderId())).isZero();
        assertThat(stats.refused()).isEqualTo(1);
    }

    private void sentByClient(int attempts) {
        for (int i = 1; i <= attempts; i++) {
            stats.onAttempt(new PaymentListener.AttemptFinished("alipay", Operation.PAY_BY_CODE, ORDER.orderId(), i,
                    Classification.DEFINITE, null, Duration.ofMillis(3)));
        }
    }

    private static PaymentOutcome paid() {
        return new PaymentOutcome.Paid(ORDER.orderId(), "T1", ORDER.amount(), null);
    }

    private static PaymentOutcome failed() {
        return new PaymentOutcome.Failed(ORDER.orderId(), Failure.of(FailureReason.PAYMENT_DECLINED, "declined"));
    }

    private static OrderResult result(PaymentOutcome outcome) {
        return new OrderResult(ORDER, outcome, outcome, null, null, 1_000_000);
    }

    /** A gateway that holds one order and received {@code requests} requests for it. */
    private record Ledger(GatewaySide.GatewayOrder order, int requests) implements GatewaySide {
        @Override public String name() { return "alipay"; }
        @Override public PaymentProvider provider() { throw new AssertionError("not used"); }
        @Override public FaultPlan faults() { return new FaultPlan(); }
        @Override public List<Fault> faultMix() { return List.of(); }
        @Override public String paymentCode(PayerScript payer) { throw new AssertionError("not used"); }
        @Override public void scriptQrPayer(String orderId, PayerScript payer) { throw new AssertionError("not used"); }
        @Override public void payerPays(String orderId) { throw new AssertionError("not used"); }
        @Override public Map<String, GatewayOrder> ledger() {
            return order.charges() == 0 ? Map.of() : Map.of(ORDER.orderId(), order);
        }
        @Override public Map<String, Integer> requestsPerOrder() { return Map.of(ORDER.orderId(), requests); }
        @Override public int requestsReceived() { return requests; }
        @Override public void close() { }
    }
}
