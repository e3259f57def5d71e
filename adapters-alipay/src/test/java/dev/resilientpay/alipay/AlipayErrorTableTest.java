package dev.resilientpay.alipay;

import static dev.resilientpay.alipay.support.GatewayStub.context;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.alipay.internal.AlipayErrorTable;
import dev.resilientpay.alipay.support.GatewayStub;
import dev.resilientpay.spi.Attempt;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every code and sub-code of the protocol notes, row by row, through a real (stubbed) exchange: the
 * attempt's variant, the reason and the raw codes kept. The expectations are written here, not read
 * from the table, so that a wrong row fails.
 */
class AlipayErrorTableTest {

    @RegisterExtension
    static final GatewayStub gateway = new GatewayStub();
    private static final AlipayProvider provider = AlipayProvider.create(gateway.config().build());

    @ParameterizedTest(name = "{0} {1} -> {3} {2}")
    @CsvSource(nullValues = "-", textBlock = """
            10003, -,                                     -,                              PENDING
            20000, isp.unknow-error,                      PROVIDER_UNAVAILABLE,           UNKNOWN
            20000, aop.unknow-error,                      PROVIDER_UNAVAILABLE,           UNKNOWN
            20000, -,                                     PROVIDER_UNAVAILABLE,           UNKNOWN
            20001, aop.invalid-auth-token,                AUTHENTICATION_FAILED,          REJECTED
            20001, aop.invalid-app-auth-token,            AUTHENTICATION_FAILED,          REJECTED
            20001, -,                                     AUTHENTICATION_FAILED,          REJECTED
            40001, isv.missing-signature,                 INVALID_REQUEST,                REJECTED
            40001, -,                                     INVALID_REQUEST,                REJECTED
            40002, isv.invalid-signature,                 AUTHENTICATION_FAILED,          REJECTED
            40002, isv.invalid-app-id,                    AUTHENTICATION_FAILED,          REJECTED
            40002, isv.invalid-timestamp,                 INVALID_REQUEST,                REJECTED
            40002, -,                                     INVALID_REQUEST,                REJECTED
            40003, -,                                     PERMISSION_DENIED,              REJECTED
            40006, isv.insufficient-isv-permissions,      PERMISSION_DENIED,              REJECTED
            40006, -,                                     PERMISSION_DENIED,              REJECTED
            40004, ACQ.SYSTEM_ERROR,                      PROVIDER_UNAVAILABLE,           UNKNOWN
            40004, AQC.SYSTEM_ERROR,                      PROVIDER_UNAVAILABLE,           UNKNOWN
            40004, ACQ.TRADE_HAS_SUCCESS,                 ORDER_ALREADY_PAID,             UNKNOWN
            40004, ACQ.TRADE_HAS_CLOSE,                   ORDER_CLOSED,                   REJECTED
            40004, ACQ.CONTEXT_INCONSISTENT,              IDEMPOTENCY_CONFLICT,           REJECTED
            40004, ACQ.TRADE_BUYER_NOT_MATCH,             IDEMPOTENCY_CONFLICT,           REJECTED
            40004, ACQ.PAYMENT_AUTH_CODE_INVALID,         PAYMENT_CODE_INVALID,           REJECTED
            40004, ACQ.BUYER_BALANCE_NOT_ENOUGH,          INSUFFICIENT_FUNDS,             REJECTED
            40004, ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH, INSUFFICIENT_FUNDS,             REJECTED
            40004, ACQ.PAYMENT_FAIL,                      PAYMENT_DECLINED,               REJECTED
            40004, ACQ.INVALID_PARAMETER,                 INVALID_REQUEST,                REJECTED
            40004, ACQ.TOTAL_FEE_EXCEED,                  INVALID_REQUEST,                REJECTED
            40004, ACQ.ACCESS_FORBIDDEN,                  PERMISSION_DENIED,              REJECTED
            40004, ACQ.PARTNER_ERROR,                     PERMISSION_DENIED,              REJECTED
            40004, ACQ.EXIST_FORBIDDEN_WORD,              INVALID_REQUEST,                REJECTED
            40004, ACQ.BUYER_SELLER_EQUAL,                INVALID_REQUEST,                REJECTED
            40004, ACQ.SELLER_BEEN_BLOCKED,               PERMISSION_DENIED,              REJECTED
            40004, ACQ.BEYOND_PAY_RESTRICTION,            PAYER_ACCOUNT_RESTRICTED,       REJECTED
            40004, ACQ.BEYOND_PER_RECEIPT_RESTRICTION,    PAYER_ACCOUNT_RESTRICTED,       REJECTED
            40004, ACQ.TRADE_NOT_EXIST,                   ORDER_NOT_FOUND,                REJECTED
            40004, ACQ.TRADE_STATUS_ERROR,                INVALID_REQUEST,                REJECTED
            40004, ACQ.TRADE_CANCEL_TIME_OUT,             INVALID_REQUEST,                REJECTED
            40004, ACQ.SELLER_BALANCE_NOT_ENOUGH,         MERCHANT_BALANCE_INSUFFICIENT,  REJECTED
            40004, ACQ.REASON_TRADE_BEEN_FREEZEN,         REFUND_NOT_ALLOWED,             REJECTED
            40004, ACQ.CANCEL_NOT_ALLOWED,                INVALID_REQUEST,                REJECTED
            40004, ACQ.TRADE_HAS_FINISHED,                REFUND_NOT_ALLOWED,             REJECTED
            40004, ACQ.REFUND_AMT_NOT_EQUAL_TOTAL,        REFUND_AMOUNT_EXCEEDED,         REJECTED
            40004, ACQ.DISCORDANT_REPEAT_REQUEST,         IDEMPOTENCY_CONFLICT,           REJECTED
            40004, ACQ.TRADE_NOT_ALLOW_REFUND,            REFUND_NOT_ALLOWED,             REJECTED
            40004, ACQ.NOT_ALLOW_PARTIAL_REFUND,          REFUND_NOT_ALLOWED,             REJECTED
            40004, ACQ.SOMETHING_NEW,                     PROVIDER_ERROR,                 REJECTED
            40004, -,                                     PROVIDER_ERROR,                 REJECTED
            99999, weird.code,                            PROVIDER_ERROR,                 UNKNOWN
            """)
    void answerIsClassifiedByTheTable(String code, String subCode, FailureReason reason, String variant) {
        String sub = subCode == null ? "" : ",\"sub_code\":\"" + subCode + "\",\"sub_msg\":\"说明\"";
        gateway.answerSigned("alipay.trade.pay", "{\"code\":\"" + code + "\",\"msg\":\"m\"" + sub + "}");

        Attempt<PaymentOutcome> attempt = provider.pay(PaymentRequest.builder().orderId("T1")
                .amount(Money.of("1.00", "CNY")).subject("s").method(new PaymentMethod.PaymentCode("281234567890123456"))
                .build(), context("T1"));

        Failure failure = switch (variant) {
            case "PENDING" -> {
                assertThat(attempt).isInstanceOf(Attempt.Pending.class);
                yield null;
            }
            case "UNKNOWN" -> {
                assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
                yield ((Attempt.Unknown<PaymentOutcome>) attempt).failure();
            }
            default -> {
                assertThat(attempt).isInstanceOf(Attempt.Rejected.class);
                yield ((Attempt.Rejected<PaymentOutcome>) attempt).failure();
            }
        };
        if (failure != null) {
            assertThat(failure.reason()).isEqualTo(reason);
            assertThat(failure.providerCode()).isEqualTo(code);
            assertThat(failure.providerSubCode()).isEqualTo(subCode);
        }
    }

