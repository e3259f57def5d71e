package dev.resilientpay.testkit.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.PaymentProvider;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.VirtualTime;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A payment-code flow through core's pipeline whose payer confirms on the phone while the client
 * polls: with {@link VirtualTime} the polling schedule passes in virtual time. The testkit cannot
 * depend on the Alipay adapter (the adapter's tests depend on the testkit), so the provider here is a
 * minimal one over {@link GatewayTestClient}; the README's testkit example runs the same flow with
 * the real adapter ({@code ReadmeSnippetsTest}).
 */
class VirtualTimePaymentCodeFlowTest extends SimulatorTestBase {

    @Test
    void payerWhoConfirmsAfterTwoPollsIsPaidOnceAndTheScheduleRanInVirtualTime() {
        VirtualTime time = new VirtualTime();
        PaymentClient client = PaymentClient.builder().provider(new MinimalAlipayProvider(SimulatorTestBase.client))
                .timeSource(time).build();
        String code = simulator.newPaymentCode(AlipaySimulatorPayer.confirmsAfter(2));

        PaymentOutcome outcome = client.pay(PaymentRequest.builder().orderId("vt_order_1")
                .amount(Money.of("9.90", "CNY")).subject("tea").method(new PaymentMethod.PaymentCode(code)).build());

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(simulator.order("vt_order_1").orElseThrow().charges()).isEqualTo(1);
        // three polls, each after a wait the client asked for: the schedule passed on the virtual clock
        assertThat(simulator.requestCount("vt_order_1", AlipaySimulator.QUERY)).isEqualTo(3);
        assertThat(time.sleeps()).hasSize(3).allSatisfy(wait -> assertThat(wait).isPositive());
        assertThat(time.slept()).isGreaterThanOrEqualTo(Duration.ofSeconds(5));
        assertThat(time.elapsed()).isEqualTo(time.slept());
    }

    @Test
    void payerWhoNeverConfirmsIsGivenUpOnAtTheVirtualDeadline() {
        VirtualTime time = new VirtualTime();
        PaymentClient client = PaymentClient.builder().provider(new MinimalAlipayProvider(SimulatorTestBase.client))
                .timeSource(time).build();
        String code = simulator.newPaymentCode(AlipaySimulatorPayer.neverConfirms());

        PaymentOutcome outcome = client.pay(PaymentRequest.builder().orderId("vt_order_2")
                .amount(Money.of("9.90", "CNY")).subject("tea").method(new PaymentMethod.PaymentCode(code)).build());

        assertThat(outcome).isNotInstanceOf(PaymentOutcome.Paid.class);
        assertThat(simulator.order("vt_order_2").orElseThrow().charges()).isZero();
        // the whole 45-second payment-code deadline went by, on the virtual clock only
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(simulator.requestCount("vt_order_2", AlipaySimulator.QUERY)).isGreaterThanOrEqualTo(5);
    }

    /** Payment-code pay, query and cancel over the test client: just enough of a provider for the pipeline. */
    private static final class MinimalAlipayProvider implements PaymentProvider {

        private final GatewayTestClient gateway;

        MinimalAlipayProvider(GatewayTestClient gateway) {
            this.gateway = gateway;
        }

        @Override
        public String name() {
            return "alipay";
        }

        @Override
        public Attempt<PaymentOutcome> pay(PaymentRequest request, AttemptContext context) {
            String authCode = ((PaymentMethod.PaymentCode) request.method()).authCode();
            GatewayTestClient.Answer answer;
            try {
                answer = gateway.call(AlipaySimulator.PAY, "{\"out_trade_no\":\"" + request.orderId()
                        + "\",\"scene\":\"bar_code\",\"auth_code\":\"" + authCode + "\",\"total_amount\":\""
                        + request.amount().toDecimalString() + "\",\"subject\":\"" + request.subject() + "\"}");
            } catch (UncheckedIOException e) {
                return new Attempt.Unknown<>(Failure.of(FailureReason.NETWORK_ERROR, e.getMessage()));
            }
            switch (answer.code()) {
                case "10000":
                    return new Attempt.Succeeded<>(new PaymentOutcome.Paid(request.orderId(), answer.field("trade_no"),
                            request.amount(), null));
                case "10003":
                    return new Attempt.Pending<>("payer confirming");
                default:
                    return new Attempt.Rejected<>(Failure.of(FailureReason.PAYMENT_DECLINED, answer.subCode()));
            }
        }

        @Override
        public Attempt<TradeStatus> query(String orderId, AttemptContext context) {
            GatewayTestClient.Answer answer;
            try {
                answer = gateway.call(AlipaySimulator.QUERY, "{\"out_trade_no\":\"" + orderId + "\"}");
            } catch (UncheckedIOException e) {
                return new Attempt.NotSent<>(Failure.of(FailureReason.NETWORK_ERROR, e.getMessage()), null);
            }
            if (!"10000".equals(answer.code())) {
                return new Attempt.Succeeded<>(TradeStatus.notFound(orderId));
            }
            String status = answer.field("trade_status");
            TradeState state = switch (status) {
                case "TRADE_SUCCESS", "TRADE_FINISHED" -> TradeState.PAID;
                case "TRADE_CLOSED" -> TradeState.CLOSED;
                default -> TradeState.AWAITING_PAYMENT;
            };
            return new Attempt.Succeeded<>(new TradeStatus(orderId, state, answer.field("trade_no"),
                    Money.of(answer.field("total_amount"), "CNY"), null, status));
        }

        @Override
        public Attempt<CloseOutcome.Closed> cancel(String orderId, AttemptContext context) {
            GatewayTestClient.Answer answer = gateway.call(AlipaySimulator.CANCEL, "{\"out_trade_no\":\"" + orderId + "\"}");
            return "10000".equals(answer.code())
                    ? new Attempt.Succeeded<>(new CloseOutcome.Closed(orderId, "refund".equals(answer.field("action"))))
                    : new Attempt.Rejected<>(Failure.of(FailureReason.PROVIDER_ERROR, answer.subCode()));
        }

        @Override
        public Attempt<CloseOutcome.Closed> close(String orderId, AttemptContext context) {
            return cancel(orderId, context);
        }

        @Override
        public Attempt<RefundStatus> refund(RefundRequest request, AttemptContext context) {
            throw new UnsupportedOperationException("not needed by these tests");
        }

        @Override
        public Attempt<RefundStatus> queryRefund(String orderId, String refundId, AttemptContext context) {
            throw new UnsupportedOperationException("not needed by these tests");
        }

        @Override
        public NotificationVerifier notifications() {
            throw new UnsupportedOperationException("not needed by these tests");
        }
    }
}
