package dev.resilientpay.internal;

import dev.resilientpay.Outcome;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.LedgerUnavailableException;
import dev.resilientpay.spi.PaymentLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger entry a running call owns: renews its lease while the call works (a heartbeat between
 * steps), and writes the call's end as a compare-and-set on the entry's version. Once the lease is
 * lost, the call must stop acting: another instance owns the order now.
 */
final class LedgerClaim {

    private static final Logger log = LoggerFactory.getLogger(LedgerClaim.class);

    private final PaymentLedger ledger;
    private final Duration lease;
    private final Duration renewEvery;
    private LedgerEntry entry;
    private Instant lastRenewed;
    private boolean lost;

    LedgerClaim(PaymentLedger ledger, LedgerEntry entry, Duration lease, Instant now) {
        this.ledger = ledger;
        this.entry = entry;
        this.lease = lease;
        this.renewEvery = lease.dividedBy(4);
        this.lastRenewed = now;
    }

    LedgerEntry entry() {
        return entry;
    }

    boolean lost() {
        return lost;
    }

    /**
     * Renews the lease when a quarter of it has passed (pipeline clock) since the last renewal.
     *
     * @return {@code false} once the lease is lost: stop sending, re-read the entry
     */
    boolean heartbeat(Instant now) {
        if (lost) {
            return false;
        }
        if (Duration.between(lastRenewed, now).compareTo(renewEvery) < 0) {
            return true;
        }
        try {
            Optional<LedgerEntry> renewed = ledger.renew(entry, lease);
            if (renewed.isEmpty()) {
                lost = true;
                log.warn("lease on {} lost: another instance took the call over; this one stops", entry.key());
                return false;
            }
            entry = renewed.get();
            lastRenewed = now;
        } catch (LedgerUnavailableException e) {
            // The store is unreachable: the lease may run out and another instance may take over,
            // but every step is idempotent by key and the final write is fenced. Go on.
            log.warn("lease on {} not renewed: ledger unavailable ({})", entry.key(), e.getMessage());
        }
        return true;
    }

    /**
     * Records the call's end if the entry is still this call's.
     *
     * @return the stored entry, or empty if it was taken over (or the ledger is unreachable)
     */
    Optional<LedgerEntry> complete(LedgerState state, Outcome outcome, int attempts) {
        try {
            Optional<LedgerEntry> stored = ledger.complete(entry, state, outcome, attempts);
            stored.ifPresentOrElse(e -> entry = e, () -> lost = true);
            return stored;
        } catch (LedgerUnavailableException e) {
            log.warn("{} not recorded: ledger unavailable ({}); recovery will learn it again by query",
                    entry.key(), e.getMessage());
            return Optional.empty();
        }
    }

    /** Deletes the entry of a call that provably sent nothing, if it is still this call's. */
    boolean release() {
        try {
            return ledger.release(entry);
        } catch (LedgerUnavailableException e) {
            log.warn("{} not released: ledger unavailable ({})", entry.key(), e.getMessage());
            return false;
        }
    }
}
