package dev.resilientpay.examples;

import dev.resilientpay.Money;
import dev.resilientpay.Outcome;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Recovery after a crash, with Alipay and WeChat Pay. A process sends a payment and dies before it
 * can record the answer: its ledger entry stays in flight, and the payer may or may not have been
 * charged. The next process, on the same (durable) ledger, calls {@code recover()} on start-up: the
 * client asks the gateway what became of every unfinished call before sending anything, and finishes
 * it (here: the payment did go through, so it is {@code Paid}, charged once).
 *
 * <p>By default the ledger is the in-memory one shared by both "processes"; with {@code --ledger postgres}
 * it is the durable {@code JdbcPaymentLedger} on PostgreSQL (embedded, or the server at
 * {@code RESILIENTPAY_POSTGRES_URL}), as in a service.
 *
 * <pre>
 * mvn -q -pl examples exec:java -Dexec.mainClass=dev.resilientpay.examples.CrashRecovery [-Dexec.args="alipay --ledger postgres"]
 * </pre>
 * Runs against the embedded simulators; set the variables listed in {@link Sandbox} for a real sandbox.
 */
public final class CrashRecovery {

    /**
     * What the example saw.
     *
     * @param request     the payment the first process sent
     * @param unresolved  the ledger entries the second process found at start-up
     * @param recovered   what {@code recover()} returned for them
     */
    public record Result(PaymentRequest request, List<LedgerEntry> unresolved, List<Outcome> recovered) {}

    private CrashRecovery() {}

    /**
     * Crashes and recovers once with each provider named in {@code args} (default: both), on the
     * ledger named by {@code --ledger memory|postgres} (default: memory).
     */
    public static void main(String[] args) {
        List<String> providers = new java.util.ArrayList<>(List.of(args));
        boolean postgres = false;
        int option = providers.indexOf("--ledger");
        if (option >= 0) {
            if (option + 1 >= providers.size() || !List.of("memory", "postgres").contains(providers.get(option + 1))) {
                throw new IllegalArgumentException("--ledger must be followed by memory or postgres");
            }
            postgres = providers.get(option + 1).equals("postgres");
            providers.subList(option, option + 2).clear();
        }
        for (String provider : Sandbox.chosen(providers.toArray(String[]::new))) {
            try (Sandbox sandbox = Sandbox.of(provider, System.getenv())) {
                if (postgres) {
                    crashAndRecoverOnPostgres(sandbox, System.out);
                } else {
                    crashAndRecover(sandbox, System.out);
                }
            }
        }
    }

    /**
     * The same crash and recovery on the durable ledger in PostgreSQL: the entry outlives the first
     * client, and the second one takes it over once the first one's lease has run out (1 s here,
     * measured by the database's clock).
     */
    public static Result crashAndRecoverOnPostgres(Sandbox sandbox, PrintStream out) {
        try (ExamplePostgres postgres = ExamplePostgres.start()) {
            String table = "rp_example_" + Long.toHexString(System.nanoTime());
            dev.resilientpay.ledger.jdbc.JdbcPaymentLedger ledger = dev.resilientpay.ledger.jdbc.JdbcPaymentLedger
                    .builder(postgres.dataSource()).tableName(table).build();
            ledger.createSchemaIfMissing();
            out.println("== ledger: table " + table + " on " + postgres);
            try {
                return crashAndRecover(sandbox, ledger, Duration.ofSeconds(1), () -> awaitLeasesOver(ledger), out);
            } finally {
                postgres.drop(table);
            }
        }
    }

