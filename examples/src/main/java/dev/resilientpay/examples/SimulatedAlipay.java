package dev.resilientpay.examples;

import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.spi.PaymentProvider;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorDelivery;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import java.time.Duration;

/** The embedded Alipay gateway simulator on a loopback port; the payer is simulated too. */
final class SimulatedAlipay implements Sandbox {

    private final AlipaySimulator simulator = AlipaySimulator.start();
    private final AlipayProvider provider = AlipayProvider.create(AlipayConfig.builder()
            .appId(simulator.appId())
            .merchantPrivateKey(simulator.appPrivateKeyPem())
            .alipayPublicKey(simulator.alipayPublicKeyPem())
            .gatewayUrl(simulator.gatewayUrl())
            .build());

    /** The simulator itself, for tests that look at the gateway's side. */
    AlipaySimulator simulator() {
        return simulator;
    }

    @Override
    public String name() {
        return "alipay";
    }

    @Override
    public boolean simulated() {
        return true;
    }

    @Override
    public PaymentProvider provider() {
        return provider;
    }

    @Override
    public String payerPaymentCode() {
        return simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce());
    }

    @Override
    public String notifyUrl() {
        // The simulator is told where to deliver (deliverNotification); this is only what the order carries.
        return "https://shop.example.com/notify/alipay";
    }

    @Override
    public void payerPays(String orderId) {
        simulator.payerScans(orderId);
        simulator.payerPays(orderId);
    }

    @Override
    public String deliverNotification(String orderId, String localEndpoint) {
        AlipaySimulatorDelivery delivery = simulator.sendNotification(orderId, localEndpoint);
        String body = delivery.body() == null ? "" : delivery.body();
        return delivery.status() + (body.isEmpty() ? "" : " '" + body + "'")
                + (delivery.acknowledged() ? " (acknowledged)" : " (will redeliver)");
    }

    @Override
    public Duration patience() {
        return Duration.ofSeconds(10);
    }

    @Override
    public void close() {
        simulator.close();
    }

    @Override
    public String toString() {
        return "embedded Alipay simulator at " + simulator.gatewayUrl();
    }
}
