package dev.resilientpay.alipay;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.resilientpay.alipay.support.GatewayStub.context;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.alipay.support.GatewayStub;
import dev.resilientpay.alipay.support.TestSigning;
import dev.resilientpay.spi.Attempt;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code pay} for every payment method against a stubbed gateway, and every way an answer can go wrong. */
class AlipayPaymentTest {

    private static final String PAY = "alipay.trade.pay";
    private static final String AUTH_CODE = "281234567890123456";
    private static final String PAID = "{\"code\":\"10000\",\"msg\":\"Success\",\"buyer_logon_id\":\"159****5620\","
            + "\"gmt_payment\":\"2026-11-22 10:32:55\",\"out_trade_no\":\"T1\",\"total_amount\":\"88.88\","
            + "\"trade_no\":\"2026112222001400001234567890\"}";

    @RegisterExtension
    static final GatewayStub gateway = new GatewayStub();
    private static final AlipayProvider provider = AlipayProvider.create(gateway.config().build());

    @Test
    void paymentCodeSuccessIsPaidWithTransactionIdAndTime() {
        gateway.answerSigned(PAY, PAID);

        Attempt<PaymentOutcome> attempt = provider.pay(codePayment(), context("T1"));

        assertThat(attempt).isEqualTo(new Attempt.Succeeded<>(new PaymentOutcome.Paid("T1",
                "2026112222001400001234567890", Money.of("88.88", "CNY"), Instant.parse("2026-11-22T02:32:55Z"))));
    }

    @Test
    void paymentCodeRequestCarriesCommonParametersInQueryAndBizContentInBody() {
        gateway.answerSigned(PAY, PAID);

        provider.pay(codePayment(), context("T1"));

        LoggedRequest request = gateway.requests().get(0);
        assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(request.getBodyAsString()).startsWith("biz_content=").doesNotContain("sign=");
        Map<String, String> query = GatewayStub.decodeForm(request.getUrl().substring(request.getUrl().indexOf('?') + 1));
        assertThat(query).containsEntry("app_id", "2021000000000000").containsEntry("method", PAY)
                .containsEntry("charset", "utf-8").containsEntry("sign_type", "RSA2").containsEntry("version", "1.0")
                .containsEntry("timestamp", "2026-11-22 10:32:50").containsEntry("notify_url", GatewayStub.NOTIFY_URL)
                .containsKey("sign").doesNotContainKey("biz_content");
        assertThat(GatewayStub.params(request).get("biz_content")).isEqualTo("{\"out_trade_no\":\"T1\","
                + "\"total_amount\":\"88.88\",\"subject\":\"咖啡 大杯\",\"scene\":\"bar_code\",\"auth_code\":\"" + AUTH_CODE + "\"}");
    }

    @Test
    void requestSignatureVerifiesWithTheAppPublicKey() {
        gateway.answerSigned(PAY, PAID);

        provider.pay(codePayment(), context("T1"));

        Map<String, String> params = GatewayStub.params(gateway.requests().get(0));
        assertThat(TestSigning.verify(TestSigning.appPublicKey(), TestSigning.canonical(params, "sign"), params.get("sign")))
                .isTrue();
    }

    @Test
    void processing10003IsPendingNotSuccess() {
        gateway.answerSigned(PAY, "{\"code\":\"10003\",\"msg\":\" order success pay inprocess\",\"out_trade_no\":\"T1\"}");

        assertThat(provider.pay(codePayment(), context("T1"))).isInstanceOf(Attempt.Pending.class);
    }

    @Test
    void serviceUnavailable20000IsUnknown() {
        gateway.answerSigned(PAY, "{\"code\":\"20000\",\"msg\":\"Service Currently Unavailable\","
                + "\"sub_code\":\"isp.unknow-error\",\"sub_msg\":\"系统繁忙\"}");

        assertUnknown(provider.pay(codePayment(), context("T1")), FailureReason.PROVIDER_UNAVAILABLE);
    }

    @Test
    void systemErrorIsUnknownSoThePipelineQueries() {
        gateway.answerSigned(PAY, "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.SYSTEM_ERROR\","
                + "\"sub_msg\":\"系统错误\"}");

        Attempt.Unknown<PaymentOutcome> unknown = assertUnknown(provider.pay(codePayment(), context("T1")),
                FailureReason.PROVIDER_UNAVAILABLE);
        assertThat(unknown.failure().providerSubCode()).isEqualTo("ACQ.SYSTEM_ERROR");
    }

