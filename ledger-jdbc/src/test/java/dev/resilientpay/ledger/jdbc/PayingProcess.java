package dev.resilientpay.ledger.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.resilientpay.Money;
import dev.resilientpay.Operation;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.Policies;
import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A service instance in its own JVM, for the crash and multi-instance tests: a {@link PaymentClient}
 * on the JDBC ledger paying the given order ids (payment codes) against the parent's Alipay
 * simulator. It prints one line per event on standard output, which the parent reads:
 * {@code READY}, {@code SENDING id}, {@code DONE id Outcome}, {@code RECOVERED id Outcome}, and
 * what its ledger wrote: {@code CLAIMED key fromVersion toVersion previousOwner previousLeaseUntil now}
 * and {@code COMPLETED key fromVersion toVersion state}.
 *
 * <p>Arguments: {@code settingsFile instanceId recoverFirst orderId...}; the settings file holds
 * gateway URL, app id, JDBC URL, table, app key file and Alipay key file, one per line.
 */
public final class PayingProcess {

    /**
     * A payment-code payment whose request may have been lost (its sender was killed before it
     * reached the gateway) is never re-sent: it is polled until the deadline, then cancelled. The
     * default 45 s deadline would make each such order cost 45 s of every test; 6 s keeps the same path.
     */
    static final Policies POLICIES = Policies.defaults().with(Operation.PAY_BY_CODE, new OperationPolicy(
            Duration.ofSeconds(3), Duration.ofSeconds(6), 3, Duration.ofMillis(200), 2.0, Duration.ofSeconds(1), 0.5,
            Duration.ofMillis(300), Duration.ofSeconds(1)));

    private PayingProcess() {}

    /** Pays the orders; the parent kills it at any moment. */
    public static void main(String[] args) throws IOException {
        List<String> settings = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        String instanceId = args[1];
        boolean recoverFirst = Boolean.parseBoolean(args[2]);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AlipayProvider provider = AlipayProvider.create(AlipayConfig.builder()
                .gatewayUrl(settings.get(0))
                .appId(settings.get(1))
                .merchantPrivateKey(Files.readString(Path.of(settings.get(4))))
                .alipayPublicKey(Files.readString(Path.of(settings.get(5))))
                .build());
        try (HikariDataSource pool = TestDatabases.pool(settings.get(2), 8)) {
            JdbcPaymentLedger jdbc = JdbcPaymentLedger.builder(pool).tableName(settings.get(3)).build();
            PaymentLedger ledger = new Recording(jdbc, out);
            try (PaymentClient client = PaymentClient.builder().provider(provider).ledger(ledger).policies(POLICIES)
                    .instanceId(instanceId).lease(Duration.ofSeconds(3)).build()) {
                if (recoverFirst) {
                    for (Outcome outcome : client.recover()) {
                        out.println("RECOVERED " + outcome.orderId() + " " + outcome.getClass().getSimpleName());
                    }
                }
                out.println("READY");
                for (int i = 3; i < args.length; i++) {
                    String orderId = args[i];
                    out.println("SENDING " + orderId);
                    PaymentOutcome outcome = client.pay(request(orderId));
                    out.println("DONE " + orderId + " " + outcome.getClass().getSimpleName());
                }
            }
        }
        out.println("FINISHED");
    }

    /** The same request for the same order id, in every process (a client retrying after a crash). */
    static PaymentRequest request(String orderId) {
        long digits = Math.floorMod(orderId.hashCode(), 1_000_000_000_000_000L);
        return PaymentRequest.builder().orderId(orderId).amount(Money.cny(100 + Math.floorMod(orderId.hashCode(), 900)))
                .subject("crash test order").method(new PaymentMethod.PaymentCode(String.format("28%016d", digits)))
                .build();
    }

    /** The JDBC ledger, printing every claim and completion it made. */
    private static final class Recording implements PaymentLedger {
        private final PaymentLedger ledger;
        private final PrintStream out;

        Recording(PaymentLedger ledger, PrintStream out) {
            this.ledger = ledger;
            this.out = out;
        }

        @Override public Instant now() { return ledger.now(); }

        @Override public Begin begin(LedgerEntry entry, Duration lease) { return ledger.begin(entry, lease); }

        @Override public Optional<LedgerEntry> renew(LedgerEntry owned, Duration lease) { return ledger.renew(owned, lease); }

        @Override
        public Optional<LedgerEntry> claim(LedgerKey key, String owner, Duration lease) {
            Optional<LedgerEntry> before = ledger.find(key);
            Optional<LedgerEntry> claimed = ledger.claim(key, owner, lease);
            claimed.ifPresent(c -> claimedLine(before.orElse(null), c));
            return claimed;
        }

        @Override
        public List<LedgerEntry> claimUnresolved(String owner, Duration lease, int limit) {
            List<LedgerEntry> before = ledger.unresolved(10_000);
            List<LedgerEntry> claimed = ledger.claimUnresolved(owner, lease, limit);
            for (LedgerEntry c : claimed) {
                claimedLine(before.stream().filter(b -> b.key().equals(c.key()) && b.version() == c.version() - 1)
                        .findFirst().orElse(null), c);
            }
            return claimed;
        }

        private void claimedLine(LedgerEntry before, LedgerEntry claimed) {
            // The previous holder's lease as read just before the claim with the same version: the
            // claim replaced exactly that state, so its lease must have run out at the claim's time.
            String previous = before != null && before.version() == claimed.version() - 1
                    ? before.owner() + " " + before.leaseUntil() : "? ?";
            out.println("CLAIMED " + claimed.key().id() + " " + (claimed.version() - 1) + " " + claimed.version() + " "
                    + previous + " " + claimed.updatedAt());
        }

        @Override
        public Optional<LedgerEntry> complete(LedgerEntry seen, LedgerState state, Outcome outcome, int attempts) {
            Optional<LedgerEntry> stored = ledger.complete(seen, state, outcome, attempts);
            stored.ifPresent(s -> out.println("COMPLETED " + s.key().id() + " " + seen.version() + " " + s.version()
                    + " " + state));
            return stored;
        }

        @Override public boolean release(LedgerEntry owned) { return ledger.release(owned); }

        @Override public Optional<LedgerEntry> find(LedgerKey key) { return ledger.find(key); }

        @Override public List<LedgerEntry> unresolved(int limit) { return ledger.unresolved(limit); }

        @Override
        public List<LedgerEntry> scan(String provider, String merchant, Instant from, Instant to, String afterId, int limit) {
            return ledger.scan(provider, merchant, from, to, afterId, limit);
        }

        @Override public int purgeCompleted(Instant before, int limit) { return ledger.purgeCompleted(before, limit); }
    }
}
