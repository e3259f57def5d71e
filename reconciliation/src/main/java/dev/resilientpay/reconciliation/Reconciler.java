package dev.resilientpay.reconciliation;

import dev.resilientpay.PaymentClient;
import dev.resilientpay.spi.BillAnswer;
import dev.resilientpay.spi.BillRows;
import dev.resilientpay.spi.BillSource;
import dev.resilientpay.spi.LedgerUnavailableException;
import dev.resilientpay.spi.PaymentLedger;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles one merchant's day: the provider's trade bill against the ledger, in one call.
 *
 * <pre>{@code
 * Reconciler reconciler = Reconciler.builder()
 *         .bills(alipayProvider.bills())       // or wechatPayProvider.bills()
 *         .ledger(ledger)                      // the ledger the PaymentClient writes
 *         .client(client)                      // optional: lets it bring entries behind the provider up to date
 *         .build();
 * ReconciliationOutcome outcome = reconciler.reconcile(LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1));
 * if (outcome instanceof ReconciliationOutcome.Reconciled r) {
 *     r.report().writeJson(out);
 * } else if (outcome instanceof ReconciliationOutcome.BillNotReady) {
 *     retryLater();                        // BillUnusable (retryable()) and LedgerUnavailable: likewise
 * }
 * }</pre>
 *
 * <p><b>How it compares.</b> The bill is streamed from its verified local copy and sorted by ledger key
 * on disk (bounded memory, see {@link dev.resilientpay.reconciliation.internal.SortedBill}); the ledger's
 * entries are read with {@link PaymentLedger#scan} a page at a time in the same key order; the two are
 * merged. A bill row whose entry lies outside the scanned window (an order created days before it was
 * paid) is looked up with {@link PaymentLedger#find}.
 *
 * <p><b>Cut-off.</b> The bill holds what the provider booked during the day in its zone. A ledger
 * entry is expected in the day's bill if its booking time (the provider's {@code paidAt} /
 * {@code refundedAt}, else the entry's last update) falls in the day. An entry booked within the
 * {@linkplain Builder#cutoffTolerance cut-off tolerance} of either midnight and absent from the bill is
 * not a discrepancy but {@linkplain ReconciliationReport#carriedOver carried over}: the provider may
 * have booked it on the neighbouring day (check it against that day's bill).
 *
 * <p><b>Fixes.</b> Only a ledger entry behind the provider (in flight, in doubt, awaiting its payer,
 * failed, or missing) is acted on, and only by querying: {@link PaymentClient#resolve} for a payment,
 * {@link PaymentClient#queryRefund} for a refund. Nothing that moves money is ever done.
 *
 * <p>Thread-safe: each {@link #reconcile} call works alone.
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final BillSource bills;
    private final PaymentLedger ledger;
    private final PaymentClient client;
    private final ReconciliationListener listener;
    private final Duration cutoffTolerance;
    private final Duration lookback;
    private final int rowsInMemory;
    private final int maxFixes;
    private final int ledgerPage;
    private final Path spillDirectory;

    private Reconciler(Builder b) {
        this.bills = b.bills;
        this.ledger = b.ledger;
        this.client = b.client;
        this.listener = b.listener;
        this.cutoffTolerance = b.cutoffTolerance;
        this.lookback = b.lookback;
        this.rowsInMemory = b.rowsInMemory;
        this.maxFixes = b.maxFixes;
        this.ledgerPage = b.ledgerPage;
        this.spillDirectory = b.spillDirectory;
    }

    /**
     * A builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Downloads and verifies the bill of {@code day}, compares it with the ledger and fixes what it may.
     *
     * @param day the day, in the bill's zone ({@code Asia/Shanghai})
     * @return the report, or why there is none; never throws for provider, network or ledger faults
     */
    public ReconciliationOutcome reconcile(LocalDate day) {
        Objects.requireNonNull(day, "day must not be null");
        BillAnswer answer = bills.tradeBill(day);
        ReconciliationOutcome outcome;
        if (answer instanceof BillAnswer.Ready ready) {
            try (BillRows rows = ready.rows()) {
                outcome = new ReconciliationOutcome.Reconciled(new DayComparison(bills, ledger, client, listener, day,
                        cutoffTolerance, lookback, rowsInMemory, maxFixes, ledgerPage, spillDirectory).run(rows));
            } catch (UncheckedIOException e) {
                outcome = new ReconciliationOutcome.BillUnusable(day, dev.resilientpay.spi.BillProblem.LOCAL_IO, true,
                        "local copy of the bill could not be read or sorted: " + e.getCause().getMessage());
            } catch (LedgerUnavailableException | dev.resilientpay.reconciliation.internal.LedgerCursor.OutOfOrderException e) {
                outcome = new ReconciliationOutcome.LedgerUnavailable(day, e.getMessage());
            }
        } else if (answer instanceof BillAnswer.NotReady notReady) {
            outcome = new ReconciliationOutcome.BillNotReady(day, notReady.detail());
        } else {
            BillAnswer.Failed failed = (BillAnswer.Failed) answer;
            outcome = new ReconciliationOutcome.BillUnusable(day, failed.problem(), failed.retryable(), failed.detail());
        }
        report(outcome);
        return outcome;
    }

    private void report(ReconciliationOutcome outcome) {
        try {
            if (outcome instanceof ReconciliationOutcome.Reconciled reconciled) {
                log.info("reconciled {}", reconciled.report());
                listener.reconciled(reconciled.report());
            } else {
                log.warn("{}/{}: no reconciliation: {}", bills.provider(), bills.merchant(), outcome);
                listener.noBill(bills.provider(), bills.merchant(), outcome);
            }
        } catch (RuntimeException e) {
            log.warn("reconciliation listener failed: {}", e.toString());
        }
    }

    @Override
    public String toString() {
        return "Reconciler[" + bills.provider() + "/" + bills.merchant() + ", fixes " + (client != null) + "]";
    }

    /** Builds a {@link Reconciler}; {@link #bills} and {@link #ledger} are required. */
    public static final class Builder {
        private BillSource bills;
        private PaymentLedger ledger;
        private PaymentClient client;
        private ReconciliationListener listener = ReconciliationListener.NONE;
        private Duration cutoffTolerance = Duration.ofMinutes(10);
        private Duration lookback = Duration.ofDays(1);
        private int rowsInMemory = 20_000;
        private int maxFixes = 1_000;
        private int ledgerPage = 500;
        private Path spillDirectory;

        private Builder() {}

        /**
         * The bills to reconcile: {@code AlipayProvider.bills()} or {@code WechatPayProvider.bills()}.
         *
         * @param bills the source
         * @return this builder
         */
        public Builder bills(BillSource bills) {
            this.bills = Objects.requireNonNull(bills, "bills must not be null");
            return this;
        }

        /**
         * The ledger the payment client writes.
         *
         * @param ledger the ledger
         * @return this builder
         */
        public Builder ledger(PaymentLedger ledger) {
            this.ledger = Objects.requireNonNull(ledger, "ledger must not be null");
            return this;
        }

        /**
         * The client of the same provider and merchant, used to bring entries behind the provider up to
         * date (queries only). Without it, everything is reported and nothing fixed.
         *
         * @param client the client
         * @return this builder
         */
        public Builder client(PaymentClient client) {
            this.client = Objects.requireNonNull(client, "client must not be null");
            return this;
        }

        /**
         * Hears discrepancies and reports.
         *
         * @param listener the listener
         * @return this builder
         */
        public Builder listener(ReconciliationListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener must not be null");
            return this;
        }

        /**
         * How close to midnight a booking may be for its absence from the bill to be carried over rather
         * than reported: 0 to 2 hours, default 10 minutes.
         *
         * @param tolerance the tolerance
         * @return this builder
         */
        public Builder cutoffTolerance(Duration tolerance) {
            Objects.requireNonNull(tolerance, "cutoffTolerance must not be null");
            if (tolerance.isNegative() || tolerance.compareTo(Duration.ofHours(2)) > 0) {
                throw new IllegalArgumentException("cutoffTolerance must be 0 to 2 hours, was " + tolerance);
            }
            this.cutoffTolerance = tolerance;
            return this;
        }

        /**
         * How long before the day the ledger is scanned for entries created earlier and paid on the day:
         * 0 to 31 days, default 1 day. Entries created earlier still match bill rows (by lookup); only
         * the "paid in the ledger but absent from the bill" check is limited to the window.
         *
         * @param lookback the lookback
         * @return this builder
         */
        public Builder lookback(Duration lookback) {
            Objects.requireNonNull(lookback, "lookback must not be null");
            if (lookback.isNegative() || lookback.compareTo(Duration.ofDays(31)) > 0) {
                throw new IllegalArgumentException("lookback must be 0 to 31 days, was " + lookback);
            }
            this.lookback = lookback;
            return this;
        }

        /**
         * Bill rows sorted in memory at a time before spilling to disk: 1,000 to 1,000,000, default 20,000
         * (about 6 MB).
         *
         * @param rows the chunk size
         * @return this builder
         */
        public Builder rowsInMemory(int rows) {
            if (rows < 1_000 || rows > 1_000_000) {
                throw new IllegalArgumentException("rowsInMemory must be 1000 to 1000000, was " + rows);
            }
            this.rowsInMemory = rows;
            return this;
        }

        /**
         * At most this many fixes (queries) per run; beyond it, discrepancies are reported only: 0 to
         * 100,000, default 1,000.
         *
         * @param maxFixes the cap
         * @return this builder
         */
        public Builder maxFixes(int maxFixes) {
            if (maxFixes < 0 || maxFixes > 100_000) {
                throw new IllegalArgumentException("maxFixes must be 0 to 100000, was " + maxFixes);
            }
            this.maxFixes = maxFixes;
            return this;
        }

        /**
         * Ledger entries read per {@link PaymentLedger#scan} call: 100 to 100,000, default 500. Larger pages
         * mean fewer queries and more memory (one page is held at a time).
         *
         * @param entries the page size
         * @return this builder
         */
        public Builder ledgerPageSize(int entries) {
            if (entries < 100 || entries > 100_000) {
                throw new IllegalArgumentException("ledgerPageSize must be 100 to 100000, was " + entries);
            }
            this.ledgerPage = entries;
            return this;
        }

        /**
         * Where sorted runs of large bills are written (default: the system temp directory).
         *
         * @param directory an existing directory
         * @return this builder
         */
        public Builder spillDirectory(Path directory) {
            this.spillDirectory = Objects.requireNonNull(directory, "spillDirectory must not be null");
            return this;
        }

        /**
         * The reconciler.
         *
         * @return a reconciler
         * @throws IllegalArgumentException if bills or ledger is missing, or the client is another provider's
         */
        public Reconciler build() {
            if (bills == null) {
                throw new IllegalArgumentException("bills must be set");
            }
            if (ledger == null) {
                throw new IllegalArgumentException("ledger must be set");
            }
            if (client != null && !client.providerName().equals(bills.provider())) {
                throw new IllegalArgumentException("client must be of provider " + bills.provider() + ", was "
                        + client.providerName());
            }
            return new Reconciler(this);
        }
    }
}
