package dev.resilientpay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.QueryResult;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class RefundAndStatusTest {

    private final PrintStream out = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void alipayPartialRefundIsRefundedOnceAndQueriedAsSucceeded() {
        try (SimulatedAlipay alipay = new SimulatedAlipay()) {
            RefundAndStatus.Result result = RefundAndStatus.refund(alipay, out);

            assertThat(result.payment()).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(result.refund()).isInstanceOf(RefundOutcome.Refunded.class);
            assertSucceeded(result.status());
            assertThat(alipay.simulator().order(result.payment().orderId()).orElseThrow().refundedAmount())
                    .isEqualByComparingTo(new BigDecimal("30.00"));
        }
    }

    @Test
    void wechatPartialRefundIsRefundedOnceAndQueriedAsSucceeded() {
        try (SimulatedWechat wechat = new SimulatedWechat()) {
            RefundAndStatus.Result result = RefundAndStatus.refund(wechat, out);

            assertThat(result.payment()).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(result.refund()).isInstanceOf(RefundOutcome.Refunded.class);
            assertSucceeded(result.status());
            assertThat(wechat.simulator().order(result.payment().orderId()).orElseThrow().returnedToPayer())
                    .isEqualTo(3_000);
        }
    }

    private static void assertSucceeded(QueryResult<RefundStatus> status) {
        assertThat(status).isInstanceOf(QueryResult.Known.class);
        RefundStatus refund = ((QueryResult.Known<RefundStatus>) status).status();
        assertThat(refund.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(refund.amount()).isEqualTo(Money.of("30.00", "CNY"));
    }
}