    @Test
    void tradeHasSuccessIsUnknownAlreadyPaidNotAFailure() {
        gateway.answerSigned(PAY, "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.TRADE_HAS_SUCCESS\","
                + "\"sub_msg\":\"交易已被支付\"}");

        assertUnknown(provider.pay(codePayment(), context("T1")), FailureReason.ORDER_ALREADY_PAID);
    }

    @Test
    void insufficientFundsIsRejectedKeepingTheProviderCodes() {
        gateway.answerSigned(PAY, "{\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"sub_code\":\"ACQ.BUYER_BALANCE_NOT_ENOUGH\",\"sub_msg\":\"买家余额不足\"}");

        Attempt<PaymentOutcome> attempt = provider.pay(codePayment(), context("T1"));

        assertThat(attempt).isInstanceOf(Attempt.Rejected.class);
        var failure = ((Attempt.Rejected<PaymentOutcome>) attempt).failure();
        assertThat(failure.reason()).isEqualTo(FailureReason.INSUFFICIENT_FUNDS);
        assertThat(failure.providerCode()).isEqualTo("40004");
        assertThat(failure.providerSubCode()).isEqualTo("ACQ.BUYER_BALANCE_NOT_ENOUGH");
        assertThat(failure.providerMessage()).isEqualTo("Business Failed: 买家余额不足");
    }

    @Test
    void serverError5xxIsUnknown() {
        gateway.answer(PAY, aResponse().withStatus(502).withBody("bad gateway"));

        assertUnknown(provider.pay(codePayment(), context("T1")), FailureReason.PROVIDER_UNAVAILABLE);
    }

    @Test
    void connectionResetAfterSendingIsUnknown() {
        gateway.answer(PAY, aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        assertUnknown(provider.pay(codePayment(), context("T1")), FailureReason.NETWORK_ERROR);
    }

    @Test
    void answerSlowerThanTheAttemptTimeoutIsUnknownTimeout() {
        gateway.answer(PAY, aResponse().withStatus(200).withBody(TestSigning.signedResponse(PAY, PAID))
                .withFixedDelay(2_000));

        long started = System.nanoTime();
        Attempt<PaymentOutcome> attempt = provider.pay(codePayment(), context("T1", Duration.ofMillis(300)));

        assertUnknown(attempt, FailureReason.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1_500));
    }

    @Test
    void malformedBodyIsUnknown() {
        gateway.answer(PAY, "{\"alipay_trade_pay_response\":{\"code\":\"10000\"");

        assertUnknown(provider.pay(codePayment(), context("T1")), FailureReason.PROVIDER_ERROR);
    }

    @Test
    void badSignatureIsUnknownNeverPaid() {
        String tampered = TestSigning.signedResponse(PAY, PAID).replace("\"88.88\"", "\"0.01\"");
        gateway.answer(PAY, tampered);

        assertUnknown(provider.pay(codePayment(), context("T1")), FailureReason.RESPONSE_SIGNATURE_INVALID);
    }

    @Test
    void unsignedSuccessResponseIsTreatedAsForgery() {
        gateway.answer(PAY, TestSigning.unsignedResponse(PAY, PAID));

        assertUnknown(provider.pay(codePayment(), context("T1")), FailureReason.RESPONSE_SIGNATURE_INVALID);
    }

    @Test
    void duplicatedResponseNodeIsRejected() {
        String signed = TestSigning.signedResponse(PAY, PAID);
        String duplicated = signed.substring(0, signed.length() - 1)
                + ",\"alipay_trade_pay_response\":" + PAID.replace("88.88", "0.01") + "}";
        gateway.answer(PAY, duplicated);

        assertUnknown(provider.pay(codePayment(), context("T1")), FailureReason.RESPONSE_SIGNATURE_INVALID);
    }

    @Test
    void unsignedGatewayFailureToAPayKeepsItsReasonButIsNotProofOfNotCharged() {
        gateway.answer(PAY, "{\"error_response\":{\"code\":\"40002\",\"msg\":\"Invalid Arguments\","
                + "\"sub_code\":\"isv.invalid-signature\",\"sub_msg\":\"验签出错\"}}");

        Attempt<PaymentOutcome> attempt = provider.pay(codePayment(), context("T1"));

        // Issue 8, finding 10: an unsigned answer is not authenticated; the signed query decides.
        assertUnknown(attempt, FailureReason.AUTHENTICATION_FAILED);
    }

