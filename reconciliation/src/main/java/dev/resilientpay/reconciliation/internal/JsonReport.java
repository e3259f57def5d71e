package dev.resilientpay.reconciliation.internal;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.resilientpay.reconciliation.Discrepancy;
import dev.resilientpay.reconciliation.ReconciliationReport;
import dev.resilientpay.reconciliation.Totals;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Writes a report as one JSON object with Jackson's streaming generator (amounts as decimal strings). */
public final class JsonReport {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonReport() {}

    /** Writes {@code report} to {@code out} (UTF-8; {@code out} is flushed, not closed). */
    public static void write(ReconciliationReport report, OutputStream out) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
            json.writeStartObject();
            json.writeStringField("provider", report.provider());
            json.writeStringField("merchant", report.merchant());
            json.writeStringField("day", report.day().toString());
            totals(json, "bill", report.bill());
            totals(json, "ledger", report.ledger());
            json.writeNumberField("matched", report.matched());
            json.writeNumberField("carriedOver", report.carriedOver());
            json.writeNumberField("fixed", report.fixed());
            json.writeArrayFieldStart("discrepancies");
            for (Discrepancy d : report.discrepancies()) {
                json.writeStartObject();
                json.writeStringField("kind", d.kind());
                json.writeStringField("orderId", d.orderId());
                if (d.refundId() != null) {
                    json.writeStringField("refundId", d.refundId());
                }
                side(json, "bill", d.bill());
                side(json, "ledger", d.ledger());
                json.writeStringField("resolution", d.resolution().name());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        out.flush();
    }

    private static void totals(JsonGenerator json, String name, Totals totals) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeNumberField("payments", totals.payments());
        json.writeNumberField("refunds", totals.refunds());
        json.writeNumberField("reversals", totals.reversals());
        sums(json, "paid", totals.paid());
        sums(json, "refunded", totals.refunded());
        json.writeEndObject();
    }

    private static void sums(JsonGenerator json, String name, Map<String, Long> sums) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> e : sums.entrySet()) {
            json.writeStringField(e.getKey(), Totals.decimal(e.getValue(), e.getKey()));
        }
        json.writeEndObject();
    }

    private static void side(JsonGenerator json, String name, Discrepancy.Side side) throws IOException {
        json.writeObjectFieldStart(name);
        json.writeStringField("state", side.state());
        if (side.amount() != null) {
            json.writeStringField("amount", side.amount().toDecimalString());
            json.writeStringField("currency", side.amount().currencyCode());
        }
        if (side.transactionId() != null) {
            json.writeStringField("transactionId", side.transactionId());
        }
        if (side.time() != null) {
            json.writeStringField("time", side.time().toString());
        }
        json.writeEndObject();
    }
}
