package dev.resilientpay;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target for {@link Money#of} and {@link Money#ofMinor} (issue 8, finding 9). Contract: any text
 * gives a {@code Money} that prints back to an equal {@code Money}, or an {@link IllegalArgumentException};
 * no other exception, and no input makes parsing slow (the length cap comes first). Regression inputs:
 * {@code src/test/resources/dev/resilientpay/MoneyFuzzTestInputs/}; see docs/fuzzing.md to fuzz.
 */
class MoneyFuzzTest {

    private static final String[] CURRENCIES = {"CNY", "JPY", "KWD", "USD", "XXX", "cny"};

    /**
     * Input layout (so that checked-in inputs are readable): first byte picks the currency, the rest
     * is the amount text in UTF-8, e.g. {@code "\0" + "1e999999999"} is {@code Money.of("1e999999999", "CNY")}.
     */
    @FuzzTest(maxDuration = "10m")
    void parsesOrRejectsEveryText(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String currency = CURRENCIES[(input[0] & 0xff) % CURRENCIES.length];
        String text = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        Money parsed = null;
        try {
            parsed = Money.of(text, currency);
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).hasSizeLessThan(300).containsAnyOf("amount", "currency");
        }
        if (parsed != null) {
            assertThat(parsed.minorUnits()).isBetween(1L, Money.MAX_MINOR_UNITS);
            assertThat(Money.of(parsed.toDecimalString(), parsed.currencyCode())).isEqualTo(parsed);
        }
    }

    /** {@link Money#ofMinor} with any long and any currency text: a round-tripping amount or the documented rejection. */
    @FuzzTest(maxDuration = "10m")
    void minorUnitsOrRejection(FuzzedDataProvider data) {
        long minor = data.consumeLong();
        String currency = data.consumeBoolean() ? data.pickValue(CURRENCIES) : data.consumeRemainingAsString();
        try {
            Money m = Money.ofMinor(minor, currency);
            assertThat(Money.of(m.toDecimalString(), m.currencyCode())).isEqualTo(m);
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).hasSizeLessThan(300).containsAnyOf("amount", "currency");
        }
    }
}
