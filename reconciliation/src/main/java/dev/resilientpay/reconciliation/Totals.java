package dev.resilientpay.reconciliation;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Counts and sums of one side (bill or ledger) for one day. Sums are per currency, in minor units.
 *
 * @param payments  payments counted
 * @param refunds   refunds counted
 * @param reversals payments reversed (bill only; 0 on the ledger side)
 * @param paid      sum of payments per ISO 4217 currency, in minor units
 * @param refunded  sum of refunds per currency, in minor units
 */
public record Totals(long payments, long refunds, long reversals, Map<String, Long> paid, Map<String, Long> refunded) {

    /** Copies the maps (sorted by currency). */
    public Totals {
        paid = Map.copyOf(new TreeMap<>(Objects.requireNonNull(paid, "paid")));
        refunded = Map.copyOf(new TreeMap<>(Objects.requireNonNull(refunded, "refunded")));
    }

    /**
     * A sum as a decimal string with the currency's decimals ({@code "88.80"}), {@code "0"} when none.
     *
     * @param minorUnits the sum
     * @param currency   the ISO 4217 code
     * @return the decimal text
     */
    public static String decimal(long minorUnits, String currency) {
        return BigDecimal.valueOf(minorUnits, Currency.getInstance(currency).getDefaultFractionDigits()).toPlainString();
    }

    /** Mutable counterpart used while reconciling. */
    static final class Counter {
        long payments;
        long refunds;
        long reversals;
        final Map<String, Long> paid = new TreeMap<>();
        final Map<String, Long> refunded = new TreeMap<>();

        void payment(dev.resilientpay.Money amount) {
            payments++;
            paid.merge(amount.currencyCode(), amount.minorUnits(), Long::sum);
        }

        void refund(dev.resilientpay.Money amount) {
            refunds++;
            refunded.merge(amount.currencyCode(), amount.minorUnits(), Long::sum);
        }

        Totals freeze() {
            return new Totals(payments, refunds, reversals, paid, refunded);
        }
    }
}
