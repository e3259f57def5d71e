package dev.resilientpay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TillCheckoutTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void alipayPaymentCodeIsChargedOnceAndReportedPaid() {
        try (SimulatedAlipay alipay = new SimulatedAlipay()) {
            PaymentOutcome outcome = TillCheckout.checkout(alipay, out);

            assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(((PaymentOutcome.Paid) outcome).amount()).isEqualTo(Money.of("23.50", "CNY"));
            assertThat(alipay.simulator().trade(outcome.orderId()).orElseThrow().charges()).isEqualTo(1);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("PAID 23.50 CNY");
        }
    }

    @Test
    void wechatPaymentCodeIsChargedOnceAndReportedPaid() {
        try (SimulatedWechat wechat = new SimulatedWechat()) {
            PaymentOutcome outcome = TillCheckout.checkout(wechat, out);

            assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(((PaymentOutcome.Paid) outcome).amount()).isEqualTo(Money.of("23.50", "CNY"));
            assertThat(wechat.simulator().order(outcome.orderId()).orElseThrow().charges()).isEqualTo(1);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("PAID 23.50 CNY");
        }
    }
}
