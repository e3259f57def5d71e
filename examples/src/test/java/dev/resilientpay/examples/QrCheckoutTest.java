package dev.resilientpay.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Notification;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.TradeState;
import java.io.OutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class QrCheckoutTest {

    private final PrintStream out = new PrintStream(OutputStream.nullOutputStream());

    @Test
    void alipayQrOrderIsPaidAndTheVerifiedNotificationIsAcknowledged() {
        try (SimulatedAlipay alipay = new SimulatedAlipay()) {
            QrCheckout.Result result = QrCheckout.checkout(alipay, out);

            assertThat(((PaymentOutcome.AwaitingPayer) result.created()).action()).isInstanceOf(PayerAction.ScanQrCode.class);
            assertThat(result.outcome()).isInstanceOf(PaymentOutcome.Paid.class);
            NotificationResult.Accepted accepted = onlyAccepted(result);
            assertThat(accepted.reply().status()).isEqualTo(200);
            assertThat(accepted.reply().body()).isEqualTo("success");
            assertThat(alipay.simulator().order(result.outcome().orderId()).orElseThrow().charges()).isEqualTo(1);
        }
    }

    @Test
    void wechatQrOrderIsPaidAndTheVerifiedNotificationIsAcknowledged() {
        try (SimulatedWechat wechat = new SimulatedWechat()) {
            QrCheckout.Result result = QrCheckout.checkout(wechat, out);

            assertThat(((PaymentOutcome.AwaitingPayer) result.created()).action()).isInstanceOf(PayerAction.ScanQrCode.class);
            assertThat(result.outcome()).isInstanceOf(PaymentOutcome.Paid.class);
            NotificationResult.Accepted accepted = onlyAccepted(result);
            assertThat(accepted.reply().status()).isBetween(200, 299);
            assertThat(wechat.simulator().order(result.outcome().orderId()).orElseThrow().charges()).isEqualTo(1);
        }
    }

    private static NotificationResult.Accepted onlyAccepted(QrCheckout.Result result) {
        assertThat(result.notifications()).hasSize(1).first().isInstanceOf(NotificationResult.Accepted.class);
        NotificationResult.Accepted accepted = (NotificationResult.Accepted) result.notifications().get(0);
        Notification.PaymentNotification payment = (Notification.PaymentNotification) accepted.notification();
        assertThat(payment.orderId()).isEqualTo(result.outcome().orderId());
        assertThat(payment.status().state()).isEqualTo(TradeState.PAID);
        return accepted;
    }
}
