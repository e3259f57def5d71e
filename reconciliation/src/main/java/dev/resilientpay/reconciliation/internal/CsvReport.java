package dev.resilientpay.reconciliation.internal;

import dev.resilientpay.reconciliation.Discrepancy;
import dev.resilientpay.reconciliation.ReconciliationReport;
import java.io.IOException;
import java.io.Writer;

/** Writes a report's discrepancies as RFC 4180 CSV, one line per discrepancy, header first. */
public final class CsvReport {

    /** The header line's columns. */
    public static final String HEADER = "provider,merchant,day,kind,order_id,refund_id,bill_state,bill_amount,"
            + "bill_currency,bill_transaction_id,bill_time,ledger_state,ledger_amount,ledger_currency,"
            + "ledger_transaction_id,ledger_time,resolution";

    private CsvReport() {}

    /** Writes {@code report} to {@code out} (flushed, not closed). */
    public static void write(ReconciliationReport report, Writer out) throws IOException {
        out.write(HEADER);
        out.write("\r\n");
        for (Discrepancy d : report.discrepancies()) {
            StringBuilder line = new StringBuilder(200);
            cell(line, report.provider());
            cell(line, report.merchant());
            cell(line, report.day().toString());
            cell(line, d.kind());
            cell(line, d.orderId());
            cell(line, d.refundId());
            side(line, d.bill());
            side(line, d.ledger());
            line.append(quote(d.resolution().name()));
            out.write(line.toString());
            out.write("\r\n");
        }
        out.flush();
    }

    private static void side(StringBuilder line, Discrepancy.Side side) {
        cell(line, side.state());
        cell(line, side.amount() == null ? null : side.amount().toDecimalString());
        cell(line, side.amount() == null ? null : side.amount().currencyCode());
        cell(line, side.transactionId());
        cell(line, side.time() == null ? null : side.time().toString());
    }

    private static void cell(StringBuilder line, String value) {
        line.append(quote(value)).append(',');
    }

    /** A field quoted when it holds a comma, quote or line break; a leading {@code = + - @} is prefixed with {@code '} (no spreadsheet formulas). */
    static String quote(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
