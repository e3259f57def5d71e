package dev.resilientpay.wechat.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters a wallet client needs to start a JSAPI or APP payment, signed with the merchant key
 * (no HTTP call): JSAPI {@code paySign} over {@code appId\ntimeStamp\nnonceStr\npackage\n} with
 * {@code signType=RSA}; APP {@code sign} over {@code appid\ntimestamp\nnoncestr\nprepayid\n} with
 * {@code package=Sign=WXPay}.
 */
public final class ClientPayParameters {

    private ClientPayParameters() {}

    /** The JSAPI message that {@code paySign} signs. */
    public static String jsapiMessage(String appId, String timeStamp, String nonceStr, String pkg) {
        return appId + "\n" + timeStamp + "\n" + nonceStr + "\n" + pkg + "\n";
    }

    /** The APP message that {@code sign} signs. */
    public static String appMessage(String appId, String timestamp, String nonceStr, String prepayId) {
        return appId + "\n" + timestamp + "\n" + nonceStr + "\n" + prepayId + "\n";
    }

    /** {@code appId, timeStamp, nonceStr, package, signType, paySign} for {@code wx.requestPayment}. */
    public static Map<String, String> jsapi(WechatRequestSigner signer, String appId, String prepayId,
            long timestamp, String nonce) {
        String pkg = "prepay_id=" + prepayId;
        String ts = Long.toString(timestamp);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("appId", appId);
        out.put("timeStamp", ts);
        out.put("nonceStr", nonce);
        out.put("package", pkg);
        out.put("signType", "RSA");
        out.put("paySign", signer.signText(jsapiMessage(appId, ts, nonce, pkg)));
        return out;
    }

    /** {@code appid, partnerid, prepayid, package, noncestr, timestamp, sign} for the APP SDK. */
    public static Map<String, String> app(WechatRequestSigner signer, String appId, String mchId, String prepayId,
            long timestamp, String nonce) {
        String ts = Long.toString(timestamp);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("appid", appId);
        out.put("partnerid", mchId);
        out.put("prepayid", prepayId);
        out.put("package", "Sign=WXPay");
        out.put("noncestr", nonce);
        out.put("timestamp", ts);
        out.put("sign", signer.signText(appMessage(appId, ts, nonce, prepayId)));
        return out;
    }
}
