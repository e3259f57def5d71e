package dev.resilientpay.alipay.e2e;

import static dev.resilientpay.alipay.e2e.AlipayEndToEnd.qr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.testkit.AlipaySimulatorExtension;
import dev.resilientpay.testkit.AlipaySimulatorTrade;
import dev.resilientpay.testkit.Fault;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** QR-code payments: precreate, the payer scans and pays, the client awaits the payment. */
class QrPaymentEndToEndTest {

    @RegisterExtension
    static final AlipaySimulatorExtension ALIPAY = new AlipaySimulatorExtension();

    @Test
    void precreatedQrCodePaidByThePayerIsAwaitedAsPaid() {
        AlipayEndToEnd e2e = AlipayEndToEnd.virtualTime(ALIPAY.simulator());
        try {
            PaymentOutcome created = e2e.client.pay(qr("e2e_qr", "19.90"));
            assertThat(created).isInstanceOfSatisfying(PaymentOutcome.AwaitingPayer.class, awaiting ->
                    assertThat(awaiting.action()).isInstanceOfSatisfying(PayerAction.ScanQrCode.class,
                            scan -> assertThat(scan.codeUrl()).startsWith("https://qr.alipay.com/")));

            e2e.simulator.payerPays("e2e_qr");
            PaymentOutcome outcome = e2e.client.awaitPayment("e2e_qr", Duration.ofSeconds(2));

            assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.Paid.class, paid ->
                    assertThat(paid.transactionId()).isEqualTo(e2e.simulator.order("e2e_qr").orElseThrow().tradeNo()));
            assertThat(e2e.simulator.requestCount("e2e_qr", "alipay.trade.precreate")).isEqualTo(1);
        } finally {
            e2e.close();
        }
    }

    @Test
    void qrCodeNobodyHasScannedYetIsStillAwaitedUntilThePayerPays() throws Exception {
        // Alipay answers ACQ.TRADE_NOT_EXIST for a precreated order until a payer scans it: the watcher
        // must keep waiting, not decide "not found".
        AlipayEndToEnd e2e = AlipayEndToEnd.realTime(ALIPAY.simulator());
        try {
            e2e.client.pay(qr("e2e_qr_unscanned", "19.90"));
            CompletableFuture<PaymentOutcome> awaited = e2e.client.awaitPaymentAsync("e2e_qr_unscanned",
                    Duration.ofSeconds(10));

            await().atMost(Duration.ofSeconds(5)).until(() ->
                    e2e.simulator.requestCount("e2e_qr_unscanned", "alipay.trade.query") >= 2);
            e2e.simulator.payerPays("e2e_qr_unscanned");

            assertThat(awaited.get(10, TimeUnit.SECONDS)).isInstanceOf(PaymentOutcome.Paid.class);
        } finally {
            e2e.close();
        }
    }

    @Test
    void lostPrecreateAnswerForAnUnscannedOrderIsSentAgainForTheSameQrCode() {
        AlipayEndToEnd e2e = AlipayEndToEnd.virtualTime(ALIPAY.simulator());
        try {
            e2e.simulator.faults().next(1, Fault.responseLost(), "alipay.trade.precreate"::equals);

            PaymentOutcome created = e2e.client.pay(qr("e2e_qr_lost", "19.90"));

            assertThat(created).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
            assertThat(e2e.simulator.requests("e2e_qr_lost")).extracting(r -> r.method() + " " + r.subCode())
                    .containsExactly("alipay.trade.precreate ", "alipay.trade.query ACQ.TRADE_NOT_EXIST",
                            "alipay.trade.precreate ");
            assertThat(e2e.simulator.orders()).extracting(AlipaySimulatorTrade::orderId).containsExactly("e2e_qr_lost");
        } finally {
            e2e.close();
        }
    }

    @Test
    void awaitingAnOrderNobodyPaysEndsStillAwaitingAtTheTimeout() {
        AlipayEndToEnd e2e = AlipayEndToEnd.virtualTime(ALIPAY.simulator());
        try {
            e2e.client.pay(qr("e2e_qr_unpaid", "19.90"));
            e2e.simulator.payerScans("e2e_qr_unpaid");

            PaymentOutcome outcome = e2e.client.awaitPayment("e2e_qr_unpaid", Duration.ofSeconds(1));

            assertThat(outcome).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
            assertThat(e2e.simulator.order("e2e_qr_unpaid").orElseThrow().charges()).isZero();
        } finally {
            e2e.close();
        }
    }
}
