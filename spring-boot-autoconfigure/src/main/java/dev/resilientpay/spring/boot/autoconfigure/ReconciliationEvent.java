package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.reconciliation.ReconciliationOutcome;
import dev.resilientpay.reconciliation.ReconciliationReport;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEvent;

/**
 * The scheduled reconciliation of one merchant's day has ended: with a report, or without one once the
 * attempts are used up (bill never ready, bill unusable, ledger unreadable). Published on the job's
 * thread, once per merchant and day.
 */
public final class ReconciliationEvent extends ApplicationEvent {

    private static final long serialVersionUID = 1L;

    /** The merchant name from the configuration. */
    private final String merchant;
    /** {@code alipay} or {@code wechat}. */
    private final String provider;
    /** The day reconciled (Asia/Shanghai). */
    private final LocalDate day;
    private final transient ReconciliationOutcome outcome;

    /**
     * The end of one merchant's day of reconciliation.
     *
     * @param source   the publisher
     * @param merchant the merchant name from the configuration
     * @param provider {@code alipay} or {@code wechat}
     * @param day      the day reconciled (Asia/Shanghai)
     * @param outcome  the final outcome
     */
    public ReconciliationEvent(Object source, String merchant, String provider, LocalDate day,
                               ReconciliationOutcome outcome) {
        super(source);
        this.merchant = Objects.requireNonNull(merchant, "merchant");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.day = Objects.requireNonNull(day, "day");
        this.outcome = Objects.requireNonNull(outcome, "outcome");
    }

    /** {@return the merchant name, as configured under {@code resilientpay.<provider>.merchants}} */
    public String merchant() {
        return merchant;
    }

    /** {@return {@code alipay} or {@code wechat}} */
    public String provider() {
        return provider;
    }

    /** {@return the day reconciled (Asia/Shanghai)} */
    public LocalDate day() {
        return day;
    }

    /** {@return the final outcome} */
    public ReconciliationOutcome outcome() {
        return outcome;
    }

    /** {@return the report, if the day was reconciled} */
    public Optional<ReconciliationReport> report() {
        return outcome instanceof ReconciliationOutcome.Reconciled r ? Optional.of(r.report()) : Optional.empty();
    }

    @Override
    public String toString() {
        return "ReconciliationEvent[" + merchant + " " + day + ": " + outcome + "]";
    }
}
