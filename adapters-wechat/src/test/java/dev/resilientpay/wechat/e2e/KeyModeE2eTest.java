package dev.resilientpay.wechat.e2e;

import static dev.resilientpay.wechat.e2e.WechatE2e.AWAIT;
import static dev.resilientpay.wechat.e2e.WechatE2e.nativeOrder;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Classification;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.QueryResult;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorDelivery;
import dev.resilientpay.testkit.WechatPaySimulatorKeyMode;
import dev.resilientpay.testkit.WechatPaySimulatorNotificationOptions;
import org.junit.jupiter.api.Test;

/** Platform certificates, their rotation, and the public-key migration, end to end. */
class KeyModeE2eTest {

    @Test
    void platformCertificateRotatedMidRunIsLearnedAndTrusted() {
        try (WechatE2e e2e = WechatE2e.start(WechatPaySimulatorKeyMode.PLATFORM_CERTIFICATE)) {
            WechatPaySimulator wechat = e2e.simulator;
            PaymentOutcome before = e2e.client.pay(nativeOrder("E2E-ROTATE-0001", "8.00"));
            String old = wechat.currentCertificateSerial();

            String rotated = wechat.rotateCertificate();
            PaymentOutcome after = e2e.client.pay(nativeOrder("E2E-ROTATE-0002", "8.00"));
            wechat.payerPays("E2E-ROTATE-0002");
            WechatPaySimulatorDelivery notification = wechat.sendNotification("E2E-ROTATE-0002", e2e.notifyUrl());
            wechat.removeCertificate(old);
            QueryResult<?> query = e2e.client.query("E2E-ROTATE-0001");

            assertThat(before).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
            assertThat(after).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
            assertThat(notification.notification().signedBy()).isEqualTo(rotated);
            assertThat(notification.acknowledged()).as("answer %s %s", notification.status(), notification.body())
                    .isTrue();
            assertThat(e2e.client.awaitPayment("E2E-ROTATE-0002", AWAIT)).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(query).isInstanceOf(QueryResult.Known.class);
            assertThat(e2e.attempts).extracting(PaymentListener.AttemptFinished::classification)
                    .as("no answer was distrusted: the rotation cost no attempt")
                    .containsOnly(Classification.DEFINITE);
            assertThat(wechat.requestCount(WechatPaySimulator.CERTIFICATES)).isBetween(2, 3);
            assertThat(wechat.orders()).hasSize(2);
        }
    }

    @Test
    void freshClientTrustsANotificationSignedByACertificateItHasNotDownloadedYet() {
        try (WechatE2e first = WechatE2e.start(WechatPaySimulatorKeyMode.PLATFORM_CERTIFICATE)) {
            WechatPaySimulator wechat = first.simulator;
            first.client.pay(nativeOrder("E2E-FRESH-0001", "8.00"));
            wechat.payerPays("E2E-FRESH-0001");
            String rotated = wechat.rotateCertificate();

            try (WechatE2e restarted = WechatE2e.attachTo(wechat)) {
                int downloadsBefore = wechat.requestCount(WechatPaySimulator.CERTIFICATES);
                WechatPaySimulatorDelivery delivery = wechat.sendNotification("E2E-FRESH-0001", restarted.notifyUrl());

                assertThat(delivery.notification().signedBy()).isEqualTo(rotated);
                assertThat(delivery.acknowledged()).as("answer %s %s", delivery.status(), delivery.body()).isTrue();
                assertThat(restarted.notifications).singleElement().isInstanceOf(NotificationResult.Accepted.class);
                assertThat(wechat.requestCount(WechatPaySimulator.CERTIFICATES)).isEqualTo(downloadsBefore + 1);
            }
        }
    }

    @Test
    void migrationAcceptsCallbacksSignedByThePublicKeyOrACertificate() {
        try (WechatE2e e2e = WechatE2e.start(WechatPaySimulatorKeyMode.BOTH)) {
            WechatPaySimulator wechat = e2e.simulator;
            e2e.client.pay(nativeOrder("E2E-MIXED-0001", "8.00"));
            e2e.client.pay(nativeOrder("E2E-MIXED-0002", "8.00"));
            wechat.payerPays("E2E-MIXED-0001");
            wechat.payerPays("E2E-MIXED-0002");

            WechatPaySimulatorDelivery byPublicKey = wechat.sendNotification("E2E-MIXED-0001", e2e.notifyUrl(),
                    WechatPaySimulatorNotificationOptions.defaults().signedBy(wechat.publicKeyId()));
            WechatPaySimulatorDelivery byCertificate = wechat.sendNotification("E2E-MIXED-0002", e2e.notifyUrl(),
                    WechatPaySimulatorNotificationOptions.defaults().signedBy(wechat.currentCertificateSerial()));

            assertThat(byPublicKey.acknowledged()).as("answer %s %s", byPublicKey.status(), byPublicKey.body()).isTrue();
            assertThat(byCertificate.acknowledged()).as("answer %s %s", byCertificate.status(), byCertificate.body())
                    .isTrue();
            assertThat(e2e.notifications).hasSize(2).allMatch(r -> r instanceof NotificationResult.Accepted);
            assertThat(e2e.client.awaitPayment("E2E-MIXED-0001", AWAIT)).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(e2e.client.awaitPayment("E2E-MIXED-0002", AWAIT)).isInstanceOf(PaymentOutcome.Paid.class);
            assertThat(wechat.requestCount(WechatPaySimulator.QUERY)).isZero();
        }
    }

    @Test
    void migrationAcceptsResponsesSignedByEitherKeyInTurn() {
        try (WechatE2e e2e = WechatE2e.start(WechatPaySimulatorKeyMode.BOTH)) {
            WechatPaySimulator wechat = e2e.simulator;
            e2e.client.pay(nativeOrder("E2E-MIXED-0003", "8.00"));
            String certificate = wechat.currentCertificateSerial();
            wechat.signNextResponsesWith(wechat.publicKeyId(), certificate, wechat.publicKeyId(), certificate);

            for (int i = 0; i < 4; i++) {
                assertThat(e2e.client.query("E2E-MIXED-0003")).isInstanceOf(QueryResult.Known.class);
            }

            assertThat(e2e.attempts).extracting(PaymentListener.AttemptFinished::classification)
                    .containsOnly(Classification.DEFINITE);
            assertThat(wechat.requestCount("E2E-MIXED-0003", WechatPaySimulator.QUERY)).isEqualTo(4);
        }
    }
}
