package dev.resilientpay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact, positive amount of money in the currency's minor unit (fen for CNY).
 *
 * <p>There is no {@code double} anywhere: amounts are parsed from and printed to decimal strings
 * exactly. A {@code Money} is always positive; refunds and payments of zero are not a thing either
 * gateway accepts.
 *
 * <pre>{@code
 * Money price = Money.of("88.88", "CNY");   // 8888 fen
 * Money same  = Money.ofMinor(8888, "CNY");
 * price.toDecimalString();                   // "88.88"
 * }</pre>
 *
 * @param minorUnits the amount in the currency's smallest unit, at least 1
 * @param currency   the ISO 4217 currency
 */
public record Money(long minorUnits, Currency currency) implements Comparable<Money> {

    /** The largest amount accepted: 10^14 minor units (one trillion yuan), far above any gateway's cap. */
    public static final long MAX_MINOR_UNITS = 1_000_000_000_000_00L;

    /** Validates the amount: positive, at most {@link #MAX_MINOR_UNITS}, currency with a minor unit. */
    public Money {
        Objects.requireNonNull(currency, "currency must not be null");
        if (minorUnits <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + minorUnits + " minor units");
        }
        if (minorUnits > MAX_MINOR_UNITS) {
            throw new IllegalArgumentException(
                    "amount must be at most " + MAX_MINOR_UNITS + " minor units, was " + minorUnits);
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency " + currency + " has no minor unit");
        }
    }

    /**
     * {@code minorUnits} minor units of the ISO 4217 currency {@code currencyCode}.
     *
     * @param minorUnits   the amount in the currency's smallest unit, 1 to {@link #MAX_MINOR_UNITS}
     * @param currencyCode the ISO 4217 code (three capital letters), e.g. {@code CNY}
     * @return the amount
     * @throws IllegalArgumentException naming {@code amount} or {@code currency} and the rule broken
     */
    public static Money ofMinor(long minorUnits, String currencyCode) {
        return new Money(minorUnits, currency(currencyCode));
    }

    /** {@code fen} fen of Chinese yuan (CNY). */
    public static Money cny(long fen) {
        return new Money(fen, CNY);
    }

    /**
     * The longest amount text {@link #of} reads (after surrounding whitespace is stripped): the
     * largest amount has 13 integer digits and a point and decimals, so 32 leaves room for leading
     * zeros while keeping every rejection cheap.
     */
    public static final int MAX_DECIMAL_LENGTH = 32;

    /**
     * Parses a plain decimal amount such as {@code "88.88"} exactly.
     *
     * <p>The rule, checked on the text before any number is built (so that no input can make parsing
     * slow): after surrounding whitespace is stripped, at most {@link #MAX_DECIMAL_LENGTH} characters,
     * ASCII digits only, at least one digit before an optional decimal point and at least one after it,
     * at most as many decimals as the currency has (2 for CNY, 0 for JPY); no sign, no exponent
     * ({@code 1e3}), no grouping. The value must then be positive and at most {@link #MAX_MINOR_UNITS}
     * minor units.
     *
     * @param decimal      the amount, e.g. {@code "88.88"}
     * @param currencyCode the ISO 4217 code, e.g. {@code CNY}
     * @return the amount
     * @throws IllegalArgumentException naming {@code amount} or {@code currency} and the rule broken
     */
    public static Money of(String decimal, String currencyCode) {
        Objects.requireNonNull(decimal, "amount must not be null");
        Currency currency = currency(currencyCode);
        int digits = currency.getDefaultFractionDigits();
        String text = decimal.strip();
        if (text.length() > MAX_DECIMAL_LENGTH) {
            throw new IllegalArgumentException("amount must be a plain decimal of at most " + MAX_DECIMAL_LENGTH
                    + " characters such as 88.88, was " + quote(decimal));
        }
        int point = text.indexOf('.');
        String integer = point < 0 ? text : text.substring(0, point);
        String fraction = point < 0 ? "" : text.substring(point + 1);
        if (!isAsciiDigits(integer) || (point >= 0 && !isAsciiDigits(fraction))) {
            throw new IllegalArgumentException("amount must be a plain decimal number such as 88.88 (ASCII digits,"
                    + " an optional point, no sign or exponent), was " + quote(decimal));
        }
        if (fraction.length() > digits) {
            throw new IllegalArgumentException(
                    "amount must have at most " + digits + " decimals for " + currency + ", was " + quote(decimal));
        }
        // At most 32 ASCII digits: BigDecimal is cheap and exact here.
        BigDecimal minor = new BigDecimal(integer + fraction).movePointRight(digits - fraction.length());
        if (minor.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive, was " + quote(decimal));
        }
        if (minor.compareTo(BigDecimal.valueOf(MAX_MINOR_UNITS)) > 0) {
            throw new IllegalArgumentException("amount is too large: at most " + MAX_MINOR_UNITS
                    + " minor units, was " + quote(decimal));
        }
        return new Money(minor.longValueExact(), currency);
    }

    private static boolean isAsciiDigits(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** The input for an error message: quoted, and cut short so that a huge input makes no huge message. */
    private static String quote(String input) {
        String shown = input.length() <= MAX_DECIMAL_LENGTH ? input : input.substring(0, MAX_DECIMAL_LENGTH) + "…";
        return "'" + shown + "'" + (input.length() <= MAX_DECIMAL_LENGTH ? "" : " (" + input.length() + " chars)");
    }

    /** The amount as a decimal string with exactly the currency's number of decimals ("88.80"). */
    public String toDecimalString() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()).toPlainString();
    }

    /** The ISO 4217 code, e.g. {@code CNY}. */
    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    /** Whether this amount is greater than {@code other} (same currency required). */
    public boolean isGreaterThan(Money other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot compare " + currency + " with " + other.currency);
        }
        return Long.compare(minorUnits, other.minorUnits);
    }

    @Override
    public String toString() {
        return toDecimalString() + " " + currencyCode();
    }

    private static final Currency CNY = Currency.getInstance("CNY");

    private static Currency currency(String code) {
        Objects.requireNonNull(code, "currency must not be null");
        boolean threeLetters = code.length() == 3;
        for (int i = 0; threeLetters && i < 3; i++) {
            threeLetters = code.charAt(i) >= 'A' && code.charAt(i) <= 'Z';
        }
        try {
            if (threeLetters) {
                return Currency.getInstance(code);
            }
        } catch (IllegalArgumentException e) {
            // not an ISO 4217 code: the same message as a malformed one
        }
        throw new IllegalArgumentException("currency must be an ISO 4217 code of three capital letters such as CNY,"
                + " was " + quote(code));
    }
}
