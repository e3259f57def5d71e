package dev.resilientpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PaymentCodesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "2500000000000000",              // 16 digits, lowest prefix
            "281234567890123456",            // 18 digits, the common length
            "300000000000000000000000",      // 24 digits, highest prefix
            "291234567890123456789",         // 21 digits
            "fp0123456789abcdefghijABCDEFGHIJ012"}) // face pay: fp + 33
    void alipayCodesAreAlipays(String code) {
        assertThat(PaymentCodes.providerOf(code)).isEqualTo(PaymentCodes.Wallet.ALIPAY);
        assertThat(PaymentCodes.isAlipay(code)).isTrue();
        assertThat(PaymentCodes.isWechat(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"100000000000000000", "134567890123456789", "159999999999999999"})
    void wechatCodesAreWechats(String code) {
        assertThat(PaymentCodes.providerOf(code)).isEqualTo(PaymentCodes.Wallet.WECHAT);
        assertThat(PaymentCodes.isWechat(code)).isTrue();
        assertThat(PaymentCodes.isAlipay(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "250000000000000",               // Alipay prefix, 15 digits: one short
            "2800000000000000000000000",     // Alipay prefix, 25 digits: one too many
            "240000000000000000",            // 24: below Alipay's range
            "310000000000000000",            // 31: above it
            "13456789012345678",             // WeChat prefix, 17 digits
            "1345678901234567890",           // WeChat prefix, 19 digits
            "160000000000000000",            // 16: above WeChat's range
            "090000000000000000",            // 09: below it
            "62000000000000000000",          // UnionPay's 62 prefix is neither
            "28123456789012345a",            // a letter among the digits
            "1345678901234567 9",            // a space
            "１３4567890123456789",           // full-width digits are not ASCII digits
            "fp0123456789abcdefghijABCDEFGHIJ01",   // face pay one short
            "FP0123456789abcdefghijABCDEFGHIJ012",  // face pay prefix is lower case
            ""})
    void codesOfNeitherFormatAreRejectedNamingTheFieldAndBothRules(String code) {
        assertThat(PaymentCodes.isAlipay(code)).isFalse();
        assertThat(PaymentCodes.isWechat(code)).isFalse();
        assertThatThrownBy(() -> PaymentCodes.providerOf(code))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authCode")
                .hasMessageContaining("16 to 24 digits starting 25 to 30")
                .hasMessageContaining("18 digits starting 10 to 15");
    }

    @Test
    void rejectionDoesNotRepeatTheCode() {
        String code = "9912345678901234567";

        assertThatThrownBy(() -> PaymentCodes.providerOf(code))
                .hasMessageNotContaining(code)
                .hasMessageContaining("19 characters starting '99'");
    }

    @Test
    void nullIsRejectedNamingTheField() {
        assertThatThrownBy(() -> PaymentCodes.providerOf(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("authCode must not be null");
        assertThat(PaymentCodes.isAlipay(null)).isFalse();
        assertThat(PaymentCodes.isWechat(null)).isFalse();
    }

    @Test
    void walletsNameTheirProviderAdapters() {
        assertThat(PaymentCodes.Wallet.ALIPAY.providerName()).isEqualTo("alipay");
        assertThat(PaymentCodes.Wallet.WECHAT.providerName()).isEqualTo("wechat");
    }
}
