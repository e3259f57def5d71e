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

    /**
     * Validates the amount: positive, at most {@link #MAX_MINOR_UNITS}, currency with a minor unit.
     *
     * @param currency the ISO 4217 currency
     * @param minorUnits the amount in the currency's smallest unit, at least 1
     */
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
     * {@code amount} minor units of the ISO 4217 currency {@code currencyCode}.
     *
     * @param currencyCode the ISO 4217 currency code, e.g. {@code CNY}
     * @param minorUnits the amount in the currency's smallest unit, at least 1
     * @return {@code amount} minor units of the ISO 4217 currency {@code currencyCode}
     */
    public static Money ofMinor(long minorUnits, String currencyCode) {
        return new Money(minorUnits, currency(currencyCode));
    }

    /**
     * {@code fen} fen of Chinese yuan (CNY).
     *
     * @param fen the amount in fen
     * @return {@code fen} fen of Chinese yuan (CNY)
     */
    public static Money cny(long fen) {
        return new Money(fen, CNY);
    }

    /**
     * Parses a decimal amount such as {@code "88.88"} exactly.
     *
     * @param currencyCode the ISO 4217 currency code, e.g. {@code CNY}
     * @param decimal the amount in major units, e.g. {@code "88.88"}
     * @return the amount in minor units
     * @throws IllegalArgumentException if the text is not a plain decimal number, has more decimals
     *     than the currency allows, is not positive or is too large
     */
    public static Money of(String decimal, String currencyCode) {
        Objects.requireNonNull(decimal, "amount must not be null");
        Currency currency = currency(currencyCode);
        BigDecimal value;
        try {
            value = new BigDecimal(decimal.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("amount must be a decimal number such as 88.88, was '" + decimal + "'");
        }
        int digits = currency.getDefaultFractionDigits();
        if (value.stripTrailingZeros().scale() > digits) {
            throw new IllegalArgumentException(
                    "amount must have at most " + digits + " decimals for " + currency + ", was '" + decimal + "'");
        }
        BigDecimal minor = value.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY);
        if (minor.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive, was '" + decimal + "'");
        }
        if (minor.compareTo(BigDecimal.valueOf(MAX_MINOR_UNITS)) > 0) {
            throw new IllegalArgumentException("amount is too large: '" + decimal + "'");
        }
        return new Money(minor.longValueExact(), currency);
    }

    /** {@return the amount as a decimal string with exactly the currency's number of decimals ("88.80")} */
    public String toDecimalString() {
        return BigDecimal.valueOf(minorUnits, currency.getDefaultFractionDigits()).toPlainString();
    }

    /** {@return the ISO 4217 code, e.g. {@code CNY}} */
    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    /**
     * Whether this amount is greater than {@code other} (same currency required).
     *
     * @param other an amount in the same currency
     * @return whether this amount is greater than {@code other} (same currency required)
     */
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
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as CNY, was '" + code + "'");
        }
    }
}
