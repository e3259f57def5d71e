package dev.resilientpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void rejectsNegativeAmounts() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("-1.00", "CNY")).withMessageContaining("amount");
        assertThatIllegalArgumentException().isThrownBy(() -> Money.cny(-5)).withMessageContaining("positive");
    }

    @Test
    void rejectsZero() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("0.00", "CNY")).withMessageContaining("positive");
        assertThatIllegalArgumentException().isThrownBy(() -> Money.cny(0)).withMessageContaining("positive");
    }

    @Test
    void rejectsMoreDecimalsThanTheCurrencyHas() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1.001", "CNY"))
                .withMessageContaining("at most 2 decimals");
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1.5", "JPY"))
                .withMessageContaining("at most 0 decimals");
    }

    @Test
    void rejectsAmountsBeyondTheMaximum() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("99999999999999999999.99", "CNY"))
                .withMessageContaining("too large");
        assertThatIllegalArgumentException().isThrownBy(() -> Money.cny(Money.MAX_MINOR_UNITS + 1))
                .withMessageContaining("at most");
    }

    @Test
    void parsesAndPrintsDecimalsExactly() {
        Money money = Money.of("88.80", "CNY");
        assertThat(money.minorUnits()).isEqualTo(8880);
        assertThat(money.toDecimalString()).isEqualTo("88.80");
        assertThat(Money.of("0.01", "CNY")).isEqualTo(Money.cny(1));
    }

    // Issue 8, finding 9: "1e10000000" took 13.7 s and "1e999999999" threw ArithmeticException.

    @Test
    void hugeExponentIsRejectedByThePlainDecimalRule() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1e10000000", "CNY"))
                .withMessageContaining("amount must be a plain decimal");
    }

    @Test
    void exponentBeyondIntRangeIsAnIllegalArgumentNotAnArithmeticException() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1e999999999", "CNY"))
                .withMessageContaining("amount must be a plain decimal");
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1E-999999999", "CNY"))
                .withMessageContaining("amount must be a plain decimal");
    }

    @Test
    void signsExponentsAndGroupingAreNotPlainDecimals() {
        for (String text : new String[] {"+1.00", "1e2", "1E2", "0x10", "1,000.00", "1_000", "1.", ".5", "1..0",
                "NaN", "Infinity", "", "   ", "1 000"}) {
            assertThatIllegalArgumentException().as(text).isThrownBy(() -> Money.of(text, "CNY"))
                    .withMessageContaining("amount must be a plain decimal");
        }
    }

    @Test
    void nonAsciiDigitsAreRejected() {
        // BigDecimal reads any Unicode digit: "١٢" (Arabic-Indic) would have been 12 yuan.
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("\u0661\u0662", "CNY"))
                .withMessageContaining("ASCII digits");
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("\uFF11.00", "CNY"))
                .withMessageContaining("ASCII digits");
    }

    @Test
    void decimalsBeyondTheCurrencysAreRejectedEvenWhenZero() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1.000", "CNY"))
                .withMessageContaining("at most 2 decimals");
    }

    @Test
    void textLongerThanTheLimitIsRejectedWithAShortMessage() {
        String mebibyte = "1".repeat(1 << 20);
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of(mebibyte, "CNY"))
                .withMessageContaining("at most " + Money.MAX_DECIMAL_LENGTH + " characters")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).contains("1048576 chars"));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("0".repeat(40) + "1.00", "CNY"))
                .withMessageContaining("at most " + Money.MAX_DECIMAL_LENGTH + " characters");
    }

    @Test
    void surroundingWhitespaceAndLeadingZerosAreAccepted() {
        assertThat(Money.of(" 88.88\n", "CNY")).isEqualTo(Money.cny(8888));
        assertThat(Money.of("00088.8", "CNY")).isEqualTo(Money.cny(8880));
        assertThat(Money.of("1000000000000.00", "CNY")).isEqualTo(Money.cny(Money.MAX_MINOR_UNITS));
        assertThat(Money.of("12", "JPY").minorUnits()).isEqualTo(12);
    }

    @Test
    void currencyMustBeThreeCapitalLettersOfAnIsoCode() {
        for (String code : new String[] {"cny", "CN", "CNYY", "ZZZ", "", "C\u00d1Y"}) {
            assertThatIllegalArgumentException().as(code).isThrownBy(() -> Money.of("1.00", code))
                    .withMessageContaining("currency must be an ISO 4217 code");
            assertThatIllegalArgumentException().as(code).isThrownBy(() -> Money.ofMinor(100, code))
                    .withMessageContaining("currency must be an ISO 4217 code");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> Money.ofMinor(100, "C".repeat(1 << 20)))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200));
    }

    @Test
    void currencyWithoutMinorUnitIsRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.ofMinor(1, "XXX"))
                .withMessageContaining("has no minor unit");
    }
}
