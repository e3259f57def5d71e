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
}
