package dev.resilientpay.reconciliation.e2e;

import dev.resilientpay.Money;
import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Damages a ledger on purpose, the way a database restore from an old backup or a hand edit would:
 * copies every entry of a merchant into a fresh ledger, leaving some out, changing amounts, adding
 * entries the provider never saw.
 */
final class LedgerSurgery {

    private static final Duration LEASE = Duration.ofMinutes(1);

    private final PaymentLedger source;
    private final String provider;
    private final String merchant;
    private final Set<String> removed = new HashSet<>();
    private final Map<String, Money> amounts = new HashMap<>();
    private final List<LedgerEntry> added = new ArrayList<>();

    LedgerSurgery(PaymentLedger source, String provider, String merchant) {
        this.source = source;
        this.provider = provider;
        this.merchant = merchant;
    }

    /** Leaves the entry of {@code keyId} out ({@code pay:A4}, {@code refund:…}). */
    LedgerSurgery remove(String keyId) {
        removed.add(keyId);
        return this;
    }

    /** Records the payment of {@code orderId} as paid with another amount. */
    LedgerSurgery amount(String orderId, Money amount) {
        amounts.put("pay:" + orderId, amount);
        return this;
    }

    /** Adds a payment the provider never saw, recorded as paid at {@code paidAt}. */
    LedgerSurgery ghostPayment(String orderId, Money amount, Instant paidAt) {
        PaymentRequest request = PaymentRequest.builder().orderId(orderId).amount(amount).subject("ghost")
                .method(new PaymentMethod.QrCode()).build();
        LedgerEntry entry = LedgerEntry.start(LedgerKey.payment(provider, merchant, orderId), "ghost-" + orderId,
                request, null, "surgeon", paidAt);
        added.add(entry.completed(LedgerState.COMPLETED,
                new PaymentOutcome.Paid(orderId, "GHOST" + orderId, amount, paidAt), 1, paidAt));
        return this;
    }

    /** The damaged copy, on {@code clock}; every entry keeps its start time. */
    PaymentLedger copy(Clock clock) {
        RestoringClock restoring = new RestoringClock(clock);
        PaymentLedger copy = PaymentLedger.inMemory(restoring, PaymentLedger.DEFAULT_RETENTION);
        String after = null;
        while (true) {
            List<LedgerEntry> page = source.scan(provider, merchant, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"),
                    after, 100);
            for (LedgerEntry entry : page) {
                if (removed.contains(entry.key().id())) {
                    continue;
                }
                Outcome outcome = entry.outcome();
                Money changed = amounts.get(entry.key().id());
                if (changed != null && outcome instanceof PaymentOutcome.Paid paid) {
                    outcome = new PaymentOutcome.Paid(paid.orderId(), paid.transactionId(), changed, paid.paidAt());
                }
                put(copy, entry, outcome, restoring);
            }
            if (page.size() < 100) {
                break;
            }
            after = page.get(page.size() - 1).key().id();
        }
        for (LedgerEntry entry : added) {
            put(copy, entry, entry.outcome(), restoring);
        }
        restoring.at(null);
        return copy;
    }

    private static void put(PaymentLedger copy, LedgerEntry entry, Outcome outcome, RestoringClock clock) {
        clock.at(entry.startedAt()); // the store stamps entries with its own clock: restore the original time
        LedgerEntry fresh = LedgerEntry.start(entry.key(), entry.fingerprint(), entry.payment(), entry.refund(),
                "surgeon", entry.startedAt());
        LedgerEntry started = ((PaymentLedger.Begin.Started) copy.begin(fresh, LEASE)).entry();
        if (entry.state() != LedgerState.IN_FLIGHT) {
            copy.complete(started, entry.state(), outcome, entry.attempts());
        } else {
            copy.release(started); // never happens in these tests: every call ended
        }
    }

    /** A clock that tells a chosen instant while entries are restored, then the real time. */
    private static final class RestoringClock extends Clock {
        private final Clock delegate;
        private volatile Instant fixed;

        RestoringClock(Clock delegate) {
            this.delegate = delegate;
        }

        void at(Instant instant) {
            this.fixed = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return delegate.getZone();
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant f = fixed;
            return f != null ? f : delegate.instant();
        }
    }
}
