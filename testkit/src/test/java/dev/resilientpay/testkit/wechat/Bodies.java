package dev.resilientpay.testkit.wechat;

import dev.resilientpay.testkit.WechatPaySimulator;

/** Request bodies for the simulator tests, written as text so each byte is under the test's control. */
final class Bodies {

    private Bodies() {}

    static String nativePrepay(WechatPaySimulator sim, String outTradeNo, long total) {
        return "{\"appid\":\"" + sim.appId() + "\",\"mchid\":\"" + sim.mchId() + "\",\"description\":\"Tea\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"notify_url\":\"https://merchant.example/notify\","
                + "\"amount\":{\"total\":" + total + ",\"currency\":\"CNY\"}}";
    }

    static String jsapiPrepay(WechatPaySimulator sim, String outTradeNo, String openId) {
        return "{\"appid\":\"" + sim.appId() + "\",\"mchid\":\"" + sim.mchId() + "\",\"description\":\"Tea\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"notify_url\":\"https://merchant.example/notify\","
                + "\"amount\":{\"total\":100}" + (openId == null ? "" : ",\"payer\":{\"openid\":\"" + openId + "\"}")
                + "}";
    }

    static String h5Prepay(WechatPaySimulator sim, String outTradeNo) {
        return "{\"appid\":\"" + sim.appId() + "\",\"mchid\":\"" + sim.mchId() + "\",\"description\":\"Tea\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"notify_url\":\"https://merchant.example/notify\","
                + "\"amount\":{\"total\":100},\"scene_info\":{\"payer_client_ip\":\"127.0.0.1\","
                + "\"h5_info\":{\"type\":\"Wap\"}}}";
    }

    static String appPrepay(WechatPaySimulator sim, String outTradeNo) {
        return "{\"appid\":\"" + sim.appId() + "\",\"mchid\":\"" + sim.mchId() + "\",\"description\":\"Tea\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"notify_url\":\"https://merchant.example/notify\","
                + "\"amount\":{\"total\":100}}";
    }

    static String codepay(WechatPaySimulator sim, String outTradeNo, String authCode, long total) {
        return "{\"appid\":\"" + sim.appId() + "\",\"mchid\":\"" + sim.mchId() + "\",\"description\":\"Tea\","
                + "\"out_trade_no\":\"" + outTradeNo + "\",\"payer\":{\"auth_code\":\"" + authCode + "\"},"
                + "\"amount\":{\"total\":" + total + ",\"currency\":\"CNY\"},"
                + "\"scene_info\":{\"store_info\":{\"out_id\":\"store-1\"},\"device_ip\":\"127.0.0.1\"}}";
    }

    static String merchantOnly(WechatPaySimulator sim) {
        return "{\"mchid\":\"" + sim.mchId() + "\"}";
    }

    static String appAndMerchant(WechatPaySimulator sim) {
        return "{\"appid\":\"" + sim.appId() + "\",\"mchid\":\"" + sim.mchId() + "\"}";
    }

    static String refund(String outTradeNo, String outRefundNo, long refund, long total) {
        return "{\"out_trade_no\":\"" + outTradeNo + "\",\"out_refund_no\":\"" + outRefundNo + "\","
                + "\"reason\":\"returned\",\"amount\":{\"refund\":" + refund + ",\"total\":" + total
                + ",\"currency\":\"CNY\"}}";
    }
}
