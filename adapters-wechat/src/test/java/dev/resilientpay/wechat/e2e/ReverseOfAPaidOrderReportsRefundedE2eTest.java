package dev.resilientpay.wechat.e2e;

import static dev.resilientpay.wechat.e2e.WechatE2e.codeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.testkit.WechatPaySimulatorOrder;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 10: WeChat's reverse answer does not say whether it refunded a payment. The pipeline
 * queries after a successful reverse (a visible attempt) so that {@code Closed.refunded()} tells the truth.
 */
class ReverseOfAPaidOrderReportsRefundedE2eTest extends E2eTestBase {

    private static final String AUTH_CODE = "134567890123456789";

    private static AttemptContext attempt(String key) {
        return new AttemptContext(key, 1, Duration.ofSeconds(2), Instant.now().plusSeconds(10));
    }

    @Test
    void reverseOfAPaidOrderReportsTheMoneyRefunded() {
        wechat.scriptPaymentCode(AUTH_CODE, WechatPaySimulatorPayer.paysAtOnce());
        Attempt<PaymentOutcome> paid = e2e.provider.pay(codeOrder("E2E-REV-PAID-1", AUTH_CODE, "18.00"),
                attempt("E2E-REV-PAID-1"));
        assertThat(paid).isInstanceOf(Attempt.Succeeded.class);

        CloseOutcome reversed = e2e.client.cancel("E2E-REV-PAID-1");

        assertThat(reversed).isEqualTo(new CloseOutcome.Closed("E2E-REV-PAID-1", true));
        WechatPaySimulatorOrder order = wechat.order("E2E-REV-PAID-1").orElseThrow();
        assertThat(order.tradeState()).isEqualTo("REVOKED");
        assertThat(order.netCharged()).isZero();
    }

    @Test
    void reverseOfAnUnpaidOrderReportsNothingRefunded() {
        wechat.scriptPaymentCode(AUTH_CODE, WechatPaySimulatorPayer.neverConfirms());
        Attempt<PaymentOutcome> confirming = e2e.provider.pay(codeOrder("E2E-REV-UNPAID-1", AUTH_CODE, "18.00"),
                attempt("E2E-REV-UNPAID-1"));
        assertThat(confirming).isInstanceOf(Attempt.Pending.class);

        CloseOutcome reversed = e2e.client.cancel("E2E-REV-UNPAID-1");

        assertThat(reversed).isEqualTo(new CloseOutcome.Closed("E2E-REV-UNPAID-1", false));
        assertThat(wechat.order("E2E-REV-UNPAID-1").orElseThrow().charges()).isZero();
    }
}
