package dev.resilientpay.wechat.e2e;

import static dev.resilientpay.wechat.e2e.WechatE2e.AWAIT;
import static dev.resilientpay.wechat.e2e.WechatE2e.nativeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorDelivery;
import dev.resilientpay.testkit.WechatPaySimulatorNotificationOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications the client must not trust. Each test then awaits the payment: the simulator must see
 * a query, which proves the rejected notification did not count as proof of payment.
 */
class NotificationE2eTest extends E2eTestBase {

    private static final String ORDER = "E2E-BADNTF-0001";

    @BeforeEach
    void paidOrder() {
        e2e.client.pay(nativeOrder(ORDER, "66.00"));
        wechat.payerPays(ORDER);
    }

    private void assertRejectedWith(WechatPaySimulatorDelivery delivery, NotificationRejection reason) {
        assertThat(delivery.acknowledged()).as("answer %s", delivery.status()).isFalse();
        assertThat(delivery.body()).contains("FAIL");
        assertThat(e2e.notifications).singleElement().isInstanceOfSatisfying(NotificationResult.Rejected.class,
                rejected -> assertThat(rejected.reason()).isEqualTo(reason));
        assertThat(e2e.client.awaitPayment(ORDER, AWAIT)).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(wechat.requestCount(ORDER, WechatPaySimulator.QUERY)).isEqualTo(1);
    }

    @Test
    void staleNotificationIsRejected() {
        WechatPaySimulatorDelivery delivery = wechat.sendNotification(ORDER, e2e.notifyUrl(),
                WechatPaySimulatorNotificationOptions.defaults().stale());

        assertRejectedWith(delivery, NotificationRejection.STALE);
    }

    @Test
    void forgedNotificationIsRejected() {
        WechatPaySimulatorDelivery delivery = wechat.sendNotification(ORDER, e2e.notifyUrl(),
                WechatPaySimulatorNotificationOptions.defaults().forged());

        assertRejectedWith(delivery, NotificationRejection.SIGNATURE_INVALID);
    }

    @Test
    void signatureProbeIsRejectedLikeABadSignature() {
        WechatPaySimulatorDelivery delivery = wechat.sendNotification(ORDER, e2e.notifyUrl(),
                WechatPaySimulatorNotificationOptions.defaults().signatureProbe());

        assertRejectedWith(delivery, NotificationRejection.SIGNATURE_INVALID);
    }

    @Test
    void notificationEncryptedWithAnotherApiV3KeyIsRejected() {
        WechatPaySimulatorDelivery delivery = wechat.sendNotification(ORDER, e2e.notifyUrl(),
                WechatPaySimulatorNotificationOptions.defaults().wrongApiV3Key());

        assertRejectedWith(delivery, NotificationRejection.DECRYPTION_FAILED);
    }

    @Test
    void redeliveredNotificationIsAcceptedAsADuplicate() {
        WechatPaySimulatorDelivery first = wechat.sendNotification(ORDER, e2e.notifyUrl());

        WechatPaySimulatorDelivery again = wechat.sendNotification(ORDER, e2e.notifyUrl(),
                WechatPaySimulatorNotificationOptions.defaults().id(first.notification().id()));

        assertThat(first.acknowledged()).isTrue();
        assertThat(again.acknowledged()).isTrue();
        assertThat(e2e.notifications).extracting(r -> ((NotificationResult.Accepted) r).duplicate())
                .containsExactly(false, true);
    }
}
