package dev.resilientpay.benchmarks.reconciliation;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.spi.BillAnswer;
import dev.resilientpay.spi.BillRow;
import dev.resilientpay.spi.BillRows;
import dev.resilientpay.spi.BillSource;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.NoSuchElementException;

/**
 * One merchant's synthetic day of {@code n} payments, computed rather than stored: order {@code i} is
 * {@code O<i, 9 digits>}, paid {@code (i mod 9000) + 1} fen at a time spread over the day. The bill
 * lists the orders in a scrambled order (as a real bill lists them by time, not by key), so that
 * reconciliation must sort it. Every {@value #DIFFER_EVERY}th order has another amount in the ledger.
 */
final class SyntheticDay {

    static final String PROVIDER = "alipay";
    static final String MERCHANT = "2021000000000000";
    static final LocalDate DAY = LocalDate.parse("2025-06-10");
    static final Instant DAY_START = Instant.parse("2025-06-09T16:00:00Z");
    static final int DIFFER_EVERY = 10_000;

    private final int n;
    /** A multiplier coprime with n: i -> (i * step) mod n is a permutation. */
    private final long step;

    SyntheticDay(int n) {
        this.n = n;
        long s = 7_919;
        while (gcd(s, n) != 1) {
            s += 2;
        }
        this.step = s;
    }

    int size() {
        return n;
    }

    static String orderId(long i) {
        return String.format("O%09d", i);
    }

    static Money amount(long i) {
        return Money.cny(i % 9000 + 1);
    }

    static Instant paidAt(long i, int n) {
        return DAY_START.plusMillis(3_600_000L + (i * 72_000_000L) / n); // 01:00 to 21:00 China
    }

    /** The ledger's entry of order {@code i}. */
    LedgerEntry entry(long i) {
        String id = orderId(i);
        Money amount = i % DIFFER_EVERY == 3 ? Money.cny(i % 9000 + 2) : amount(i);
        Instant at = paidAt(i, n);
        PaymentRequest request = PaymentRequest.builder().orderId(id).amount(amount(i)).subject("s")
                .method(new PaymentMethod.QrCode()).build();
        return new LedgerEntry(LedgerKey.payment(PROVIDER, MERCHANT, id), "f", request, null, LedgerState.COMPLETED,
                new PaymentOutcome.Paid(id, "T" + i, amount, at), 1, at.minusSeconds(30), at, null, null, 2);
    }

    /** The bill, rows generated as they are read. */
    BillSource bills() {
        return new BillSource() {
            @Override public String provider() { return PROVIDER; }
            @Override public String merchant() { return MERCHANT; }
            @Override public boolean refundIdsUniquePerMerchant() { return false; }
            @Override public ZoneId zone() { return ZoneId.of("Asia/Shanghai"); }

            @Override
            public BillAnswer tradeBill(LocalDate day) {
                return new BillAnswer.Ready(new BillRows() {
                    private long k;

                    @Override
                    public boolean hasNext() {
                        return k < n;
                    }

                    @Override
                    public BillRow next() {
                        if (k >= n) {
                            throw new NoSuchElementException();
                        }
                        long i = (k++ * step) % n;
                        return new BillRow(BillRow.Type.PAYMENT, orderId(i), "T" + i, null, null, amount(i),
                                paidAt(i, n), "交易");
                    }

                    @Override
                    public void close() {}
                });
            }
        };
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
