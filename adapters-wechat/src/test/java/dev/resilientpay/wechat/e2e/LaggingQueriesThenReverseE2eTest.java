package dev.resilientpay.wechat.e2e;

import static dev.resilientpay.wechat.e2e.WechatE2e.codeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.FailureReason;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorOrder;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, "Outcomes at high fault rates": a codepay processed (the payer charged) whose answer was lost,
 * then order queries that lag ({@code 404 ORDER_NOT_EXIST}) until the deadline, then the deadline reverse.
 * The reverse refunds the payer, but the query after it lags too, so the adapter reports
 * {@code refunded=false}; with the last query's "not found" the pipeline then reports {@code NOT_SENT},
 * "never reached the payment service; nothing was charged", to a payer who saw a charge and a refund.
 * Measured in the benchmark against simulators that lag after a broken answer (see docs/benchmarks.md).
 */
class LaggingQueriesThenReverseE2eTest extends E2eTestBase {

    private static final String AUTH_CODE = "134567890123456780";

    @Test
    void aChargedOrderReversedAtTheDeadlineIsNeverReportedAsNotSent() {
        wechat.scriptPaymentCode(AUTH_CODE, WechatPaySimulatorPayer.paysAtOnce());
        wechat.faults().next(1, Fault.responseLost(), WechatPaySimulator.CODEPAY::equals);
        wechat.lagQueries("E2E-LAG-REV-1", 10_000);

        PaymentOutcome outcome = e2e.client.pay(codeOrder("E2E-LAG-REV-1", AUTH_CODE, "18.00"));

        WechatPaySimulatorOrder order = wechat.order("E2E-LAG-REV-1").orElseThrow();
        assertThat(order.charges()).isEqualTo(1);
        assertThat(order.netCharged()).isZero();
        assertThat(wechat.requestCount("E2E-LAG-REV-1", WechatPaySimulator.REVERSE)).isPositive();
        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Failed.class,
                f -> assertThat(f.failure().reason()).isNotEqualTo(FailureReason.NOT_SENT));
    }
}
