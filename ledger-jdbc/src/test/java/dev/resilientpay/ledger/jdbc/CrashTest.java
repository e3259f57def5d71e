package dev.resilientpay.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.Fault;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service processes killed with SIGKILL at random moments while they take payments on the JDBC
 * ledger (PostgreSQL), against a gateway simulator that lives in this JVM and so survives them. The
 * gateway delays half its answers after charging, so many kills land between the charge and the
 * ledger recording it. Each new process re-sends the last orders of the one before it (a client
 * retrying). Then a fresh client calls {@code recover()}, and every order is reconciled against the
 * gateway's book: nothing lost, nothing charged twice, nothing left undecided.
 *
 * <p>Bounded: {@code -Dresilientpay.crash.kills=20} (default) kills and at most
 * {@code -Dresilientpay.crash.seconds=240} of killing (whichever ends first; at least 5 kills); {@code -Dresilientpay.crash.kills=500
 * -Dresilientpay.crash.seconds=3600} for a long run.
 */
class CrashTest {

    private static final int ORDERS_PER_PROCESS = 12;
    private static final int RESENT = 3;

    @TempDir
    Path dir;
    private AlipaySimulator gateway;
    private HikariDataSource pool;
    private String table;

    @BeforeEach
    void start() {
        gateway = AlipaySimulator.start();
        pool = TestDatabases.pool(TestDatabases.postgresUrl(), 4);
        table = TestDatabases.uniqueTable("rp_crash");
        JdbcPaymentLedger.builder(pool).tableName(table).build().createSchemaIfMissing();
    }

    @AfterEach
    void stop() {
        gateway.close();
        TestDatabases.drop(pool, table);
        pool.close();
    }

    @Test
    void killedProcessesLoseNoOrderChargeNoneTwiceAndLeaveNoneUndecided() throws Exception {
        int kills = Integer.getInteger("resilientpay.crash.kills", 20);
        long budgetNanos = TimeUnit.SECONDS.toNanos(Long.getLong("resilientpay.crash.seconds", 240));
        long seed = Long.getLong("resilientpay.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("crash test seed " + seed);
        gateway.faults().randomly(0.5, List.of(new Fault.Delay(Duration.ofMillis(400))), seed);
        Path settings = settings(dir, gateway, TestDatabases.postgresUrl(), table);
        Path log = Path.of("target", "crash-test-children.log");

        Set<String> sent = new TreeSet<>();
        Set<String> assigned = new TreeSet<>();
        int killed = 0;
        int next = 0;
        long started = System.nanoTime();
        while (killed < kills && System.nanoTime() - started < budgetNanos) {
            List<String> orders = new ArrayList<>();
            for (int i = Math.max(0, next - RESENT); i < next + ORDERS_PER_PROCESS; i++) {
                orders.add("CRASH_" + i);
            }
            next += ORDERS_PER_PROCESS;
            assigned.addAll(orders);
            Instance instance = Instance.start(settings, "crash-" + killed, false, orders, log);
            assertThat(instance.awaitReady(60)).as("child started; see %s", log).isTrue();
            // Kill at a random moment of its work: the bounded wait is the child's lifetime, not a sleep for a result.
            instance.process.waitFor(random.nextInt(4000), TimeUnit.MILLISECONDS);
            if (!instance.process.isAlive()) {
                assertThat(instance.process.exitValue()).as("child finished by itself; see %s", log).isZero();
            }
            instance.kill();
            sent.addAll(instance.lines("SENDING"));
            killed++;
        }

        JdbcPaymentLedger view = JdbcPaymentLedger.builder(pool).tableName(table).build();
        int orphaned = view.unresolved(100_000).size();
        Reconciliation result = recoverAndReconcile(sent);

        String report = String.format("crash test: %d kills in %d s (seed %d), %d calls left in flight by the kills: %s%n",
                killed, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), seed, orphaned, result.summary());
        System.out.print(report);
        Files.writeString(Path.of("target", "crash-test.txt"), report);
        // The time bound wins over the count on a starved machine (child JVMs start slowly), but a
        // run that killed almost nothing proves nothing.
        assertThat(killed).as("kills within the time bound").isGreaterThanOrEqualTo(Math.min(kills, 5));
        assertThat(result.lost()).as("lost").isEmpty();
        assertThat(result.chargedTwice()).as("charged twice").isEmpty();
        assertThat(result.undecided()).as("undecided").isEmpty();
        assertThat(result.phantom()).as("recorded paid, not charged").isEmpty();
        // A child killed right after printing "SENDING" may take the line with it although its ledger
        // entry exists: the bound is every order a child was given.
        assertThat(result.entries()).as("no entry for an order no child was given").isLessThanOrEqualTo(assigned.size());
    }

    private Reconciliation recoverAndReconcile(Set<String> sent) {
        AlipayProvider provider = provider(gateway);
        JdbcPaymentLedger ledger = JdbcPaymentLedger.builder(pool).tableName(table).build();
        try (PaymentClient fresh = PaymentClient.builder().provider(provider).ledger(ledger).policies(PayingProcess.POLICIES).instanceId("fresh")
                .lease(Duration.ofSeconds(2)).build()) {
            // The killed processes' leases run out within 3 s of their death; recover() takes each entry then.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    ledger.unresolved(100_000).stream().allMatch(e -> e.unowned(ledger.now())));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                fresh.recover();
                assertThat(ledger.unresolved(20)).as("unresolved after recover()").isEmpty();
            });
        }
        return Reconciliation.of(sent, ledger, provider.name(), merchant(provider), gateway);
    }

    /** The merchant part of the ledger keys: what the client uses (its provider's merchant id, or "default"). */
    static String merchant(AlipayProvider provider) {
        String merchant = provider.merchantId();
        return merchant == null || merchant.isBlank() ? "default" : merchant;
    }

    static AlipayProvider provider(AlipaySimulator gateway) {
        return AlipayProvider.create(AlipayConfig.builder().gatewayUrl(gateway.gatewayUrl()).appId(gateway.appId())
                .merchantPrivateKey(gateway.appPrivateKeyPem()).alipayPublicKey(gateway.alipayPublicKeyPem()).build());
    }

    static Path settings(Path dir, AlipaySimulator gateway, String jdbcUrl, String table) throws java.io.IOException {
        Path appKey = Files.writeString(dir.resolve("app.pem"), gateway.appPrivateKeyPem());
        Path alipayKey = Files.writeString(dir.resolve("alipay.pem"), gateway.alipayPublicKeyPem());
        return Files.write(dir.resolve("settings.txt"), List.of(gateway.gatewayUrl(), gateway.appId(), jdbcUrl, table,
                appKey.toString(), alipayKey.toString()), StandardCharsets.UTF_8);
    }
}
