package dev.resilientpay.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRouter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One till over both embedded simulators: the scanned code alone decides the wallet. */
class TillCheckoutTest {

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    private final SimulatedAlipay alipay = new SimulatedAlipay();
    private final SimulatedWechat wechat = new SimulatedWechat();
    private final PaymentClient alipayClient = PaymentClient.builder().provider(alipay.provider()).build();
    private final PaymentClient wechatClient = PaymentClient.builder().provider(wechat.provider()).build();
    private final PaymentRouter till = PaymentRouter.of(alipayClient, wechatClient);

    @AfterEach
    void close() {
        alipayClient.close();
        wechatClient.close();
        alipay.close();
        wechat.close();
    }

    @Test
    void alipayCodeIsChargedOnceByAlipayAndWechatSeesNothing() {
        PaymentOutcome outcome = TillCheckout.checkout(till, alipay.payerPaymentCode(), out);

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Paid.class,
                paid -> assertThat(paid.amount()).isEqualTo(Money.of("23.50", "CNY")));
        assertThat(alipay.simulator().order(outcome.orderId()).orElseThrow().charges()).isEqualTo(1);
        assertThat(wechat.simulator().requests()).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("scanned a payment code from alipay", "PAID 23.50 CNY");
    }

    @Test
    void wechatCodeIsChargedOnceByWechatAndAlipaySeesNothing() {
        PaymentOutcome outcome = TillCheckout.checkout(till, wechat.payerPaymentCode(), out);

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Paid.class,
                paid -> assertThat(paid.amount()).isEqualTo(Money.of("23.50", "CNY")));
        assertThat(wechat.simulator().order(outcome.orderId()).orElseThrow().charges()).isEqualTo(1);
        assertThat(alipay.simulator().requests()).isEmpty();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("scanned a payment code from wechat", "PAID 23.50 CNY");
    }

    @Test
    void codeOfNeitherWalletIsRefusedAtTheTillBeforeAnythingIsSent() {
        assertThatThrownBy(() -> TillCheckout.checkout(till, "620000000000000000", out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authCode");

        assertThat(alipay.simulator().requests()).isEmpty();
        assertThat(wechat.simulator().requests()).isEmpty();
    }
}
