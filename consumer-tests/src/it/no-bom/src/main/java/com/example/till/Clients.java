package com.example.till;

import dev.resilientpay.PaymentClient;
import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.wechat.WechatPayConfig;
import dev.resilientpay.wechat.WechatPayProvider;

/** Compiles against both adapters' public API with nothing but their published poms. */
public final class Clients {
    private Clients() {
    }

    public static PaymentClient alipay(AlipayConfig config) {
        return PaymentClient.builder().provider(AlipayProvider.create(config)).build();
    }

    public static PaymentClient wechat(WechatPayConfig config) {
        return PaymentClient.builder().provider(WechatPayProvider.create(config)).build();
    }
}
