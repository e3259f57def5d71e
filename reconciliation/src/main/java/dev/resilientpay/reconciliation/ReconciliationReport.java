package dev.resilientpay.reconciliation;

import dev.resilientpay.reconciliation.internal.CsvReport;
import dev.resilientpay.reconciliation.internal.JsonReport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The result of reconciling one day for one merchant: counts and totals on both sides and every
 * discrepancy with both sides' values. Immutable.
 *
 * @param provider      the provider ({@code alipay}, {@code wechat})
 * @param merchant      the merchant account
 * @param day           the bill's day, in the provider's zone
 * @param bill          what the bill holds
 * @param ledger        what the ledger holds for the same day (payments and refunds it records as done
 *                      then)
 * @param matched       bill rows that agree with the ledger
 * @param carriedOver   ledger entries paid or refunded within the cut-off tolerance before midnight and
 *                      absent from this bill: expected in the next day's bill, not discrepancies
 * @param discrepancies every difference, in key order
 */
public record ReconciliationReport(String provider, String merchant, LocalDate day, Totals bill, Totals ledger,
                                   long matched, long carriedOver, List<Discrepancy> discrepancies) {

    /** Validates and copies. */
    public ReconciliationReport {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(merchant, "merchant");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(bill, "bill");
        Objects.requireNonNull(ledger, "ledger");
        discrepancies = List.copyOf(discrepancies);
    }

    /** Whether the bill and the ledger agree completely. */
    public boolean clean() {
        return discrepancies.isEmpty();
    }

    /**
     * How many discrepancies were fixed (ledger entries brought up to date).
     *
     * @return the count of {@link Discrepancy.Resolution#FIXED}
     */
    public long fixed() {
        return discrepancies.stream().filter(d -> d.resolution() == Discrepancy.Resolution.FIXED).count();
    }

    /**
     * The discrepancies of one type.
     *
     * @param type the record class, e.g. {@code Discrepancy.AmountDiffers.class}
     * @param <D>  the type
     * @return them, in key order
     */
    public <D extends Discrepancy> List<D> discrepancies(Class<D> type) {
        return discrepancies.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * Writes the report as one JSON object (UTF-8).
     *
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    public void writeJson(OutputStream out) throws IOException {
        JsonReport.write(this, out);
    }

    /**
     * Writes the discrepancies as CSV (RFC 4180, header line first), one line per discrepancy.
     *
     * @param out where to write; not closed
     * @throws IOException if writing fails
     */
    public void writeCsv(Writer out) throws IOException {
        CsvReport.write(this, out);
    }

    @Override
    public String toString() {
        return "ReconciliationReport[" + provider + "/" + merchant + " " + day + ": bill " + bill.payments()
                + " payments/" + bill.refunds() + " refunds, ledger " + ledger.payments() + "/" + ledger.refunds()
                + ", matched " + matched + ", " + discrepancies.size() + " discrepancies (" + fixed() + " fixed)]";
    }
}
