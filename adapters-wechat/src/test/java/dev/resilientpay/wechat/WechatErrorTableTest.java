package dev.resilientpay.wechat;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.resilientpay.wechat.support.WechatSigning.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Classification;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.wechat.support.Attempts;
import dev.resilientpay.wechat.support.GatewayTestBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The error table, row by row, as the provider applies it to signed error answers. */
class WechatErrorTableTest extends GatewayTestBase {

    private Attempt<?> answer(String operation, int status, String code) {
        String body = "{\"code\":\"" + code + "\",\"message\":\"m\"}";
        switch (operation) {
            case "native" -> {
                GATEWAY.stubFor(post("/v3/pay/transactions/native").willReturn(signed(status, body, now())));
                return provider().pay(request(new PaymentMethod.QrCode()), context());
            }
            case "codepay" -> {
                GATEWAY.stubFor(post("/v3/pay/transactions/codepay").willReturn(signed(status, body, now())));
                return provider().pay(request(new PaymentMethod.PaymentCode("134567890123456789")), context());
            }
            case "close" -> {
                GATEWAY.stubFor(post("/v3/pay/transactions/out-trade-no/" + ORDER + "/close")
                        .willReturn(signed(status, body, now())));
                return provider().close(ORDER, context());
            }
            case "refund" -> {
                GATEWAY.stubFor(post("/v3/refund/domestic/refunds").willReturn(signed(status, body, now())));
                return provider().refund(RefundRequest.builder().orderId(ORDER).refundId("R1").amount(Money.cny(1))
                        .orderAmount(Money.cny(100)).build(), context());
            }
            default -> throw new IllegalArgumentException(operation);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
    @CsvSource({
        "codepay, 202, USERPAYING,            PENDING,  ",
        "codepay, 202, USER_PAYING,           PENDING,  ",
        "native,  400, PARAM_ERROR,           DEFINITE, INVALID_REQUEST",
        "native,  400, INVALID_REQUEST,       DEFINITE, INVALID_REQUEST",
        "native,  400, APPID_MCHID_NOT_MATCH, DEFINITE, AUTHENTICATION_FAILED",
        "native,  400, MCH_NOT_EXISTS,        DEFINITE, AUTHENTICATION_FAILED",
        "native,  400, ORDER_CLOSED,          DEFINITE, ORDER_CLOSED",
        "codepay, 400, AUTH_CODE_ERROR,       DEFINITE, PAYMENT_CODE_INVALID",
        "codepay, 400, AUTH_CODE_INVALID,     DEFINITE, PAYMENT_CODE_INVALID",
        "codepay, 400, AUTHCODEEXPIRE,        DEFINITE, PAYMENT_CODE_INVALID",
        "native,  401, SIGN_ERROR,            DEFINITE, AUTHENTICATION_FAILED",
        "native,  403, NO_AUTH,               DEFINITE, PERMISSION_DENIED",
        "codepay, 403, ACCOUNT_ERROR,         DEFINITE, PAYER_ACCOUNT_RESTRICTED",
        "codepay, 403, NOT_ENOUGH,            DEFINITE, INSUFFICIENT_FUNDS",
        "codepay, 403, NOTENOUGH,             DEFINITE, INSUFFICIENT_FUNDS",
        "refund,  403, NOT_ENOUGH,            DEFINITE, MERCHANT_BALANCE_INSUFFICIENT",
        "refund,  403, NOTENOUGH,             DEFINITE, MERCHANT_BALANCE_INSUFFICIENT",
        "native,  403, OUT_TRADE_NO_USED,     DEFINITE, IDEMPOTENCY_CONFLICT",
        "codepay, 403, RULE_LIMIT,            DEFINITE, PAYMENT_DECLINED",
        "codepay, 403, TRADE_ERROR,           DEFINITE, PAYMENT_DECLINED",
        "refund,  403, USER_ACCOUNT_ABNORMAL, DEFINITE, REFUND_NOT_ALLOWED",
        "native,  400, ORDERPAID,             UNKNOWN,  ORDER_ALREADY_PAID",
        "codepay, 403, ORDER_PAID,            UNKNOWN,  ORDER_ALREADY_PAID",
        "close,   400, ORDERPAID,             DEFINITE, ORDER_ALREADY_PAID",
        "close,   400, ORDER_PAID,            DEFINITE, ORDER_ALREADY_PAID",
        "close,   404, ORDER_NOT_EXIST,       DEFINITE, ORDER_NOT_FOUND",
        "refund,  404, RESOURCE_NOT_EXISTS,   DEFINITE, ORDER_NOT_FOUND",
        "native,  429, FREQUENCY_LIMITED,     NOT_SENT, RATE_LIMITED",
        "refund,  429, RATELIMIT_EXCEEDED,    NOT_SENT, RATE_LIMITED",
        "native,  500, SYSTEM_ERROR,          UNKNOWN,  PROVIDER_UNAVAILABLE",
        "codepay, 500, BANK_ERROR,            UNKNOWN,  PROVIDER_UNAVAILABLE",
        "refund,  502, SERVICE_UNAVAILABLE,   UNKNOWN,  PROVIDER_UNAVAILABLE",
        "native,  503, SERVICE_UNAVAILABLE,   UNKNOWN,  PROVIDER_UNAVAILABLE",
        "native,  403, BRAND_NEW_CODE,        DEFINITE, PROVIDER_ERROR",
    })
    void errorAnswerIsClassifiedByTheTable(String operation, int status, String code, Classification expected,
            FailureReason reason) {
        Attempt<?> attempt = answer(operation, status, code);

        assertThat(attempt.classification()).isEqualTo(expected);
        if (expected == Classification.PENDING) {
            assertThat(reason).isNull();
            return;
        }
        assertThat(Attempts.failure(attempt).reason()).isEqualTo(reason);
        assertThat(Attempts.failure(attempt).providerCode()).isEqualTo(code);
    }
}
