package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.reconciliation.Discrepancy;
import dev.resilientpay.reconciliation.ReconciliationListener;
import dev.resilientpay.reconciliation.ReconciliationOutcome;
import dev.resilientpay.reconciliation.ReconciliationReport;
import dev.resilientpay.reconciliation.Reconciler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.scheduling.support.CronTrigger;

/**
 * The opt-in daily reconciliation ({@code resilientpay.reconciliation.enabled=true}): on its cron
 * (Asia/Shanghai), reconciles yesterday for every configured merchant against its ledger, fixing by
 * query only what {@link Reconciler} may fix. A bill not ready yet, or a retryable problem, is tried
 * again after {@code retry-delay}, at most {@code attempts} times in all. The final outcome of each
 * merchant's day is published as a {@link ReconciliationEvent}; a report is written as JSON and CSV to
 * {@code report-directory} when set. Runs on its own single thread, never on the application's.
 * Every {@code ReconciliationListener} bean hears the findings with the configured merchant name (as
 * the payment metrics are tagged), not the provider's account id.
 */
public final class ReconciliationJob implements SmartLifecycle {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Logger log = LoggerFactory.getLogger(ReconciliationJob.class);

    /** Runs a task after a delay: the job's scheduler, or a test's hand. */
    interface Later {
        void run(Runnable task, Duration delay);
    }

    private final PaymentClients clients;
    private final String cron;
    private final int attempts;
    private final Duration retryDelay;
    private final Path reportDirectory;
    private final List<ReconciliationListener> listeners;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Later later;
    private ThreadPoolTaskScheduler scheduler;

    ReconciliationJob(PaymentClients clients, ResilientPayProperties.Reconciliation properties,
                      List<ReconciliationListener> listeners, ApplicationEventPublisher events, Clock clock,
                      Later later) {
        try {
            CronExpression.parse(properties.getCron());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ResilientPayConfigurationException("resilientpay.reconciliation.cron",
                    "must be a Spring cron expression (six fields, e.g. '0 30 10 * * *'), was '"
                            + properties.getCron() + "'", e);
        }
        if (properties.getAttempts() < 1 || properties.getAttempts() > 24) {
            throw new ResilientPayConfigurationException("resilientpay.reconciliation.attempts",
                    "must be 1 to 24, was " + properties.getAttempts(), null);
        }
        Duration delay = properties.getRetryDelay();
        if (delay == null || delay.isNegative() || delay.isZero()) {
            throw new ResilientPayConfigurationException("resilientpay.reconciliation.retry-delay",
                    "must be positive, was " + delay, null);
        }
        this.clients = clients;
        this.cron = properties.getCron();
        this.attempts = properties.getAttempts();
        this.retryDelay = delay;
        this.reportDirectory = properties.getReportDirectory();
        this.listeners = List.copyOf(listeners);
        this.events = events;
        this.clock = clock;
        this.later = later != null ? later : this::onScheduler;
    }

    /**
     * Reconciles yesterday (Asia/Shanghai) for every merchant now, on the calling thread; what must be
     * tried again is scheduled.
     *
     * @return each merchant's outcome of this attempt, by merchant name
     */
    public Map<String, ReconciliationOutcome> reconcileYesterday() {
        return reconcile(LocalDate.now(clock.withZone(CHINA)).minusDays(1));
    }

    /**
     * Reconciles {@code day} for every merchant now, on the calling thread; what must be tried again
     * is scheduled.
     *
     * @param day the day (Asia/Shanghai)
     * @return each merchant's outcome of this attempt, by merchant name (one whose reconciliation threw,
     *         e.g. because its client is closed, is logged and left out)
     */
    public Map<String, ReconciliationOutcome> reconcile(LocalDate day) {
        Map<String, ReconciliationOutcome> outcomes = new java.util.LinkedHashMap<>();
        for (Merchant merchant : clients.merchants()) {
            ReconciliationOutcome outcome = attempt(merchant, day, 1);
            if (outcome != null) {
                outcomes.put(merchant.name(), outcome);
            }
        }
        return outcomes;
    }

