package dev.resilientpay.micrometer;

import dev.resilientpay.reconciliation.Discrepancy;
import dev.resilientpay.reconciliation.ReconciliationListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;

/**
 * Counts what reconciliation finds in {@code resilientpay.reconciliation.discrepancies}, tagged by
 * provider, merchant and kind ({@code paid_not_recorded}, {@code amount_differs}, … — the
 * {@link Discrepancy#kind()} in lower case). Add it to the {@code Reconciler}:
 *
 * <pre>{@code
 * Reconciler.builder().bills(provider.bills()).ledger(ledger)
 *         .listener(MicrometerReconciliationListener.create(meterRegistry))
 *         .build();
 * }</pre>
 *
 * <p>Needs {@code resilient-pay-reconciliation} on the class path (an optional dependency of this
 * module: users who do not reconcile do not get it). Thread-safe; never throws for a valid event.
 */
public final class MicrometerReconciliationListener implements ReconciliationListener {

    private final MicrometerPaymentListener meters;

    private MicrometerReconciliationListener(MicrometerPaymentListener meters) {
        this.meters = meters;
    }

    /**
     * A listener counting discrepancies in {@code meterRegistry}.
     *
     * @param meterRegistry where the counters go
     * @return the listener
     * @throws IllegalArgumentException if {@code meterRegistry} is null
     */
    public static MicrometerReconciliationListener create(MeterRegistry meterRegistry) {
        return of(MicrometerPaymentListener.builder(meterRegistry).build());
    }

    /**
     * A listener counting discrepancies through an existing payment listener (same registry, same meters).
     *
     * @param metrics the payment listener whose {@link MicrometerPaymentListener#recordDiscrepancy} is used
     * @return the listener
     * @throws IllegalArgumentException if {@code metrics} is null
     */
    public static MicrometerReconciliationListener of(MicrometerPaymentListener metrics) {
        if (metrics == null) {
            throw new IllegalArgumentException("metrics must not be null");
        }
        return new MicrometerReconciliationListener(metrics);
    }

    @Override
    public void discrepancy(String provider, String merchant, Discrepancy discrepancy) {
        Objects.requireNonNull(discrepancy, "discrepancy");
        // kinds are PAID_NOT_RECORDED, ...: a fixed, small set; tag values are lower case by convention
        meters.recordDiscrepancy(provider, merchant, discrepancy.kind().toLowerCase(Locale.ROOT));
    }

    @Override
    public String toString() {
        return "MicrometerReconciliationListener";
    }
}
