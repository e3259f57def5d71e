package dev.resilientpay.reconciliation;

import dev.resilientpay.Money;
import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.QueryResult;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.reconciliation.Discrepancy.Resolution;
import dev.resilientpay.reconciliation.Discrepancy.Side;
import dev.resilientpay.reconciliation.internal.KeyedRow;
import dev.resilientpay.reconciliation.internal.LedgerCursor;
import dev.resilientpay.reconciliation.internal.SortedBill;
import dev.resilientpay.spi.BillRow;
import dev.resilientpay.spi.BillRows;
import dev.resilientpay.spi.BillSource;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One reconciliation run: the merge of the sorted bill with the ledger cursor, the per-key comparison
 * and the fixes. Memory: the sort's chunk, one ledger page, the rows of one key, and the discrepancies
 * found (which grow with what is wrong, not with the bill).
 */
final class DayComparison {

    private static final Logger log = LoggerFactory.getLogger(DayComparison.class);

    private final BillSource bills;
    private final PaymentLedger ledger;
    private final PaymentClient client;
    private final ReconciliationListener listener;
    private final LocalDate day;
    private final Instant dayStart;
    private final Instant dayEnd;
    private final Duration tolerance;
    private final Duration lookback;
    private final int rowsInMemory;
    private final int page;
    private final Path spillDirectory;
    private final Totals.Counter billTotals = new Totals.Counter();
    private final Totals.Counter ledgerTotals = new Totals.Counter();
    private final List<Discrepancy> discrepancies = new ArrayList<>();
    private long matched;
    private long carriedOver;
    private int fixesLeft;

    DayComparison(BillSource bills, PaymentLedger ledger, PaymentClient client, ReconciliationListener listener,
                  LocalDate day, Duration tolerance, Duration lookback, int rowsInMemory, int maxFixes, int page, Path spillDirectory) {
        this.bills = bills;
        this.ledger = ledger;
        this.client = client;
        this.listener = listener;
        this.day = day;
        this.dayStart = day.atStartOfDay(bills.zone()).toInstant();
        this.dayEnd = day.plusDays(1).atStartOfDay(bills.zone()).toInstant();
        this.tolerance = tolerance;
        this.lookback = lookback;
        this.rowsInMemory = rowsInMemory;
        this.page = page;
        this.fixesLeft = maxFixes;
        this.spillDirectory = spillDirectory;
    }

    ReconciliationReport run(BillRows rows) {
        String provider = bills.provider();
        String merchant = bills.merchant();
        boolean merchantScoped = bills.refundIdsUniquePerMerchant();
        try (SortedBill sorted = SortedBill.sort(rows, row -> KeyedRow.of(row, provider, merchant, merchantScoped),
                rowsInMemory, spillDirectory)) {
            LedgerCursor cursor = new LedgerCursor(ledger, provider, merchant, dayStart.minus(lookback),
                    dayEnd.plus(tolerance), page);
            List<BillRow> group = new ArrayList<>(2);
            while (sorted.peek() != null || cursor.peek() != null) {
                KeyedRow b = sorted.peek();
                LedgerEntry l = cursor.peek();
                int order = b == null ? 1 : l == null ? -1 : b.key().compareTo(l.key().id());
                if (order > 0) {
                    ledgerOnly(l);
                    cursor.advance();
                    continue;
                }
                String key = b.key();
                group.clear();
                while (sorted.peek() != null && sorted.peek().key().equals(key)) {
                    group.add(sorted.next().row());
                }
                LedgerEntry entry;
                if (order == 0) {
                    entry = l;
                    cursor.advance();
                } else {
                    entry = ledger.find(new LedgerKey(provider, merchant, key)).orElse(null);
                }
                countLedger(entry);
                compare(group, entry);
            }
        }
        return new ReconciliationReport(bills.provider(), bills.merchant(), day, billTotals.freeze(),
                ledgerTotals.freeze(), matched, carriedOver, discrepancies);
    }

    // ------------------------------------------------------------------ both sides

    private void compare(List<BillRow> rows, LedgerEntry entry) {
        BillRow first = rows.get(0);
        for (BillRow row : rows) {
            switch (row.type()) {
                case PAYMENT -> billTotals.payment(row.amount());
                case REFUND -> billTotals.refund(row.amount());
                case REVERSAL -> billTotals.reversals++;
            }
        }
        if (first.type() == BillRow.Type.REFUND) {
            compareRefund(first, entry);
        } else {
            boolean reversed = rows.stream().anyMatch(r -> r.type() == BillRow.Type.REVERSAL);
            comparePayment(first, reversed, entry);
        }
    }

