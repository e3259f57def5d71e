package dev.resilientpay.wechat.safety;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static dev.resilientpay.wechat.support.WechatSigning.signed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.wechat.support.GatewayTestBase;
import org.junit.jupiter.api.Test;

/**
 * Issue 8, finding 3: a codepay answer that says SUCCESS for another amount (or currency, or no amount)
 * is not proof that this request was paid: {@code Unknown}, the pipeline queries and compares again.
 */
class WechatCodepayAmountMismatchTest extends GatewayTestBase {

    private static String paid(String amount) {
        return "{\"appid\":\"wxd678efh567hg6787\",\"mchid\":\"1900000109\",\"out_trade_no\":\"" + ORDER + "\","
                + "\"transaction_id\":\"4200002023111500000000000001\",\"trade_type\":\"MICROPAY\","
                + "\"trade_state\":\"SUCCESS\",\"success_time\":\"2023-11-15T06:13:25+08:00\"" + amount + "}";
    }

    private Attempt<PaymentOutcome> codepayAnswered(String body) {
        GATEWAY.stubFor(post("/v3/pay/transactions/codepay").willReturn(signed(200, body, now())));
        return provider().pay(request(new PaymentMethod.PaymentCode("134567890123456789")), context());
    }

    @Test
    void codepayPaidWithAnotherAmountIsUnknown() {
        Attempt<PaymentOutcome> attempt = codepayAnswered(paid(",\"amount\":{\"total\":1,\"currency\":\"CNY\"}"));

        assertThat(attempt).isInstanceOf(Attempt.Unknown.class);
        var failure = ((Attempt.Unknown<PaymentOutcome>) attempt).failure();
        assertThat(failure.reason()).isEqualTo(FailureReason.PROVIDER_ERROR);
        assertThat(failure.providerMessage()).contains("0.01").contains("1.00");
    }

    @Test
    void codepayPaidInAnotherCurrencyIsUnknown() {
        assertThat(codepayAnswered(paid(",\"amount\":{\"total\":100,\"currency\":\"USD\"}")))
                .isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void codepayPaidWithoutAnAmountIsUnknown() {
        assertThat(codepayAnswered(paid(""))).isInstanceOf(Attempt.Unknown.class);
    }

    @Test
    void codepayPaidWithTheRequestedAmountIsPaid() {
        Attempt<PaymentOutcome> attempt = codepayAnswered(paid(",\"amount\":{\"total\":100,\"currency\":\"CNY\"}"));

        assertThat(((PaymentOutcome.Paid) ((Attempt.Succeeded<PaymentOutcome>) attempt).value()).amount())
                .isEqualTo(Money.cny(100));
    }

    /** Core compares the query's amount with the ledger's: the query result must carry it. */
    @Test
    void queryCarriesTheAmountAndCurrencyForCoreToCompare() {
        GATEWAY.stubFor(get("/v3/pay/transactions/out-trade-no/" + ORDER + "?mchid=1900000109")
                .willReturn(signed(200, paid(",\"amount\":{\"total\":8888,\"currency\":\"CNY\"}"), now())));

        TradeStatus status = ((Attempt.Succeeded<TradeStatus>) provider().query(ORDER, context())).value();

        assertThat(status.amount()).isEqualTo(Money.cny(8888));
    }
}
