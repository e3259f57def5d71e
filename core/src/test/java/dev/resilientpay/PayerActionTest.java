package dev.resilientpay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 8, finding 10: secrets stay out of {@code toString()} of what the payer is asked to do. */
class PayerActionTest {

    private static final String SIGNATURE =
            "Qm9ndXNTaWduYXR1cmVWYWx1ZUZvclRlc3RzT25seQ+/xyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdef==";

    @Test
    void jsapiPaySignIsAbbreviated() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("appId", "wxd678efh567hg6787");
        params.put("package", "prepay_id=wx201410272009395522657a690389285100");
        params.put("signType", "RSA");
        params.put("paySign", SIGNATURE);
        PayerAction action = new PayerAction.InvokeClient(params);

        assertThat(action.toString()).doesNotContain(SIGNATURE)
                .contains("paySign=" + dev.resilientpay.spi.Redaction.abbreviate(SIGNATURE))
                .contains("prepay_id=wx201410272009395522657a690389285100");
        assertThat(((PayerAction.InvokeClient) action).parameters()).containsEntry("paySign", SIGNATURE);
    }

    @Test
    void appSignIsAbbreviated() {
        PayerAction action = new PayerAction.InvokeClient(Map.of("prepayid", "wx2014", "package", "Sign=WXPay",
                "sign", SIGNATURE));

        assertThat(action.toString()).doesNotContain(SIGNATURE).contains("package=Sign=WXPay");
    }

    @Test
    void alipayOrderStringIsPrintedAsItsLengthOnly() {
        String encoded = URLEncoder.encode(SIGNATURE, StandardCharsets.UTF_8);
        String orderString = "app_id=2021000000000000&biz_content=%7B%7D&method=alipay.trade.app.pay&sign=" + encoded
                + "&sign_type=RSA2&timestamp=2026-12-02+00%3A00%3A00&version=1.0";
        PayerAction action = new PayerAction.InvokeClient(Map.of("orderString", orderString));

        assertThat(action.toString()).doesNotContain(encoded).doesNotContain(SIGNATURE)
                .contains("orderString=(signed query string, " + orderString.length() + " chars)");
    }

    @Test
    void signedUrlIsPrintedWithoutItsQuery() {
        String encoded = URLEncoder.encode(SIGNATURE, StandardCharsets.UTF_8);
        String url = "https://openapi.alipay.com/gateway.do?app_id=2021&method=alipay.trade.page.pay&sign=" + encoded;
        PayerAction action = new PayerAction.OpenUrl(url);

        assertThat(action.toString()).doesNotContain(encoded).doesNotContain(SIGNATURE)
                .contains("https://openapi.alipay.com/gateway.do?(query of ");
        assertThat(((PayerAction.OpenUrl) action).url()).isEqualTo(url);
    }

    @Test
    void qrCodeWithoutQueryIsPrintedWhole() {
        assertThat(new PayerAction.ScanQrCode("https://qr.alipay.com/bax03431ljhokirwl38f00a7").toString())
                .contains("https://qr.alipay.com/bax03431ljhokirwl38f00a7");
        assertThat(new PayerAction.ScanQrCode("weixin://wxpay/bizpayurl?pr=abc123XYZ").toString())
                .doesNotContain("abc123XYZ").contains("weixin://wxpay/bizpayurl?(query of 12 chars)");
    }

    @Test
    void awaitingPayerToStringCarriesTheRedaction() {
        String encoded = URLEncoder.encode(SIGNATURE, StandardCharsets.UTF_8);
        PaymentOutcome awaiting = new PaymentOutcome.AwaitingPayer("order-1",
                new PayerAction.OpenUrl("https://openapi.alipay.com/gateway.do?sign=" + encoded));
        PaymentOutcome app = new PaymentOutcome.AwaitingPayer("order-2",
                new PayerAction.InvokeClient(Map.of("paySign", SIGNATURE)));

        assertThat(awaiting.toString()).contains("order-1").doesNotContain(encoded).doesNotContain(SIGNATURE);
        assertThat(app.toString()).contains("order-2").doesNotContain(SIGNATURE);
    }
}
