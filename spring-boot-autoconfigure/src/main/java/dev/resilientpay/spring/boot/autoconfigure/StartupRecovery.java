package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.Outcome;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Once the application is ready: resolves each merchant's unresolved ledger entries (calls a crash
 * interrupted, outcomes left in doubt) on a background thread, so that start-up never waits on a
 * provider, and, with {@code resilientpay.recovery.interval}, starts each client's background
 * recoverer. With the in-memory ledger there is nothing to resolve at start-up; with a durable one this
 * is what finishes the payments of the previous run.
 */
public final class StartupRecovery implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(StartupRecovery.class);

    private final PaymentClients clients;
    private final boolean atStartup;
    private final Duration interval;

    StartupRecovery(PaymentClients clients, boolean atStartup, Duration interval) {
        this.clients = clients;
        this.atStartup = atStartup;
        this.interval = interval;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        for (Merchant merchant : clients.merchants()) {
            if (atStartup) {
                Thread thread = new Thread(() -> recover(merchant), "resilient-pay-recovery-" + merchant.name());
                thread.setDaemon(true);
                thread.start();
            }
            if (interval != null) {
                merchant.client().startRecovery(interval); // stopped when the client closes
            }
        }
    }

    private static void recover(Merchant merchant) {
        try {
            if (merchant.ledger().unresolved(1).isEmpty()) {
                return;
            }
            List<Outcome> outcomes = merchant.client().recover();
            log.info("resilient-pay merchant {}: recovered {} unresolved call(s) at start-up", merchant.name(),
                    outcomes.size());
        } catch (IllegalStateException closed) {
            log.debug("resilient-pay merchant {}: closed before start-up recovery", merchant.name());
        } catch (RuntimeException e) {
            log.warn("resilient-pay merchant {}: start-up recovery failed ({}); call recover() again later",
                    merchant.name(), e.toString());
        }
    }
}