    @Test
    void everyExactRowOfTheTableIsListedAbove() {
        Set<String> exactRows = AlipayErrorTable.rows().stream()
                .filter(r -> r.subCode() == null || !r.subCode().endsWith("*"))
                .map(r -> r.code() + "/" + r.subCode())
                .collect(Collectors.toSet());
        Set<String> listed = Set.of(
                "10003/null", "20000/isp.unknow-error", "20000/aop.unknow-error", "20000/null",
                "20001/aop.invalid-auth-token", "20001/aop.invalid-app-auth-token", "20001/null", "40001/null",
                "40002/isv.invalid-signature", "40002/isv.invalid-app-id", "40002/isv.invalid-timestamp", "40002/null",
                "40003/null", "40006/isv.insufficient-isv-permissions", "40006/null", "40004/ACQ.SYSTEM_ERROR",
                "40004/AQC.SYSTEM_ERROR", "40004/ACQ.TRADE_HAS_SUCCESS", "40004/ACQ.TRADE_HAS_CLOSE",
                "40004/ACQ.CONTEXT_INCONSISTENT", "40004/ACQ.TRADE_BUYER_NOT_MATCH", "40004/ACQ.PAYMENT_AUTH_CODE_INVALID",
                "40004/ACQ.BUYER_BALANCE_NOT_ENOUGH", "40004/ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH", "40004/ACQ.PAYMENT_FAIL",
                "40004/ACQ.INVALID_PARAMETER", "40004/ACQ.TOTAL_FEE_EXCEED", "40004/ACQ.ACCESS_FORBIDDEN",
                "40004/ACQ.PARTNER_ERROR", "40004/ACQ.EXIST_FORBIDDEN_WORD", "40004/ACQ.BUYER_SELLER_EQUAL",
                "40004/ACQ.SELLER_BEEN_BLOCKED", "40004/ACQ.TRADE_NOT_EXIST", "40004/ACQ.TRADE_STATUS_ERROR",
                "40004/ACQ.TRADE_CANCEL_TIME_OUT", "40004/ACQ.SELLER_BALANCE_NOT_ENOUGH",
                "40004/ACQ.REASON_TRADE_BEEN_FREEZEN", "40004/ACQ.CANCEL_NOT_ALLOWED", "40004/ACQ.TRADE_HAS_FINISHED",
                "40004/ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "40004/ACQ.DISCORDANT_REPEAT_REQUEST",
                "40004/ACQ.TRADE_NOT_ALLOW_REFUND", "40004/ACQ.NOT_ALLOW_PARTIAL_REFUND", "40004/null");
        assertThat(listed).containsAll(exactRows);
    }
}
