package dev.resilientpay.examples;

import dev.resilientpay.spi.PaymentProvider;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorDelivery;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import dev.resilientpay.wechat.WechatPayConfig;
import dev.resilientpay.wechat.WechatPayProvider;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** The embedded WeChat Pay (API v3) gateway simulator on a loopback port; the payer is simulated too. */
final class SimulatedWechat implements Sandbox {

    /** WeChat Pay requires an HTTPS notify URL on the order; the simulator delivers wherever it is told. */
    static final String NOTIFY_URL = "https://shop.example.com/notify/wechat";

    private final WechatPaySimulator simulator = WechatPaySimulator.start();
    private final WechatPayProvider provider = WechatPayProvider.create(WechatPayConfig.builder()
            .mchId(simulator.mchId())
            .appId(simulator.appId())
            .merchantPrivateKey(simulator.merchantPrivateKeyPem())
            .merchantSerialNumber(simulator.merchantSerialNumber())
            .apiV3Key(simulator.apiV3Key())
            .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKeyPem())
            .host(simulator.baseUrl())
            .notifyUrl(NOTIFY_URL)
            .build());

    /** The simulator itself, for tests that look at the gateway's side. */
    WechatPaySimulator simulator() {
        return simulator;
    }

    /** A fresh 18-digit WeChat payment code (it starts with 10 to 15, as the app's codes do). */
    static String newPaymentCode() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "13" + String.format("%016d", random.nextLong(1_000_000_000_000_000L, 10_000_000_000_000_000L));
    }

    @Override
    public String name() {
        return "wechat";
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
        String code = newPaymentCode();
        simulator.scriptPaymentCode(code, WechatPaySimulatorPayer.paysAtOnce());
        return code;
    }

    @Override
    public String notifyUrl() {
        return NOTIFY_URL;
    }

    @Override
    public void payerPays(String orderId) {
        simulator.payerPays(orderId);
    }

    @Override
    public String deliverNotification(String orderId, String localEndpoint) {
        WechatPaySimulatorDelivery delivery = simulator.sendNotification(orderId, localEndpoint);
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
        return "embedded WeChat Pay simulator at " + simulator.baseUrl();
    }
}