    private void comparePayment(BillRow row, boolean reversed, LedgerEntry entry) {
        String orderId = row.orderId();
        Side bill = new Side(reversed ? "REVERSAL" : "PAYMENT", row.amount(), row.transactionId(), row.time());
        Side ledgerSide = side(entry);
        Outcome outcome = entry == null ? null : entry.outcome();
        boolean ledgerPaid = entry != null && entry.state() == LedgerState.COMPLETED && outcome instanceof PaymentOutcome.Paid;
        if (reversed) {
            if (ledgerPaid || entry == null) {
                add(new Discrepancy.StatusDiffers(orderId, bill, ledgerSide, Resolution.REPORTED));
            } else {
                matched++;
            }
            return;
        }
        if (ledgerPaid) {
            if (sameMoney(row.amount(), ((PaymentOutcome.Paid) outcome).amount())) {
                matched++;
            } else {
                add(new Discrepancy.AmountDiffers(orderId, bill, ledgerSide, Resolution.REPORTED));
            }
            return;
        }
        Resolution resolution = fixPayment(orderId, row.amount(), entry != null);
        if (entry != null && entry.state() == LedgerState.COMPLETED && outcome instanceof PaymentOutcome.Failed) {
            add(new Discrepancy.StatusDiffers(orderId, bill, ledgerSide, resolution));
        } else {
            add(new Discrepancy.PaidNotRecorded(orderId, bill, ledgerSide, resolution));
        }
    }

    private void compareRefund(BillRow row, LedgerEntry entry) {
        Side bill = new Side("REFUND", row.amount(), row.transactionId(), row.time());
        Side ledgerSide = side(entry);
        if (entry != null && entry.state() == LedgerState.COMPLETED
                && entry.outcome() instanceof RefundOutcome.Refunded refunded) {
            if (sameMoney(row.amount(), refundAmount(entry, refunded.status()))) {
                matched++;
            } else {
                add(new Discrepancy.RefundAmountDiffers(row.orderId(), row.refundId(), bill, ledgerSide,
                        Resolution.REPORTED));
            }
            return;
        }
        Resolution resolution = fixRefund(row.orderId(), row.refundId(), row.amount(), entry != null);
        add(new Discrepancy.RefundNotRecorded(row.orderId(), row.refundId(), bill, ledgerSide, resolution));
    }

    // ------------------------------------------------------------------ ledger only

    private void ledgerOnly(LedgerEntry entry) {
        Instant booked = countLedger(entry);
        if (booked == null) {
            return; // not a payment or refund booked on this day: nothing the bill should hold
        }
        if (booked.isBefore(dayStart.plus(tolerance)) || !booked.isBefore(dayEnd.minus(tolerance))) {
            carriedOver++;
            return;
        }
        Side ledgerSide = side(entry);
        if (entry.payment() != null) {
            add(new Discrepancy.MissingFromBill(entry.orderId(), Side.ABSENT, ledgerSide, Resolution.REPORTED));
        } else {
            add(new Discrepancy.RefundMissingFromBill(entry.orderId(), entry.refund().refundId(), Side.ABSENT,
                    ledgerSide, Resolution.REPORTED));
        }
    }

    /**
     * Adds a completed payment or refund booked on the day to the ledger totals.
     *
     * @return its booking time if it is booked on the day, else {@code null}
     */
    private Instant countLedger(LedgerEntry entry) {
        if (entry == null || entry.state() != LedgerState.COMPLETED) {
            return null;
        }
        if (entry.outcome() instanceof PaymentOutcome.Paid paid) {
            Instant booked = paid.paidAt() != null ? paid.paidAt() : entry.updatedAt();
            if (inDay(booked)) {
                ledgerTotals.payment(paid.amount());
                return booked;
            }
        } else if (entry.outcome() instanceof RefundOutcome.Refunded refunded) {
            RefundStatus status = refunded.status();
            Instant booked = status.refundedAt() != null ? status.refundedAt() : entry.updatedAt();
            if (inDay(booked)) {
                ledgerTotals.refund(refundAmount(entry, status));
                return booked;
            }
        }
        return null;
    }

