package dev.resilientpay.examples.shop;

import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.WechatPaySimulator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two gateway simulators the shop runs against, started once per process on loopback ports, and
 * the {@code resilientpay.*} properties that point the shop's two merchants at them. Against the real
 * gateways these properties would come from {@code application.yml} and key files instead.
 */
public final class EmbeddedGateways {

    /** The Alipay merchant's name in the shop's configuration. */
    public static final String ALIPAY_MERCHANT = "cafe-alipay";
    /** The WeChat Pay merchant's name in the shop's configuration. */
    public static final String WECHAT_MERCHANT = "cafe-wechat";

    private static final class Holder {
        static final AlipaySimulator ALIPAY = AlipaySimulator.start();
        static final WechatPaySimulator WECHAT = WechatPaySimulator.start();
    }

    private EmbeddedGateways() {}

    /** @return the Alipay simulator */
    public static AlipaySimulator alipay() {
        return Holder.ALIPAY;
    }

    /** @return the WeChat Pay simulator */
    public static WechatPaySimulator wechat() {
        return Holder.WECHAT;
    }

    /** @return the merchants' gateway URLs and keys, as properties */
    public static Map<String, Object> properties() {
        Map<String, Object> p = new LinkedHashMap<>();
        String a = "resilientpay.alipay.merchants." + ALIPAY_MERCHANT + ".";
        p.put(a + "app-id", alipay().appId());
        p.put(a + "merchant-private-key", alipay().appPrivateKeyPem());
        p.put(a + "alipay-public-key", alipay().alipayPublicKeyPem());
        p.put(a + "gateway-url", alipay().gatewayUrl());
        String w = "resilientpay.wechat.merchants." + WECHAT_MERCHANT + ".";
        p.put(w + "mch-id", wechat().mchId());
        p.put(w + "app-id", wechat().appId());
        p.put(w + "merchant-private-key", wechat().merchantPrivateKeyPem());
        p.put(w + "merchant-serial-number", wechat().merchantSerialNumber());
        p.put(w + "api-v3-key", wechat().apiV3Key());
        p.put(w + "public-key-id", wechat().publicKeyId());
        p.put(w + "public-key", wechat().platformPublicKeyPem());
        p.put(w + "host", wechat().baseUrl());
        return p;
    }
}