    @Test
    void unsignedBusinessFailureProvesNothing() {
        gateway.answer(PAY, TestSigning.unsignedResponse(PAY, "{\"code\":\"40004\",\"msg\":\"Business Failed\","
                + "\"sub_code\":\"ACQ.BUYER_BALANCE_NOT_ENOUGH\"}"));

        assertUnknown(provider.pay(codePayment(), context("T1")), FailureReason.RESPONSE_SIGNATURE_INVALID);
    }

    @Test
    void signedAnswerForAnotherOrderIsUnknown() {
        gateway.answerSigned(PAY, PAID.replace("\"T1\"", "\"T2\""));

        assertUnknown(provider.pay(codePayment(), context("T1")), FailureReason.PROVIDER_ERROR);
    }

    @Test
    void rateLimited429IsNotSentWithRetryAfter() {
        gateway.answer(PAY, aResponse().withStatus(429).withHeader("Retry-After", "7"));

        Attempt<PaymentOutcome> attempt = provider.pay(codePayment(), context("T1"));

        assertThat(attempt).isInstanceOf(Attempt.NotSent.class);
        Attempt.NotSent<PaymentOutcome> notSent = (Attempt.NotSent<PaymentOutcome>) attempt;
        assertThat(notSent.failure().reason()).isEqualTo(FailureReason.RATE_LIMITED);
        assertThat(notSent.retryAfter()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void refusedConnectionIsNotSent() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AlipayProvider unreachable = AlipayProvider.create(gateway.config()
                .gatewayUrl("http://127.0.0.1:" + closedPort + "/gateway.do").build());

        Attempt<PaymentOutcome> attempt = unreachable.pay(codePayment(), context("T1"));

        assertThat(attempt).isInstanceOf(Attempt.NotSent.class);
        assertThat(((Attempt.NotSent<PaymentOutcome>) attempt).failure().reason()).isEqualTo(FailureReason.NETWORK_ERROR);
    }

    @Test
    void qrCodePrecreateAwaitsThePayerWithTheQrContent() {
        gateway.answerSigned("alipay.trade.precreate", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\","
                + "\"qr_code\":\"https:\\/\\/qr.alipay.com\\/bax08431\"}");

        Attempt<PaymentOutcome> attempt = provider.pay(request(new PaymentMethod.QrCode()), context("T1"));

        assertThat(attempt).isEqualTo(new Attempt.Succeeded<>(new PaymentOutcome.AwaitingPayer("T1",
                new PayerAction.ScanQrCode("https://qr.alipay.com/bax08431"))));
    }

    @Test
    void inAppCreateSendsBuyerIdAndReturnsTradeNo() {
        gateway.answerSigned("alipay.trade.create", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\","
                + "\"trade_no\":\"2026112222001400009999\"}");

        Attempt<PaymentOutcome> attempt = provider.pay(request(new PaymentMethod.InApp("2088102000000000")), context("T1"));

        assertThat(attempt).isEqualTo(new Attempt.Succeeded<>(new PaymentOutcome.AwaitingPayer("T1",
                new PayerAction.InvokeClient(Map.of("tradeNO", "2026112222001400009999")))));
        assertThat(GatewayStub.params(gateway.requests().get(0)).get("biz_content"))
                .contains("\"buyer_id\":\"2088102000000000\"");
    }

    @Test
    void inAppWithAnOpenIdSendsBuyerOpenId() {
        gateway.answerSigned("alipay.trade.create", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\","
                + "\"trade_no\":\"2026112222001400009999\"}");

        provider.pay(request(new PaymentMethod.InApp("074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5")), context("T1"));

        assertThat(GatewayStub.params(gateway.requests().get(0)).get("biz_content"))
                .contains("\"buyer_open_id\":\"074a1CcTG1LelxKe4xQC0zgNdId0nxi95b5lsNpazWYoCo5\"");
    }

    @Test
    void webDesktopIsASignedPagePayUrlWithoutAnyHttpCall() {
        Attempt<PaymentOutcome> attempt = provider.pay(request(new PaymentMethod.Web(PaymentMethod.Web.Device.DESKTOP,
                "https://shop.example.com/done", null)), context("T1"));

        String url = ((PayerAction.OpenUrl) awaiting(attempt).action()).url();
        assertThat(url).startsWith(gateway.url() + "?");
        Map<String, String> params = GatewayStub.decodeForm(url.substring(url.indexOf('?') + 1));
        assertThat(params).containsEntry("method", "alipay.trade.page.pay")
                .containsEntry("return_url", "https://shop.example.com/done");
        assertThat(params.get("biz_content")).contains("\"product_code\":\"FAST_INSTANT_TRADE_PAY\"");
        assertThat(TestSigning.verify(TestSigning.appPublicKey(), TestSigning.canonical(params, "sign"), params.get("sign")))
                .isTrue();
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void webMobileIsASignedWapPayUrl() {
        Attempt<PaymentOutcome> attempt = provider.pay(request(new PaymentMethod.Web(PaymentMethod.Web.Device.MOBILE,
                null, null)), context("T1"));

        String url = ((PayerAction.OpenUrl) awaiting(attempt).action()).url();
        Map<String, String> params = GatewayStub.decodeForm(url.substring(url.indexOf('?') + 1));
        assertThat(params).containsEntry("method", "alipay.trade.wap.pay");
        assertThat(params.get("biz_content")).contains("\"product_code\":\"QUICK_WAP_WAY\"");
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void appPayIsASignedOrderStringWithoutAnyHttpCall() {
        Attempt<PaymentOutcome> attempt = provider.pay(request(new PaymentMethod.App()), context("T1"));

        String orderString = ((PayerAction.InvokeClient) awaiting(attempt).action()).parameters().get("orderString");
        Map<String, String> params = GatewayStub.decodeForm(orderString);
        assertThat(params).containsEntry("method", "alipay.trade.app.pay").containsEntry("notify_url", GatewayStub.NOTIFY_URL);
        assertThat(TestSigning.verify(TestSigning.appPublicKey(), TestSigning.canonical(params, "sign"), params.get("sign")))
                .isTrue();
        assertThat(gateway.requests()).isEmpty();
    }

    @Test
    void expiryBecomesTimeoutExpressAndMetadataBecomesEncodedPassbackParams() {
        gateway.answerSigned("alipay.trade.precreate", "{\"code\":\"10000\",\"msg\":\"Success\",\"out_trade_no\":\"T1\","
                + "\"qr_code\":\"https://qr.alipay.com/x\"}");
        PaymentRequest request = PaymentRequest.builder().orderId("T1").amount(Money.of("88.88", "CNY")).subject("咖啡")
                .method(new PaymentMethod.QrCode()).expiresAt(GatewayStub.CLOCK.instant().plus(Duration.ofMinutes(30)))
                .metadata("shop", "42").metadata("note", "a&b").build();

        provider.pay(request, context("T1"));

        String biz = GatewayStub.params(gateway.requests().get(0)).get("biz_content");
        assertThat(biz).contains("\"timeout_express\":\"30m\"")
                .contains("\"passback_params\":\"shop%3D42%26note%3Da%2526b\"");
    }

    @Test
    void requestNotifyUrlOverridesTheDefault() {
        gateway.answerSigned(PAY, PAID);
        PaymentRequest request = PaymentRequest.builder().orderId("T1").amount(Money.of("88.88", "CNY")).subject("咖啡 大杯")
                .method(new PaymentMethod.PaymentCode(AUTH_CODE)).notifyUrl("https://other.example.com/n").build();

        provider.pay(request, context("T1"));

        assertThat(GatewayStub.params(gateway.requests().get(0))).containsEntry("notify_url", "https://other.example.com/n");
    }

    private static PaymentOutcome.AwaitingPayer awaiting(Attempt<PaymentOutcome> attempt) {
        assertThat(attempt).isInstanceOf(Attempt.Succeeded.class);
        return (PaymentOutcome.AwaitingPayer) ((Attempt.Succeeded<PaymentOutcome>) attempt).value();
    }

    private static <T> Attempt.Unknown<T> assertUnknown(Attempt<T> attempt, FailureReason reason) {
        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        Attempt.Unknown<T> unknown = (Attempt.Unknown<T>) attempt;
        assertThat(unknown.failure().reason()).isEqualTo(reason);
        return unknown;
    }

    private static PaymentRequest codePayment() {
        return request(new PaymentMethod.PaymentCode(AUTH_CODE));
    }

    private static PaymentRequest request(PaymentMethod method) {
        return PaymentRequest.builder().orderId("T1").amount(Money.of("88.88", "CNY")).subject("咖啡 大杯").method(method).build();
    }
}