    /** Waits (at most 10 s) until no unfinished entry is held by a live lease: process 1 is really gone. */
    private static void awaitLeasesOver(PaymentLedger ledger) {
        long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ledger.unresolved(100).stream().anyMatch(e -> !e.unowned(ledger.now())) && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Runs the first process until its crash, then starts the second one with {@code recover()}. */
    public static Result crashAndRecover(Sandbox sandbox, PrintStream out) {
        // Stands for a database table that outlives the process; its clock is the database's.
        ShiftableClock databaseClock = new ShiftableClock();
        PaymentLedger ledger = PaymentLedger.inMemory(databaseClock, PaymentLedger.DEFAULT_RETENTION);
        // Process 2 starts after process 1's lease on the call has run out (60 s by default): only then
        // may another instance take the call over. The example moves the ledger's clock instead of waiting.
        return crashAndRecover(sandbox, ledger, Duration.ofSeconds(60), () -> databaseClock.shift(Duration.ofSeconds(61)), out);
    }

    private static Result crashAndRecover(Sandbox sandbox, PaymentLedger ledger, Duration lease, Runnable leaseRunsOut,
                                          PrintStream out) {
        out.println("== " + sandbox.name() + ": recovery after a crash (" + sandbox + ")");

        PaymentRequest request = PaymentRequest.builder()
                .orderId(Sandbox.newOrderId("CR"))
                .amount(Money.of("46.00", "CNY"))
                .subject("Two bags of tea")
                .method(new PaymentMethod.PaymentCode(sandbox.payerPaymentCode()))
                .build();
        try (PaymentClient doomed = PaymentClient.builder()
                .provider(sandbox.provider()).ledger(new DiesBeforeRecording(ledger)).lease(lease).build()) {
            doomed.pay(request);  // the request reaches the gateway; the process dies before it records the answer
        }
        out.println("process 1 sent order " + request.orderId() + " and crashed before recording the answer");
        leaseRunsOut.run();

        try (PaymentClient client = PaymentClient.builder().provider(sandbox.provider()).ledger(ledger).build()) {
            List<LedgerEntry> unresolved = ledger.unresolved(100);
            out.println("process 2 starts: " + unresolved.size() + " unfinished call(s) in the ledger "
                    + unresolved.stream().map(e -> e.key() + " " + e.state()).toList());
            List<Outcome> recovered = client.recover();  // on start-up, before taking new payments
            for (Outcome outcome : recovered) {
                out.println("recovered " + outcome.orderId() + ": " + OutcomeText.of(outcome));
            }
            return new Result(request, unresolved, recovered);
        }
    }

    /** A clock that can be moved forward: the example's stand-in for time passing between two processes. */
    private static final class ShiftableClock extends Clock {
        private volatile Duration shift = Duration.ZERO;

        void shift(Duration by) {
            shift = shift.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }
    }

    /**
     * A ledger whose process dies right after the gateway answered: calls begin and are looked up as
     * usual, but no outcome is ever recorded, so every entry stays {@link LedgerState#IN_FLIGHT}.
     */
    private static final class DiesBeforeRecording implements PaymentLedger {
        private final PaymentLedger durable;

        DiesBeforeRecording(PaymentLedger durable) {
            this.durable = durable;
        }

        @Override
        public Instant now() {
            return durable.now();
        }

        @Override
        public Begin begin(LedgerEntry entry, Duration lease) {
            return durable.begin(entry, lease);
        }

        @Override
        public Optional<LedgerEntry> renew(LedgerEntry owned, Duration lease) {
            return durable.renew(owned, lease);
        }

        @Override
        public Optional<LedgerEntry> claim(LedgerKey key, String owner, Duration lease) {
            return durable.claim(key, owner, lease);
        }

        @Override
        public List<LedgerEntry> claimUnresolved(String owner, Duration lease, int limit) {
            return durable.claimUnresolved(owner, lease, limit);
        }

        @Override
        public Optional<LedgerEntry> complete(LedgerEntry seen, LedgerState state, Outcome outcome, int attempts) {
            return Optional.empty(); // the process is already gone
        }

        @Override
        public boolean release(LedgerEntry owned) {
            return false; // the process is already gone
        }

        @Override
        public Optional<LedgerEntry> find(LedgerKey key) {
            return durable.find(key);
        }

        @Override
        public List<LedgerEntry> unresolved(int limit) {
            return durable.unresolved(limit);
        }

        @Override
        public List<LedgerEntry> scan(String provider, String merchant, Instant from, Instant to, String afterId, int limit) {
            return durable.scan(provider, merchant, from, to, afterId, limit);
        }

        @Override
        public int purgeCompleted(Instant before, int limit) {
            return durable.purgeCompleted(before, limit);
        }
    }
}