    private boolean inDay(Instant t) {
        return !t.isBefore(dayStart) && t.isBefore(dayEnd);
    }

    // ------------------------------------------------------------------ fixes (queries only)

    /** Brings a payment entry behind the provider up to date with {@code resolve} (query first, never a charge). */
    private Resolution fixPayment(String orderId, Money billAmount, boolean hadEntry) {
        if (client == null || fixesLeft <= 0) {
            return Resolution.REPORTED;
        }
        fixesLeft--;
        PaymentOutcome resolved;
        try {
            resolved = client.resolve(orderId);
        } catch (RuntimeException e) { // e.g. the client was closed: report, never fail the run
            log.warn("resolve of {} during reconciliation failed: {}", orderId, e.toString());
            return Resolution.FIX_FAILED;
        }
        if (!(resolved instanceof PaymentOutcome.Paid paid) || !sameMoney(paid.amount(), billAmount)) {
            return Resolution.FIX_FAILED;
        }
        Optional<LedgerEntry> now = ledger.find(LedgerKey.payment(bills.provider(), bills.merchant(), orderId));
        boolean recorded = now.isPresent() && now.get().state() == LedgerState.COMPLETED
                && now.get().outcome() instanceof PaymentOutcome.Paid;
        return recorded ? Resolution.FIXED : hadEntry ? Resolution.FIX_FAILED : Resolution.CONFIRMED_NOT_RECORDED;
    }

    /** Brings a refund entry behind the provider up to date with a refund query (never a refund). */
    private Resolution fixRefund(String orderId, String refundId, Money billAmount, boolean hadEntry) {
        if (client == null || fixesLeft <= 0) {
            return Resolution.REPORTED;
        }
        fixesLeft--;
        QueryResult<RefundStatus> result;
        try {
            result = client.queryRefund(orderId, refundId);
        } catch (RuntimeException e) {
            log.warn("refund query of {}/{} during reconciliation failed: {}", orderId, refundId, e.toString());
            return Resolution.FIX_FAILED;
        }
        if (!(result instanceof QueryResult.Known<RefundStatus> known) || known.status().state() != RefundState.SUCCEEDED
                || (known.status().amount() != null && !sameMoney(known.status().amount(), billAmount))) {
            return Resolution.FIX_FAILED;
        }
        LedgerKey key = LedgerKey.refund(bills.provider(), bills.merchant(), orderId, refundId,
                bills.refundIdsUniquePerMerchant());
        Optional<LedgerEntry> now = ledger.find(key);
        boolean recorded = now.isPresent() && now.get().state() == LedgerState.COMPLETED
                && now.get().outcome() instanceof RefundOutcome.Refunded;
        return recorded ? Resolution.FIXED : hadEntry ? Resolution.FIX_FAILED : Resolution.CONFIRMED_NOT_RECORDED;
    }

    // ------------------------------------------------------------------ helpers

    private void add(Discrepancy discrepancy) {
        discrepancies.add(discrepancy);
        try {
            listener.discrepancy(bills.provider(), bills.merchant(), discrepancy);
        } catch (RuntimeException e) {
            log.warn("reconciliation listener failed: {}", e.toString());
        }
    }

    private static Money refundAmount(LedgerEntry entry, RefundStatus status) {
        return status.amount() != null ? status.amount() : entry.refund().amount();
    }

    private static boolean sameMoney(Money a, Money b) {
        return a.minorUnits() == b.minorUnits() && a.currency().equals(b.currency());
    }

    /** The ledger's side of an entry: state/outcome, amount, transaction id, booking time. */
    static Side side(LedgerEntry entry) {
        if (entry == null) {
            return Side.ABSENT;
        }
        Outcome outcome = entry.outcome();
        String state = entry.state() + (outcome == null ? "" : "/" + outcome.getClass().getSimpleName());
        if (outcome instanceof PaymentOutcome.Paid paid) {
            return new Side(state, paid.amount(), paid.transactionId(), paid.paidAt());
        }
        if (outcome instanceof RefundOutcome.Refunded refunded) {
            RefundStatus status = refunded.status();
            return new Side(state, refundAmount(entry, status), status.providerRefundId(), status.refundedAt());
        }
        Money amount = entry.payment() != null ? entry.payment().amount() : entry.refund().amount();
        return new Side(state, amount, null, null);
    }
}
