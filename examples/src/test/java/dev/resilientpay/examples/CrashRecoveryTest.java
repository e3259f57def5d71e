package dev.resilientpay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.testkit.WechatPaySimulator;
import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class CrashRecoveryTest {

    private final PrintStream out = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void alipayPaymentInFlightAtTheCrashIsRecoveredAsPaidWithoutSendingItAgain() {
        try (SimulatedAlipay alipay = new SimulatedAlipay()) {
            CrashRecovery.Result result = CrashRecovery.crashAndRecover(alipay, out);
            String orderId = result.request().orderId();

            assertThat(result.unresolved()).singleElement()
                    .satisfies(entry -> assertThat(entry.state()).isEqualTo(LedgerState.IN_FLIGHT));
            assertThat(result.recovered()).singleElement().isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(alipay.simulator().order(orderId).orElseThrow().charges()).isEqualTo(1);
            assertThat(alipay.simulator().requestCount(orderId, "alipay.trade.pay")).isEqualTo(1);
        }
    }

    @Test
    void wechatPaymentInFlightAtTheCrashIsRecoveredAsPaidWithoutSendingItAgain() {
        try (SimulatedWechat wechat = new SimulatedWechat()) {
            CrashRecovery.Result result = CrashRecovery.crashAndRecover(wechat, out);
            String orderId = result.request().orderId();

            assertThat(result.unresolved()).singleElement()
                    .satisfies(entry -> assertThat(entry.state()).isEqualTo(LedgerState.IN_FLIGHT));
            assertThat(result.recovered()).singleElement().isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(wechat.simulator().order(orderId).orElseThrow().charges()).isEqualTo(1);
            assertThat(wechat.simulator().requestCount(orderId, WechatPaySimulator.CODEPAY)).isEqualTo(1);
        }
    }

    @Test
    void onThePostgresLedgerTheEntryOutlivesTheCrashedClientAndIsRecoveredAsPaidWithoutSendingItAgain() {
        try (SimulatedAlipay alipay = new SimulatedAlipay()) {
            CrashRecovery.Result result = CrashRecovery.crashAndRecoverOnPostgres(alipay, out);
            String orderId = result.request().orderId();

            assertThat(result.unresolved()).singleElement()
                    .satisfies(entry -> assertThat(entry.state()).isEqualTo(LedgerState.IN_FLIGHT));
            assertThat(result.recovered()).singleElement().isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(alipay.simulator().order(orderId).orElseThrow().charges()).isEqualTo(1);
            assertThat(alipay.simulator().requestCount(orderId, "alipay.trade.pay")).isEqualTo(1);
        }
    }
}