    private ReconciliationOutcome attempt(Merchant merchant, LocalDate day, int attempt) {
        ReconciliationOutcome outcome;
        try {
            outcome = Reconciler.builder()
                    .bills(merchant.bills().get())
                    .ledger(merchant.ledger())
                    .client(merchant.client())
                    .listener(new Forwarding(listeners, merchant.name()))
                    .build()
                    .reconcile(day);
        } catch (RuntimeException e) { // a closed client, a bug: never kill the scheduler thread
            log.warn("resilient-pay merchant {}: reconciliation of {} failed: {}", merchant.name(), day, e.toString());
            return null;
        }
        if (retryable(outcome) && attempt < attempts) {
            log.info("resilient-pay merchant {}: {} not reconciled ({}); attempt {} of {} in {}", merchant.name(),
                    day, outcome, attempt + 1, attempts, retryDelay);
            later.run(() -> attempt(merchant, day, attempt + 1), retryDelay);
            return outcome;
        }
        if (outcome instanceof ReconciliationOutcome.Reconciled reconciled && reportDirectory != null) {
            write(merchant.name(), reconciled.report());
        }
        events.publishEvent(new ReconciliationEvent(this, merchant.name(), merchant.provider(), day, outcome));
        return outcome;
    }

    private static boolean retryable(ReconciliationOutcome outcome) {
        return outcome instanceof ReconciliationOutcome.BillNotReady
                || outcome instanceof ReconciliationOutcome.BillUnusable u && u.retryable();
    }

    /** Writes next to the final name, then moves: a reader never sees half a report. */
    private void write(String merchant, ReconciliationReport report) {
        String base = merchant + "-" + report.day();
        try {
            Files.createDirectories(reportDirectory);
            Path json = Files.createTempFile(reportDirectory, base, ".json.part");
            try (OutputStream out = Files.newOutputStream(json)) {
                report.writeJson(out);
            }
            Files.move(json, reportDirectory.resolve(base + ".json"), StandardCopyOption.REPLACE_EXISTING);
            Path csv = Files.createTempFile(reportDirectory, base, ".csv.part");
            try (Writer out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
                report.writeCsv(out);
            }
            Files.move(csv, reportDirectory.resolve(base + ".csv"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            log.warn("resilient-pay merchant {}: reconciliation report not written to {}: {}", merchant,
                    reportDirectory, e.toString());
        }
    }

    private void onScheduler(Runnable task, Duration delay) {
        ThreadPoolTaskScheduler s = scheduler;
        if (s == null) {
            log.warn("resilient-pay reconciliation: stopped; attempt not scheduled");
            return;
        }
        s.schedule(task, clock.instant().plus(delay));
    }

    private void scheduled() {
        try {
            reconcileYesterday();
        } catch (RuntimeException e) {
            log.warn("resilient-pay reconciliation failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        ThreadPoolTaskScheduler s = new ThreadPoolTaskScheduler();
        s.setPoolSize(1);
        s.setThreadNamePrefix("resilient-pay-reconciliation-");
        s.setDaemon(true);
        s.initialize();
        s.schedule(this::scheduled, new CronTrigger(cron, CHINA));
        scheduler = s;
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public String toString() {
        return "ReconciliationJob[cron " + cron + " Asia/Shanghai, " + clients.names() + "]";
    }

    /**
     * The application's listeners, each shielded from the others, told the configured merchant name
     * (as the payment metrics are tagged) rather than the provider's account id.
     */
    private record Forwarding(List<ReconciliationListener> listeners, String name) implements ReconciliationListener {
        @Override
        public void discrepancy(String provider, String merchant, Discrepancy discrepancy) {
            each(l -> l.discrepancy(provider, name, discrepancy));
        }

        @Override
        public void reconciled(ReconciliationReport report) {
            each(l -> l.reconciled(report));
        }

        @Override
        public void noBill(String provider, String merchant, ReconciliationOutcome outcome) {
            each(l -> l.noBill(provider, name, outcome));
        }

        private void each(java.util.function.Consumer<ReconciliationListener> event) {
            for (ReconciliationListener l : listeners) {
                try {
                    event.accept(l);
                } catch (RuntimeException e) {
                    log.warn("reconciliation listener {} failed: {}", l, e.toString());
                }
            }
        }
    }
}
