package dev.resilientpay.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three service instances in separate JVMs share one PostgreSQL ledger and receive the same order ids
 * in different orders (duplicate submissions arriving at different instances at once). One is
 * killed mid-run and restarted; on start-up it calls {@code recover()}. The others keep working.
 * Then: the gateway's book reconciles with the ledger; no order was sent twice; no entry was
 * completed by two instances; no claim (by the restarted instance's recovery or by a duplicate
 * request's take-over) took an entry whose lease was still live. Every claim's previous owner and
 * lease are recorded by the instances themselves ({@link PayingProcess}).
 */
class MultiInstanceTest {

    private static final int ORDERS = 40;

    @TempDir
    Path dir;
    private AlipaySimulator gateway;
    private HikariDataSource pool;
    private String table;

    @BeforeEach
    void start() {
        gateway = AlipaySimulator.start();
        pool = TestDatabases.pool(TestDatabases.postgresUrl(), 4);
        table = TestDatabases.uniqueTable("rp_multi");
        JdbcPaymentLedger.builder(pool).tableName(table).build().createSchemaIfMissing();
    }

    @AfterEach
    void stop() {
        gateway.close();
        TestDatabases.drop(pool, table);
        pool.close();
    }

    @Test
    void instancesSharingALedgerNeverSendTwiceNorTakeALiveCallAndTheRestartedOneRecoversOnlyOrphans() throws Exception {
        long seed = Long.getLong("resilientpay.multi.seed", System.nanoTime());
        Random random = new Random(seed);
        gateway.faults().randomly(0.5, List.of(new Fault.Delay(Duration.ofMillis(300))), seed);
        Path settings = CrashTest.settings(dir, gateway, TestDatabases.postgresUrl(), table);
        Path log = Path.of("target", "multi-instance-children.log");
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < ORDERS; i++) {
            orders.add("MULTI_" + i);
        }

        Instance a = Instance.start(settings, "A", false, shuffled(orders, random), log);
        Instance b = Instance.start(settings, "B", false, shuffled(orders, random), log);
        Instance c = Instance.start(settings, "C", false, shuffled(orders, random), log);
        assertThat(a.awaitReady(60) && b.awaitReady(60) && c.awaitReady(60)).as("started; see %s", log).isTrue();
        // Kill A in the middle of its work: after a few of its orders are answered, not at a fixed time
        // (on a quiet machine A can finish everything within a second or two).
        int answeredBeforeKill = 1 + random.nextInt(ORDERS / 4);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> a.lines("DONE").size() >= answeredBeforeKill || !a.process.isAlive());
        assertThat(a.process.isAlive()).as("A still working when killed").isTrue();
        a.kill();
        Instance restarted = Instance.start(settings, "A2", true, shuffled(orders, random), log);

        for (Instance i : List.of(b, c, restarted)) {
            assertThat(i.awaitExit(180)).as("%s finished; see %s", i.id, log).isTrue();
            assertThat(i.process.exitValue()).as("%s exit; see %s", i.id, log).isZero();
            assertThat(i.lines("DONE")).as("%s answered every order", i.id).hasSize(ORDERS);
        }
        List<Instance> all = List.of(a, b, c, restarted);
        Set<String> sent = new TreeSet<>();
        all.forEach(i -> sent.addAll(i.lines("SENDING")));

        AlipayProvider provider = CrashTest.provider(gateway);
        JdbcPaymentLedger ledger = JdbcPaymentLedger.builder(pool).tableName(table).build();
        int leftOver = ledger.unresolved(10_000).size();
        try (PaymentClient fresh = PaymentClient.builder().provider(provider).ledger(ledger).policies(PayingProcess.POLICIES).instanceId("final")
                .lease(Duration.ofSeconds(2)).build()) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                    ledger.unresolved(100_000).stream().allMatch(e -> e.unowned(ledger.now())));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                fresh.recover();
                assertThat(ledger.unresolved(20)).as("unresolved after recover()").isEmpty();
            });
        }
        Reconciliation result = Reconciliation.of(sent, ledger, provider.name(), CrashTest.merchant(provider), gateway);

        Map<String, List<String>> completedBy = new HashMap<>();
        int claims = 0;
        int claimsChecked = 0;
        List<String> liveTakeOvers = new ArrayList<>();
        List<String> restartedTookFromStalled = new ArrayList<>();
        int restartedTookOrphans = 0;
        for (Instance i : all) {
            for (String line : i.lines("COMPLETED")) {
                String[] f = line.split(" ");   // key fromVersion toVersion state
                if (f[3].equals("COMPLETED")) {
                    completedBy.computeIfAbsent(f[0], k -> new ArrayList<>()).add(i.id + " v" + f[1]);
                }
            }
            for (String line : i.lines("CLAIMED")) {
                String[] f = line.split(" ");   // key fromVersion toVersion previousOwner previousLeaseUntil claimedAt
                claims++;
                if (f[3].equals("?")) {
                    continue;   // the entry changed between the recorder's read and the claim: nothing known
                }
                claimsChecked++;
                Instant claimedAt = Instant.parse(f[5]);
                if (!f[4].equals("null") && Instant.parse(f[4]).isAfter(claimedAt)) {
                    liveTakeOvers.add(i.id + " took " + line);
                }
                if (i == restarted && f[3].equals("A")) {
                    restartedTookOrphans++;
                } else if (i == restarted && !f[3].equals("null")) {
                    // A live instance that stalled past its lease (a long GC or CPU starvation on a
                    // busy machine): its entry is orphaned by definition, and fencing must keep its
                    // late write out (checked by "completed by two instances" below).
                    restartedTookFromStalled.add(line);
                }
            }
        }
        int sends = 0;
        List<String> sentTwice = new ArrayList<>();
        for (String order : orders) {
            int pays = gateway.requestCount(order, "alipay.trade.pay");
            sends += pays;
            if (pays > 1) {
                sentTwice.add(order);
            }
        }
        String report = String.format("multi-instance test (seed %d): %d answers from 3+1 instances, %d pay requests at "
                        + "the gateway, %d claims (%d with the previous lease known), %d recovered by A2 at start-up "
                        + "(%d orphans of killed A, %d of a live instance stalled past its lease), "
                        + "%d left for the final recover: %s%n", seed,
                all.stream().mapToInt(i -> i.lines("DONE").size()).sum(), sends, claims, claimsChecked,
                restarted.lines("RECOVERED").size(), restartedTookOrphans, restartedTookFromStalled.size(), leftOver,
                result.summary());
        System.out.print(report);
        Files.writeString(Path.of("target", "multi-instance-test.txt"), report);

        assertThat(result.lost()).as("lost").isEmpty();
        assertThat(result.chargedTwice()).as("charged twice").isEmpty();
        assertThat(result.undecided()).as("undecided").isEmpty();
        assertThat(result.phantom()).as("recorded paid, not charged").isEmpty();
        assertThat(sentTwice).as("payment code sent twice").isEmpty();
        assertThat(completedBy.values()).as("entries completed by two instances: %s", completedBy)
                .allSatisfy(by -> assertThat(by).hasSize(1));
        assertThat(liveTakeOvers).as("claims of a live lease").isEmpty();
        assertThat(result.entries()).isEqualTo(ORDERS);
    }

    private static List<String> shuffled(List<String> orders, Random random) {
        List<String> copy = new ArrayList<>(orders);
        Collections.shuffle(copy, random);
        return copy;
    }
}
