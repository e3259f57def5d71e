package dev.resilientpay.examples.chaos;

import dev.resilientpay.FailureReason;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.RefundOutcome;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;

/** Prints the demo's table (one column per provider) and its reconciliation lines. */
final class ChaosReport {

    private static final String ROW = "%-44s";
    private static final String CELL = "%20s";

    private final PrintStream out;
    private final List<ProviderRun> runs;

    ChaosReport(PrintStream out, List<ProviderRun> runs) {
        this.out = out;
        this.runs = runs;
    }

    void print(double wallSeconds) {
        header();
        row("orders", r -> r.results().size());
        row("  payment code / QR / refund", r -> count(r, o -> o.order().kind() == Workload.Kind.PAYMENT_CODE)
                + " / " + count(r, o -> o.order().kind() == Workload.Kind.QR)
                + " / " + count(r, o -> o.order().kind() == Workload.Kind.REFUND));
        row("paid", r -> count(r, o -> o.outcome() instanceof PaymentOutcome.Paid));
        for (FailureReason reason : failureReasons()) {
            row("failed: " + reason, r -> count(r, o -> o.outcome() instanceof PaymentOutcome.Failed f
                    && f.failure().reason() == reason));
        }
        row("awaiting payer (never paid)", r -> count(r, o -> o.outcome() instanceof PaymentOutcome.AwaitingPayer));
        row("in doubt", r -> count(r, o -> o.outcome() instanceof PaymentOutcome.InDoubt));
        row("  in doubt when first answered (resolved)", r -> count(r, o -> o.first() instanceof PaymentOutcome.InDoubt));
        row("refunds: done / processing / failed / doubt", r ->
                count(r, o -> o.refund() instanceof RefundOutcome.Refunded)
                + " / " + count(r, o -> o.refund() instanceof RefundOutcome.Processing)
                + " / " + count(r, o -> o.refund() instanceof RefundOutcome.Failed)
                + " / " + count(r, o -> o.refund() instanceof RefundOutcome.InDoubt));
        row("requests sent (attempts, queries, cancels)", r -> r.stats().sent());
        row("attempts refused (breaker open)", r -> r.stats().refused());
        row("polls", r -> r.stats().polls());
        row("retries", r -> r.stats().retries());
        row("cancels (orders reversed)", r -> r.stats().cancels());
        row("breaker opened", r -> r.stats().breakerOpenings());
        row("faults injected by the gateway", ProviderRun::faultsInjected);
        row("latency p50 / p99, payment code pay", r -> latency(r, Workload.Kind.PAYMENT_CODE));
        row("latency p50 / p99, QR create", r -> latency(r, Workload.Kind.QR));
        out.println();
        int lost = 0;
        int twice = 0;
        long unrequested = 0;
        int orders = 0;
        for (ProviderRun run : runs) {
            Reconciliation rec = run.reconciliation();
            out.printf("reconciliation %-7s %d orders vs the simulator's ledger: lost %d (charged, client says not paid %d;"
                            + " paid, not charged %d; amounts differ %d), charged twice %d,"
                            + " requests the client did not decide to send %d (gateway received %d, client sent %d)%n",
                    run.name() + ":", rec.orders(), rec.lost(), rec.chargedNotPaid(), rec.paidNotCharged(),
                    rec.amountsDiffer(), rec.chargedTwice(), rec.unrequested(), rec.gatewayRequests(),
                    rec.clientRequests());
            for (String example : rec.examples()) {
                out.println("    difference: " + example);
            }
            lost += rec.lost();
            twice += rec.chargedTwice();
            unrequested += rec.unrequested();
            orders += rec.orders();
        }
        boolean clean = lost == 0 && twice == 0 && unrequested == 0;
        out.printf("%s %d orders: lost = %d, charged twice = %d, requests the client did not decide to send = %d"
                        + "  (wall time %.1f s)%n",
                clean ? "RECONCILED" : "DIFFERENCES FOUND in", orders, lost, twice, unrequested, wallSeconds);
    }

    private void header() {
        StringBuilder line = new StringBuilder(String.format(ROW, ""));
        for (ProviderRun run : runs) {
            line.append(String.format(CELL, run.name()));
        }
        out.println(line);
        out.println("-".repeat(line.length()));
    }

    private void row(String label, Function<ProviderRun, Object> value) {
        StringBuilder line = new StringBuilder(String.format(ROW, label));
        for (ProviderRun run : runs) {
            line.append(String.format(CELL, value.apply(run)));
        }
        out.println(line);
    }

    private List<FailureReason> failureReasons() {
        Map<String, FailureReason> reasons = new TreeMap<>();
        for (ProviderRun run : runs) {
            for (OrderResult result : run.results()) {
                if (result.outcome() instanceof PaymentOutcome.Failed failed) {
                    reasons.put(failed.failure().reason().name(), failed.failure().reason());
                }
            }
        }
        return new ArrayList<>(reasons.values());
    }

    private static long count(ProviderRun run, Predicate<OrderResult> test) {
        return run.results().stream().filter(test).count();
    }

    private static String latency(ProviderRun run, Workload.Kind kind) {
        long[] nanos = run.results().stream().filter(r -> r.order().kind() == kind)
                .mapToLong(OrderResult::payNanos).sorted().toArray();
        if (nanos.length == 0) {
            return "-";
        }
        return millis(percentile(nanos, 50)) + " / " + millis(percentile(nanos, 99)) + " ms";
    }

    private static long percentile(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static long millis(long nanos) {
        return Math.round(nanos / 1e6);
    }
}
