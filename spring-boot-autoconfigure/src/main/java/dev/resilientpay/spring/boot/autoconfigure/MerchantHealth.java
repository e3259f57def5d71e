package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A merchant's health, independent of the Boot line: DOWN while its breaker is open, a certificate
 * has expired or its ledger cannot be read; UP otherwise. Details: provider, breaker state, calls in
 * doubt and in flight, days left per certificate (with {@code expiring} inside the warning period).
 */
final class MerchantHealth {

    /**
     * @param up      whether the merchant can take payments
     * @param details what the health endpoint shows
     */
    record Report(boolean up, Map<String, Object> details) {}

    /** Health is read often: it looks at no more than this many unresolved entries. */
    static final int BACKLOG_LIMIT = 1000;

    private MerchantHealth() {}

    static Report of(Merchant merchant, Duration warning, Clock clock) {
        Map<String, Object> details = new LinkedHashMap<>();
        boolean up = true;
        details.put("provider", merchant.provider());
        String breaker = merchant.breaker().state();
        details.put("breaker", breaker);
        if (breaker.contains("OPEN") && !breaker.startsWith("HALF")) {
            up = false;
        }
        try {
            // the ledger may be shared by every merchant: count this one's entries
            List<LedgerEntry> unresolved = merchant.ledger().unresolved(BACKLOG_LIMIT);
            long inDoubt = 0;
            long inFlight = 0;
            for (LedgerEntry entry : unresolved) {
                if (entry.key().provider().equals(merchant.provider())
                        && entry.key().merchant().equals(merchant.merchantId())) {
                    if (entry.state() == LedgerState.IN_DOUBT) {
                        inDoubt++;
                    } else if (entry.state() == LedgerState.IN_FLIGHT) {
                        inFlight++;
                    }
                }
            }
            details.put("inDoubt", inDoubt);
            details.put("inFlight", inFlight);
            if (unresolved.size() >= BACKLOG_LIMIT) {
                details.put("backlogCountedUpTo", BACKLOG_LIMIT); // the oldest BACKLOG_LIMIT of all merchants
            }
        } catch (RuntimeException e) {
            details.put("ledger", "unreadable: " + e.getClass().getSimpleName());
            up = false;
        }
        Instant now = clock.instant();
        if (!merchant.certificates().isEmpty()) {
            Map<String, Object> certificates = new LinkedHashMap<>();
            for (Map.Entry<String, Instant> entry : merchant.certificates().entrySet()) {
                Map<String, Object> certificate = new LinkedHashMap<>();
                Instant expires = entry.getValue();
                long daysLeft = Duration.between(now, expires).toDays();
                certificate.put("expires", expires.toString());
                certificate.put("daysLeft", daysLeft);
                if (!expires.isAfter(now)) {
                    certificate.put("state", "expired");
                    up = false;
                } else if (Duration.between(now, expires).compareTo(warning) < 0) {
                    certificate.put("state", "expiring");
                } else {
                    certificate.put("state", "valid");
                }
                certificates.put(entry.getKey(), certificate);
            }
            details.put("certificates", certificates);
        }
        details.put("notifyPath", merchant.notifyPath());
        return new Report(up, details);
    }
}
