package dev.resilientpay.alipay.e2e;

import static dev.resilientpay.alipay.e2e.AlipayEndToEnd.barcode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Money;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundState;
import dev.resilientpay.testkit.AlipaySimulatorExtension;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 8, finding 4: Alipay's refund notification carries {@code refund_fee} = the trade's total refunded
 * so far (and {@code out_biz_no} = the refund just made). Three partial refunds of one order: every
 * notification is verified, accepted by the client and acknowledged, each naming its own refund. Before the
 * fix the second and third were rejected as {@code AMOUNT_MISMATCH} (25.00 and 30.00 against 15.00 and 5.00)
 * on every redelivery, for ever.
 */
class PartialRefundNotificationsEndToEndTest extends EndToEndTestBase {

    @RegisterExtension
    static final AlipaySimulatorExtension ALIPAY = new AlipaySimulatorExtension();

    private static final String ORDER = "e2e_partial_refunds";

    @Test
    void threePartialRefundNotificationsAreEachAcceptedForTheirOwnRefund() {
        PaymentOutcome paid = e2e.client.pay(barcode(ORDER,
                e2e.simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce()), "50.00"));
        assertThat(paid).isInstanceOf(PaymentOutcome.Paid.class);

        refundAndNotify("rf_1", "10.00", "10.00");
        refundAndNotify("rf_2", "15.00", "25.00");
        refundAndNotify("rf_3", "5.00", "30.00");

        assertThat(e2e.simulator.order(ORDER).orElseThrow().refundedAmount()).isEqualByComparingTo("30.00");
    }

    private void refundAndNotify(String refundId, String yuan, String cumulative) {
        RefundOutcome outcome = e2e.client.refund(RefundRequest.builder().orderId(ORDER).refundId(refundId)
                .amount(Money.of(yuan, "CNY")).orderAmount(Money.of("50.00", "CNY")).build());
        assertThat(outcome).isInstanceOf(RefundOutcome.Refunded.class);
        String body = e2e.simulator.notification(ORDER).body();
        // The simulator follows the protocol: the trade's running total, and the latest refund's id.
        assertThat(body).contains("refund_fee=" + cumulative).contains("out_biz_no=" + refundId);

        NotificationResult result = e2e.client.notifications().verify(
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8));

        assertThat(result).as("notification after %s", refundId).isInstanceOf(NotificationResult.Accepted.class);
        assertThat(result.reply().body()).isEqualTo("success");
        var refund = (Notification.RefundNotification) ((NotificationResult.Accepted) result).notification();
        assertThat(refund.status().refundId()).isEqualTo(refundId);
        assertThat(refund.status().state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(refund.status().amount()).as("the cumulative total is not this refund's amount").isNull();
    }
}
