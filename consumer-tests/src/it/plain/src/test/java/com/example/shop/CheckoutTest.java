package com.example.shop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.wechat.WechatPayConfig;
import dev.resilientpay.wechat.WechatPayProvider;
import org.junit.jupiter.api.Test;

class CheckoutTest {

    @Test
    void paysThroughTheAlipaySimulator() {
        try (AlipaySimulator alipay = AlipaySimulator.start();
             PaymentClient client = PaymentClient.builder()
                     .provider(AlipayProvider.create(AlipayConfig.builder()
                             .appId(alipay.appId())
                             .merchantPrivateKey(alipay.appPrivateKeyPem())
                             .alipayPublicKey(alipay.alipayPublicKeyPem())
                             .gatewayUrl(alipay.gatewayUrl())
                             .build()))
                     .build()) {
            String code = alipay.newPaymentCode(AlipaySimulatorPayer.paysAtOnce());

            PaymentOutcome outcome = new Checkout(client).charge("plain_alipay_1", "12.50", code);

            assertInstanceOf(PaymentOutcome.Paid.class, outcome);
            assertEquals(1, alipay.order("plain_alipay_1").orElseThrow().charges());
        }
    }

    @Test
    void paysThroughTheWechatPaySimulator() {
        try (WechatPaySimulator wechat = WechatPaySimulator.start();
             PaymentClient client = PaymentClient.builder()
                     .provider(WechatPayProvider.create(WechatPayConfig.builder()
                             .mchId(wechat.mchId())
                             .appId(wechat.appId())
                             .host(wechat.baseUrl())
                             .merchantPrivateKey(wechat.merchantPrivateKeyPem())
                             .merchantSerialNumber(wechat.merchantSerialNumber())
                             .apiV3Key(wechat.apiV3Key())
                             .wechatPayPublicKey(wechat.publicKeyId(), wechat.platformPublicKeyPem())
                             .notifyUrl("https://shop.example.com/wechat/notify")
                             .build()))
                     .build()) {
            PaymentOutcome outcome = new Checkout(client).charge("plain_wechat_1", "12.50", "134567890123456789");

            assertInstanceOf(PaymentOutcome.Paid.class, outcome);
            assertEquals(1, wechat.order("plain_wechat_1").orElseThrow().charges());
        }
    }
}
