package dev.resilientpay.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.resilientpay.wechat.support.WechatSigning.signed;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.resilientpay.CloseOutcome;
import dev.resilientpay.FailureReason;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.Money;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.RsaSha256;
import dev.resilientpay.wechat.internal.ClientPayParameters;
import dev.resilientpay.wechat.support.GatewayTestBase;
import dev.resilientpay.wechat.support.Vectors;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each operation's success path against a signed WireMock gateway. */
class WechatPayOperationsTest extends GatewayTestBase {

    private static final String TRANSACTION_PAID = "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900000109\","
            + "\"out_trade_no\":\"ORDER_20231115_0001\",\"transaction_id\":\"4200002023111500000000000001\","
            + "\"trade_type\":\"MICROPAY\",\"trade_state\":\"SUCCESS\",\"trade_state_desc\":\"支付成功\","
            + "\"success_time\":\"2023-11-15T06:13:25+08:00\",\"amount\":{\"total\":100,\"currency\":\"CNY\"}}";

    private LoggedRequest onlyRequest() {
        List<LoggedRequest> all = GATEWAY.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        assertThat(all).hasSize(1);
        assertSignedByMerchant(all.get(0));
        return all.get(0);
    }

    @Test
    void nativePrepayShowsTheQrCode() {
        GATEWAY.stubFor(post("/v3/pay/transactions/native")
                .willReturn(signed(200, "{\"code_url\":\"weixin://wxpay/bizpayurl?pr=p4lpSuKzz\"}", now())));

        Attempt<PaymentOutcome> attempt = provider().pay(request(new PaymentMethod.QrCode()), context());

        assertThat(attempt).isEqualTo(new Attempt.Succeeded<>(new PaymentOutcome.AwaitingPayer(ORDER,
                new PayerAction.ScanQrCode("weixin://wxpay/bizpayurl?pr=p4lpSuKzz"))));
        LoggedRequest sent = onlyRequest();
        assertThat(sent.getHeader("Wechatpay-Serial")).isEqualTo(Vectors.PUBLIC_KEY_ID);
        assertThat(sent.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(sent.getBodyAsString()).isEqualTo("{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900000109\","
                + "\"description\":\"Image形象店-深圳腾大-QQ公仔\",\"out_trade_no\":\"ORDER_20231115_0001\","
                + "\"notify_url\":\"https://shop.example.com/wechat/notify\",\"amount\":{\"total\":100,"
                + "\"currency\":\"CNY\"}}");
    }

    @Test
    void prepaySendsTimeExpireInChinaTimeAndMetadataAsAttach() {
        GATEWAY.stubFor(post("/v3/pay/transactions/native")
                .willReturn(signed(200, "{\"code_url\":\"weixin://x\"}", now())));
        var request = dev.resilientpay.PaymentRequest.builder().orderId(ORDER).amount(Money.cny(100)).subject("s")
                .method(new PaymentMethod.QrCode()).expiresAt(Instant.parse("2023-11-15T10:00:00Z"))
                .metadata("attach", "自定义数据").build();

        provider().pay(request, context());

        assertThat(onlyRequest().getBodyAsString())
                .contains("\"time_expire\":\"2023-11-15T18:00:00+08:00\"")
                .contains("\"attach\":\"自定义数据\"");
    }

    @Test
    void jsapiPrepayReturnsClientParametersSignedWithTheMerchantKey() {
        GATEWAY.stubFor(post("/v3/pay/transactions/jsapi")
                .withRequestBody(matchingJsonPath("$.payer.openid", equalTo("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")))
                .willReturn(signed(200, "{\"prepay_id\":\"wx201410272009395522657a690389285100\"}", now())));

        Attempt<PaymentOutcome> attempt = provider().pay(
                request(new PaymentMethod.InApp("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o")), context());

        var awaiting = (PaymentOutcome.AwaitingPayer) ((Attempt.Succeeded<PaymentOutcome>) attempt).value();
        Map<String, String> p = ((PayerAction.InvokeClient) awaiting.action()).parameters();
        assertThat(p).containsOnlyKeys("appId", "timeStamp", "nonceStr", "package", "signType", "paySign")
                .containsEntry("appId", Vectors.APP_ID)
                .containsEntry("timeStamp", Long.toString(now()))
                .containsEntry("package", "prepay_id=wx201410272009395522657a690389285100")
                .containsEntry("signType", "RSA");
        assertThat(RsaSha256.verifier(Vectors.merchantPublicKey()).verify(ClientPayParameters.jsapiMessage(
                p.get("appId"), p.get("timeStamp"), p.get("nonceStr"), p.get("package")), p.get("paySign"))).isTrue();
        onlyRequest();
    }

    @Test
    void appPrepayReturnsClientParametersSignedWithTheMerchantKey() {
        GATEWAY.stubFor(post("/v3/pay/transactions/app")
                .willReturn(signed(200, "{\"prepay_id\":\"wx150613225209847e7a4b30c5d1b7b40000\"}", now())));

        Attempt<PaymentOutcome> attempt = provider().pay(request(new PaymentMethod.App()), context());

        var awaiting = (PaymentOutcome.AwaitingPayer) ((Attempt.Succeeded<PaymentOutcome>) attempt).value();
        Map<String, String> p = ((PayerAction.InvokeClient) awaiting.action()).parameters();
        assertThat(p).containsEntry("appid", Vectors.APP_ID).containsEntry("partnerid", Vectors.MCH_ID)
                .containsEntry("prepayid", "wx150613225209847e7a4b30c5d1b7b40000")
                .containsEntry("package", "Sign=WXPay");
        assertThat(RsaSha256.verifier(Vectors.merchantPublicKey()).verify(ClientPayParameters.appMessage(
                p.get("appid"), p.get("timestamp"), p.get("noncestr"), p.get("prepayid")), p.get("sign"))).isTrue();
        onlyRequest();
    }

    @Test
    void h5PrepayOpensTheUrlAndSendsTheSceneInfo() {
        GATEWAY.stubFor(post("/v3/pay/transactions/h5")
                .withRequestBody(matchingJsonPath("$.scene_info.h5_info.type", equalTo("Wap")))
                .withRequestBody(matchingJsonPath("$.scene_info.payer_client_ip", equalTo("14.23.150.211")))
                .willReturn(signed(200, "{\"h5_url\":\"https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?x=1\"}",
                        now())));

        Attempt<PaymentOutcome> attempt = provider().pay(request(
                new PaymentMethod.Web(PaymentMethod.Web.Device.MOBILE, null, "14.23.150.211")), context());

        assertThat(attempt).isEqualTo(new Attempt.Succeeded<>(new PaymentOutcome.AwaitingPayer(ORDER,
                new PayerAction.OpenUrl("https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?x=1"))));
        onlyRequest();
    }

    @Test
    void codepayPaidAtOnceIsPaid() {
        GATEWAY.stubFor(post("/v3/pay/transactions/codepay")
                .withRequestBody(matchingJsonPath("$.payer.auth_code", equalTo("134567890123456789")))
                .willReturn(signed(200, TRANSACTION_PAID, now())));

        Attempt<PaymentOutcome> attempt = provider().pay(request(new PaymentMethod.PaymentCode("134567890123456789")),
                context());

        assertThat(attempt).isEqualTo(new Attempt.Succeeded<>(new PaymentOutcome.Paid(ORDER,
                "4200002023111500000000000001", Money.cny(100), Instant.parse("2023-11-14T22:13:25Z"))));
        onlyRequest();
    }

    @Test
    void codepayWithThePayerConfirmingIsPending() {
        GATEWAY.stubFor(post("/v3/pay/transactions/codepay")
                .willReturn(signed(202, "{\"code\":\"USERPAYING\",\"message\":\"需要用户输入支付密码\"}", now())));

        Attempt<PaymentOutcome> attempt = provider().pay(request(new PaymentMethod.PaymentCode("134567890123456789")),
                context());

        assertThat(attempt).isInstanceOf(Attempt.Pending.class);
    }

    @Test
    void reverseClosesThePaymentCodeOrderWithOneRequestAndLeavesTheRefundQuestionToThePipeline() {
        GATEWAY.stubFor(post("/v3/pay/transactions/out-trade-no/ORDER_20231115_0001/reverse")
                .withRequestBody(equalToJson("{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900000109\"}"))
                .willReturn(signed(200, "{}", now())));

        assertThat(provider().cancel(ORDER, context()))
                .isEqualTo(new Attempt.Succeeded<>(new CloseOutcome.Closed(ORDER, false)));
        assertThat(provider().cancelReportsRefund()).isFalse();
        List<LoggedRequest> sent = GATEWAY.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        assertThat(sent).extracting(r -> r.getMethod().getName()).containsExactly("POST");
        sent.forEach(GatewayTestBase::assertSignedByMerchant);
    }

    @Test
    void queryReturnsTheTransaction() {
        GATEWAY.stubFor(get("/v3/pay/transactions/out-trade-no/ORDER_20231115_0001?mchid=1900000109")
                .willReturn(signed(200, TRANSACTION_PAID, now())));

        Attempt<TradeStatus> attempt = provider().query(ORDER, context());

        assertThat(attempt).isEqualTo(new Attempt.Succeeded<>(new TradeStatus(ORDER, TradeState.PAID,
                "4200002023111500000000000001", Money.cny(100), Instant.parse("2023-11-14T22:13:25Z"), "SUCCESS")));
        assertThat(onlyRequest().getBody()).isEmpty();
    }

    @Test
    void queryPercentEncodesTheOrderIdAndSignsTheEncodedPath() {
        GATEWAY.stubFor(get(urlEqualTo("/v3/pay/transactions/out-trade-no/ORDER%7C2023%2A1115?mchid=1900000109"))
                .willReturn(signed(200, TRANSACTION_PAID.replace(ORDER, "ORDER|2023*1115"), now())));

        Attempt<TradeStatus> attempt = provider().query("ORDER|2023*1115", context());

        assertThat(((Attempt.Succeeded<TradeStatus>) attempt).value().orderId()).isEqualTo("ORDER|2023*1115");
        onlyRequest();
    }

    @Test
    void queryOfAnOrderWechatDoesNotKnowIsNotFound() {
        GATEWAY.stubFor(get("/v3/pay/transactions/out-trade-no/ORDER_20231115_0001?mchid=1900000109")
                .willReturn(signed(404, "{\"code\":\"ORDER_NOT_EXIST\",\"message\":\"订单不存在\"}", now())));

        assertThat(provider().query(ORDER, context()))
                .isEqualTo(new Attempt.Succeeded<>(TradeStatus.notFound(ORDER)));
    }

    @Test
    void unknownTradeStateIsKeptAsAnExplicitUnknown() {
        GATEWAY.stubFor(get("/v3/pay/transactions/out-trade-no/ORDER_20231115_0001?mchid=1900000109")
                .willReturn(signed(200, TRANSACTION_PAID.replace("\"SUCCESS\"", "\"FROZEN_NEW_STATE\""), now())));

        TradeStatus status = ((Attempt.Succeeded<TradeStatus>) provider().query(ORDER, context())).value();

        assertThat(status.state()).isEqualTo(TradeState.UNKNOWN);
        assertThat(status.rawState()).isEqualTo("FROZEN_NEW_STATE");
    }

    @Test
    void queryAnsweredForAnotherOrderIsNotTrusted() {
        GATEWAY.stubFor(get("/v3/pay/transactions/out-trade-no/ORDER_20231115_0001?mchid=1900000109")
                .willReturn(signed(200, TRANSACTION_PAID.replace(ORDER, "ORDER_OTHER"), now())));

        assertThat(provider().query(ORDER, context())).isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void queryByTransactionIdReturnsTheMerchantOrder() {
        GATEWAY.stubFor(get("/v3/pay/transactions/id/4200002023111500000000000001?mchid=1900000109")
                .willReturn(signed(200, TRANSACTION_PAID, now())));

        Attempt<TradeStatus> attempt = provider().queryByTransactionId("4200002023111500000000000001", context());

        assertThat(((Attempt.Succeeded<TradeStatus>) attempt).value().orderId()).isEqualTo(ORDER);
        onlyRequest();
    }

    @Test
    void closeAnsweredWith204IsClosed() {
        GATEWAY.stubFor(post("/v3/pay/transactions/out-trade-no/ORDER_20231115_0001/close")
                .withRequestBody(equalToJson("{\"mchid\":\"1900000109\"}"))
                .willReturn(signed(204, "", now())));

        assertThat(provider().close(ORDER, context()))
                .isEqualTo(new Attempt.Succeeded<>(new CloseOutcome.Closed(ORDER, false)));
        onlyRequest();
    }

    @Test
    void closeOfAPaidOrderIsADefiniteRefusal() {
        GATEWAY.stubFor(post("/v3/pay/transactions/out-trade-no/ORDER_20231115_0001/close")
                .willReturn(signed(400, "{\"code\":\"ORDERPAID\",\"message\":\"订单已支付\"}", now())));

        Attempt<CloseOutcome.Closed> attempt = provider().close(ORDER, context());

        assertThat(((Attempt.Rejected<CloseOutcome.Closed>) attempt).failure().reason())
                .isEqualTo(FailureReason.ORDER_ALREADY_PAID);
    }

    @Test
    void refundAcceptedIsProcessing() {
        GATEWAY.stubFor(post("/v3/refund/domestic/refunds")
                .withRequestBody(equalToJson("{\"out_trade_no\":\"ORDER_20231115_0001\",\"out_refund_no\":"
                        + "\"REFUND_20231115_0001\",\"reason\":\"商品已售完\",\"amount\":{\"refund\":60,\"total\":100,"
                        + "\"currency\":\"CNY\"}}"))
                .willReturn(signed(200, "{\"out_refund_no\":\"REFUND_20231115_0001\",\"out_trade_no\":"
                        + "\"ORDER_20231115_0001\",\"refund_id\":\"50000000382019052709732678859\",\"status\":"
                        + "\"PROCESSING\",\"amount\":{\"refund\":60,\"total\":100,\"currency\":\"CNY\"}}", now())));
        RefundRequest refund = RefundRequest.builder().orderId(ORDER).refundId("REFUND_20231115_0001")
                .amount(Money.cny(60)).orderAmount(Money.cny(100)).reason("商品已售完").build();

        Attempt<RefundStatus> attempt = provider().refund(refund, context());

        assertThat(attempt).isEqualTo(new Attempt.Succeeded<>(new RefundStatus(ORDER, "REFUND_20231115_0001",
                "50000000382019052709732678859", Money.cny(60), RefundState.PROCESSING, null, "PROCESSING")));
        onlyRequest();
    }

    @Test
    void refundQueryReturnsTheRefund() {
        GATEWAY.stubFor(get("/v3/refund/domestic/refunds/REFUND_20231115_0001")
                .willReturn(signed(200, "{\"out_refund_no\":\"REFUND_20231115_0001\",\"out_trade_no\":"
                        + "\"ORDER_20231115_0001\",\"status\":\"SUCCESS\",\"success_time\":"
                        + "\"2023-11-15T07:00:05+08:00\",\"amount\":{\"refund\":100,\"total\":100}}", now())));

        RefundStatus status = ((Attempt.Succeeded<RefundStatus>) provider().queryRefund(ORDER, "REFUND_20231115_0001",
                context())).value();

        assertThat(status.state()).isEqualTo(RefundState.SUCCEEDED);
        assertThat(status.amount()).isEqualTo(Money.cny(100));
        assertThat(status.refundedAt()).isEqualTo(Instant.parse("2023-11-14T23:00:05Z"));
        onlyRequest();
    }

    @Test
    void refundQueryOfAnUnknownRefundIsNotFound() {
        GATEWAY.stubFor(get("/v3/refund/domestic/refunds/REFUND_20231115_0001")
                .willReturn(signed(404, "{\"code\":\"RESOURCE_NOT_EXISTS\",\"message\":\"退款单不存在\"}", now())));

        RefundStatus status = ((Attempt.Succeeded<RefundStatus>) provider().queryRefund(ORDER, "REFUND_20231115_0001",
                context())).value();

        assertThat(status.state()).isEqualTo(RefundState.NOT_FOUND);
    }

    @Test
    void unknownRefundStatusIsKeptAsAnExplicitUnknown() {
        GATEWAY.stubFor(get("/v3/refund/domestic/refunds/REFUND_20231115_0001")
                .willReturn(signed(200, "{\"out_refund_no\":\"REFUND_20231115_0001\",\"status\":\"REVIEWING\"}",
                        now())));

        RefundStatus status = ((Attempt.Succeeded<RefundStatus>) provider().queryRefund(ORDER, "REFUND_20231115_0001",
                context())).value();

        assertThat(status.state()).isEqualTo(RefundState.UNKNOWN);
        assertThat(status.rawState()).isEqualTo("REVIEWING");
    }

    @Test
    void everyPrepayIsSentOnceWithTheSameBody() {
        GATEWAY.stubFor(post("/v3/pay/transactions/native").willReturn(signed(200, "{\"code_url\":\"weixin://x\"}",
                now())));
        WechatPayProvider provider = provider();

        provider.pay(request(new PaymentMethod.QrCode()), context());
        provider.pay(request(new PaymentMethod.QrCode()), context());

        List<LoggedRequest> sent = GATEWAY.findAll(postRequestedFor(urlEqualTo("/v3/pay/transactions/native")));
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).getBodyAsString()).isEqualTo(sent.get(1).getBodyAsString());
        assertThat(authorization(sent.get(0)).get("nonce_str")).isNotEqualTo(authorization(sent.get(1)).get("nonce_str"));
    }
}
