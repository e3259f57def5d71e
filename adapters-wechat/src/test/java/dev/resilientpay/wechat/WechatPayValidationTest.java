package dev.resilientpay.wechat;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.wechat.support.MutableClock;
import dev.resilientpay.wechat.support.Vectors;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** WeChat Pay's rules on requests, enforced before anything is sent. */
class WechatPayValidationTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2023-11-15T00:00:00Z"));
    private final WechatPayProvider provider = WechatPayProvider.create(Vectors.publicKeyConfig()
            .notifyUrl("https://shop.example.com/notify").clock(clock).build());

    private static PaymentRequest.Builder request() {
        return PaymentRequest.builder().orderId("ORDER_0001").amount(Money.cny(100)).subject("tea")
                .method(new PaymentMethod.QrCode());
    }

    private void rejects(PaymentRequest.Builder request, String... parts) {
        assertThatThrownBy(() -> provider.validate(request.build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(parts);
    }

    @Test
    void validRequestPasses() {
        assertThatCode(() -> provider.validate(request().expiresAt(clock.instant().plus(Duration.ofHours(2)))
                .metadata("attach", "x").build())).doesNotThrowAnyException();
    }

    @Test
    void orderIdShorterThanSixIsRejected() {
        rejects(request().orderId("A1234"), "orderId", "6 to 32", "out_trade_no");
    }

    @Test
    void orderIdLongerThanThirtyTwoIsRejected() {
        rejects(request().orderId("A".repeat(33)), "orderId", "6 to 32");
    }

    @Test
    void descriptionLongerThan127IsRejected() {
        rejects(request().subject("x".repeat(128)), "subject", "127", "description");
    }

    @Test
    void attachLongerThan128IsRejected() {
        rejects(request().metadata("attach", "x".repeat(129)), "metadata", "128", "attach");
    }

    @Test
    void expiryLessThanAMinuteAheadIsRejected() {
        rejects(request().expiresAt(clock.instant().plusSeconds(59)), "expiresAt", "1 minute", "time_expire");
    }

    @Test
    void expiryBeyondNinetyDaysIsRejected() {
        rejects(request().expiresAt(clock.instant().plus(Duration.ofDays(91))), "expiresAt", "90 days");
    }

    @Test
    void currencyOtherThanCnyIsRejected() {
        rejects(request().amount(Money.ofMinor(100, "USD")), "amount", "CNY");
    }

    @Test
    void amountBeyondAnIntOfFenIsRejected() {
        rejects(request().amount(Money.cny(Integer.MAX_VALUE + 1L)), "amount", "fen");
    }

    @Test
    void desktopWebIsRejectedPointingToQrCode() {
        rejects(request().method(new PaymentMethod.Web(PaymentMethod.Web.Device.DESKTOP, null, "1.2.3.4")),
                "Web(DESKTOP)", "use QrCode");
    }

    @Test
    void mobileWebWithoutPayerIpIsRejected() {
        rejects(request().method(new PaymentMethod.Web(PaymentMethod.Web.Device.MOBILE, null, null)),
                "payerClientIp");
    }

    @Test
    void notifyUrlWithAQueryIsRejected() {
        rejects(request().notifyUrl("https://shop.example.com/notify?x=1"), "notifyUrl", "query");
    }

    @Test
    void plainHttpNotifyUrlIsRejected() {
        rejects(request().notifyUrl("http://shop.example.com/notify"), "notifyUrl", "https");
    }

    @Test
    void refundInAnotherCurrencyIsRejected() {
        assertThatThrownBy(() -> provider.validate(RefundRequest.builder().orderId("ORDER_0001").refundId("R1")
                .amount(Money.ofMinor(1, "USD")).orderAmount(Money.ofMinor(1, "USD")).build()))
                .hasMessageContainingAll("amount", "CNY");
    }

    @Test
    void wechatPaymentCodePasses() {
        assertThatCode(() -> provider.validate(request().method(new PaymentMethod.PaymentCode("100000000000000000"))
                .build())).doesNotThrowAnyException();
        assertThatCode(() -> provider.validate(request().method(new PaymentMethod.PaymentCode("159999999999999999"))
                .build())).doesNotThrowAnyException();
    }

    @Test
    void alipayPaymentCodeIsRejectedNamingTheFieldTheRuleAndTheWallet() {
        rejects(request().method(new PaymentMethod.PaymentCode("281234567890123456")),
                "authCode", "18 digits starting 10 to 15", "payer.auth_code", "Alipay payment code");
    }

    @Test
    void paymentCodeOfTheWrongLengthOrPrefixIsRejected() {
        rejects(request().method(new PaymentMethod.PaymentCode("13456789012345678")), "authCode", "18 digits");
        rejects(request().method(new PaymentMethod.PaymentCode("1345678901234567890")), "authCode", "18 digits");
        rejects(request().method(new PaymentMethod.PaymentCode("160000000000000000")), "authCode", "10 to 15");
        rejects(request().method(new PaymentMethod.PaymentCode("13456789012345678a")), "authCode", "18 digits");
    }
}
