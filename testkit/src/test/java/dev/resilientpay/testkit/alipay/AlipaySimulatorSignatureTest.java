package dev.resilientpay.testkit.alipay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.testkit.AlipaySimulator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The gateway's admission: request signatures, common parameters, and the signature on its answers. */
class AlipaySimulatorSignatureTest extends SimulatorTestBase {

    private static String payBiz(String orderId) {
        return "{\"out_trade_no\":\"" + orderId + "\",\"scene\":\"bar_code\",\"auth_code\":\"281234567890123456\","
                + "\"total_amount\":\"88.88\",\"subject\":\"咖啡 & 蛋糕 / 大杯\"}";
    }

    @Test
    void correctlySignedRequestIsAcceptedAndItsAnswerIsSignedOverTheRawNode() {
        GatewayTestClient.Answer answer = client.call("alipay.trade.pay", payBiz("sig_ok_1"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.code()).isEqualTo("10000");
        assertThat(answer.sign()).hasSize(344);
        assertThat(answer.signatureValid()).isTrue();
    }

    @Test
    void requestWithAlteredParameterAfterSigningIsRejectedUnsignedAsInvalidSignature() {
        Map<String, String> params = client.commonParameters("alipay.trade.pay");
        params.put("biz_content", payBiz("sig_bad_1"));
        params.put("sign", client.sign(params));
        params.put("biz_content", payBiz("sig_bad_1").replace("88.88", "0.01"));

        GatewayTestClient.Answer answer = client.send(params, Map.of(), "alipay.trade.pay");

        assertThat(answer.code()).isEqualTo("40002");
        assertThat(answer.subCode()).isEqualTo("isv.invalid-signature");
        assertThat(answer.sign()).isNull();
        assertThat(simulator.order("sig_bad_1")).isEmpty();
        assertThat(simulator.requests("sig_bad_1")).singleElement()
                .satisfies(r -> assertThat(r.processed()).isFalse());
    }

    @Test
    void requestSignedWithAnotherKeyIsRejected() {
        try (AlipaySimulator other = AlipaySimulator.builder().freshKeys().start()) {
            GatewayTestClient wrongKey = new GatewayTestClient(other, simulator.appPrivateKeyPem());

            GatewayTestClient.Answer answer = wrongKey.call("alipay.trade.pay", payBiz("sig_wrong_key"));

            assertThat(answer.subCode()).isEqualTo("isv.invalid-signature");
            assertThat(other.order("sig_wrong_key")).isEmpty();
        }
    }

    @Test
    void officialSdkSignatureOfChineseSubjectIsAccepted() {
        try (AlipaySimulator vectors = vectorSimulator()) {
            GatewayTestClient sdk = new GatewayTestClient(vectors, OfficialSdkVectors.APP_PRIVATE_KEY_PEM);
            Map<String, String> params = OfficialSdkVectors.chineseSubjectPayParams();
            params.put("sign", OfficialSdkVectors.CHINESE_SUBJECT_PAY_SIGN);

            GatewayTestClient.Answer answer = sdk.send(params, Map.of(), "alipay.trade.pay");

            assertThat(answer.code()).isEqualTo("10000");
            assertThat(vectors.order("T20231115000002")).get()
                    .satisfies(t -> assertThat(t.subject()).isEqualTo("测试商品-咖啡（大杯）"));
        }
    }

    @Test
    void officialSdkSignatureWithSpecialCharactersInBizContentIsAccepted() {
        try (AlipaySimulator vectors = vectorSimulator()) {
            GatewayTestClient sdk = new GatewayTestClient(vectors, OfficialSdkVectors.APP_PRIVATE_KEY_PEM);
            Map<String, String> params = OfficialSdkVectors.specialCharsPrecreateParams();
            params.put("sign", OfficialSdkVectors.SPECIAL_CHARS_PRECREATE_SIGN);
            String biz = params.remove("biz_content");

            GatewayTestClient.Answer answer = sdk.send(params, Map.of("biz_content", biz), "alipay.trade.precreate");

            assertThat(answer.code()).isEqualTo("10000");
        }
    }

    @Test
    void whitespaceOnlyParameterIsLeftOutOfTheStringToSignLikeTheOfficialSdk() {
        try (AlipaySimulator vectors = vectorSimulator()) {
            GatewayTestClient sdk = new GatewayTestClient(vectors, OfficialSdkVectors.APP_PRIVATE_KEY_PEM);
            Map<String, String> params = OfficialSdkVectors.whitespaceOnlyQueryParams();
            params.put("sign", OfficialSdkVectors.WHITESPACE_ONLY_QUERY_SIGN);

            GatewayTestClient.Answer answer = sdk.send(params, Map.of(), "alipay.trade.query");

            assertThat(answer.subCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
            assertThat(answer.signatureValid()).isTrue();
        }
    }

    @Test
    void commonParametersAreReadFromTheBodyAsWellAsTheQuery() {
        Map<String, String> params = client.commonParameters("alipay.trade.pay");
        params.put("biz_content", payBiz("sig_all_in_body"));
        params.put("sign", client.sign(params));

        GatewayTestClient.Answer answer = client.send(Map.of(), params, "alipay.trade.pay");

        assertThat(answer.code()).isEqualTo("10000");
    }

    @Test
    void unknownAppIdIsRejected() {
        GatewayTestClient.Answer answer = client.call("alipay.trade.pay", payBiz("sig_app"),
                p -> p.put("app_id", "2021999999999999"));

        assertThat(answer.code()).isEqualTo("40002");
        assertThat(answer.subCode()).isEqualTo("isv.invalid-app-id");
    }

    @Test
    void rsaSha1SignTypeIsRejected() {
        GatewayTestClient.Answer answer = client.call("alipay.trade.pay", payBiz("sig_rsa1"),
                p -> p.put("sign_type", "RSA"));

        assertThat(answer.subCode()).isEqualTo("isv.invalid-signature-type");
    }

    @Test
    void missingSignatureIsRejectedAsMissingArgument() {
        Map<String, String> params = client.commonParameters("alipay.trade.pay");

        GatewayTestClient.Answer answer = client.send(params, Map.of("biz_content", payBiz("sig_missing")),
                "alipay.trade.pay");

        assertThat(answer.code()).isEqualTo("40001");
        assertThat(answer.subCode()).isEqualTo("isv.missing-signature");
    }

    @Test
    void unknownMethodIsAnsweredUnderErrorResponse() {
        GatewayTestClient.Answer answer = client.call("alipay.trade.teleport", "{}");

        assertThat(answer.body()).startsWith("{\"error_response\":");
        assertThat(answer.subCode()).isEqualTo("isv.invalid-method");
    }

    @Test
    void bizContentThatIsNotJsonIsRejected() {
        GatewayTestClient.Answer answer = client.call("alipay.trade.query", "out_trade_no=1");

        assertThat(answer.code()).isEqualTo("40002");
        assertThat(answer.subCode()).isEqualTo("isv.invalid-parameter");
    }

    @Test
    void malformedTimestampIsRejected() {
        GatewayTestClient.Answer answer = client.call("alipay.trade.query", "{\"out_trade_no\":\"x\"}",
                p -> p.put("timestamp", "2026-01-15T10:00:00"));

        assertThat(answer.subCode()).isEqualTo("isv.invalid-timestamp");
    }

    @Test
    void nonAsciiRequestWithoutCharsetFailsVerificationAsTheGatewayReadsItAsGbk() {
        GatewayTestClient.Answer answer = client.call("alipay.trade.pay", payBiz("sig_charset"),
                p -> p.remove("charset"));

        assertThat(answer.subCode()).isEqualTo("isv.invalid-signature");
    }

    @Test
    void answersEscapeSlashesAndAreSignedOverTheEscapedText() {
        GatewayTestClient.Answer answer = client.call("alipay.trade.precreate",
                "{\"out_trade_no\":\"sig_qr\",\"total_amount\":\"1.00\",\"subject\":\"QR\"}");

        assertThat(answer.rawNode()).contains("\"qr_code\":\"https:\\/\\/qr.alipay.com\\/");
        assertThat(answer.signatureValid()).isTrue();
        assertThat(answer.field("qr_code")).startsWith("https://qr.alipay.com/");
    }

    @Test
    void answerCarriesTheGatewayContentType() {
        GatewayTestClient.Answer answer = client.call("alipay.trade.query", "{\"out_trade_no\":\"ct\"}");

        assertThat(answer.contentType()).isEqualTo("text/html;charset=utf-8");
    }

    @Test
    void requestsToOtherPathsAreAnswered404AndStillRecorded() {
        var response = client.post(simulator.gatewayUrl().replace("/gateway.do", "/other"), "a=b");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(simulator.requests()).hasSize(1);
    }

    @Test
    void publicKeysAreX509PemAndPrivateKeyIsPkcs8Pem() {
        assertThat(simulator.appPrivateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(simulator.alipayPublicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(simulator.alipayPublicKeyPem()).isNotEqualTo(simulator.appPublicKeyPem());
        assertThat(GatewayTestClient.publicKey(simulator.appPublicKeyPem())).isNotNull();
    }

    private static AlipaySimulator vectorSimulator() {
        return AlipaySimulator.builder().appId(OfficialSdkVectors.APP_ID)
                .appKeys(OfficialSdkVectors.APP_PRIVATE_KEY_PEM, OfficialSdkVectors.APP_PUBLIC_KEY_PEM).start();
    }

}
