package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.codePay;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.internal.RequestFingerprint;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import dev.resilientpay.spi.LedgerKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecoverTest {

    private final VirtualTime time = new VirtualTime();
    private final PaymentLedger ledger = PaymentLedger.inMemory(time.clock(), PaymentLedger.DEFAULT_RETENTION);

    /** What a process that died in the middle of its calls leaves behind: entries whose lease ran out. */
    private void crashDuring(PaymentRequest payment) {
        ledger.begin(LedgerEntry.start(Fixtures.payKey(payment.orderId()), RequestFingerprint.of(payment), payment, null,
                "dead-instance", time.now()), Duration.ofSeconds(30));
        time.advance(Duration.ofSeconds(31));
    }

    private void crashDuring(RefundRequest refund) {
        ledger.begin(LedgerEntry.start(Fixtures.refundKey(refund.orderId(), refund.refundId()),
                RequestFingerprint.of(refund), null, refund, "dead-instance", time.now()), Duration.ofSeconds(30));
        time.advance(Duration.ofSeconds(31));
    }

    @Test
    void recoverResolvesEveryInFlightEntryAfterACrash() {
        crashDuring(codePay("paid-before-crash"));
        crashDuring(qrPay("never-arrived"));
        crashDuring(Fixtures.refund("o-7", "r-7"));
        ScriptedProvider provider = new ScriptedProvider()
                .onQuery(context -> context.idempotencyKey().equals("paid-before-crash")
                        ? Answers.paidStatus("paid-before-crash", AMOUNT)
                        : Answers.status(context.idempotencyKey(), TradeState.NOT_FOUND))
                .onPay(Answers.awaitingPayer("never-arrived"))
                .onQueryRefund(Answers.refund("o-7", "r-7", RefundState.SUCCEEDED, Money.cny(1000)));
        PaymentClient fresh = client(provider, time).ledger(ledger).build();

        List<Outcome> outcomes = fresh.recover();

        assertThat(outcomes).hasSize(3);
        assertThat(outcomes).filteredOn(o -> o.orderId().equals("paid-before-crash"))
                .singleElement().isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(outcomes).filteredOn(o -> o.orderId().equals("never-arrived"))
                .singleElement().isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        assertThat(outcomes).filteredOn(o -> o.orderId().equals("o-7"))
                .singleElement().isInstanceOf(RefundOutcome.Refunded.class);
        assertThat(ledger.unresolved(1000)).isEmpty();
        assertThat(provider.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(provider.executions(Endpoint.REFUND)).isZero();
    }

    @Test
    void aRefundTheProviderNeverReceivedIsSentAgainWithTheSameRefundId() {
        crashDuring(Fixtures.refund("o-7", "r-7"));
        ScriptedProvider provider = new ScriptedProvider()
                .onQueryRefund(Answers.refund("o-7", "r-7", RefundState.NOT_FOUND, null))
                .onRefund(Answers.refund("o-7", "r-7", RefundState.SUCCEEDED, Money.cny(1000)));

        List<Outcome> outcomes = client(provider, time).ledger(ledger).build().recover();

        assertThat(outcomes).singleElement().isInstanceOf(RefundOutcome.Refunded.class);
        assertThat(provider.contexts(Endpoint.REFUND)).singleElement()
                .satisfies(c -> assertThat(c.idempotencyKey()).isEqualTo("r-7"));
    }

    @Test
    void anInDoubtPaymentIsFinishedByANewClientOnTheSameLedger() {
        ScriptedProvider first = new ScriptedProvider().onPay(Answers.unknown(FailureReason.TIMEOUT))
                .onQuery(Answers.unknown(FailureReason.NETWORK_ERROR));
        assertThat(client(first, time).ledger(ledger).build().pay(qrPay("o-1"))).isInstanceOf(PaymentOutcome.InDoubt.class);
        ScriptedProvider second = new ScriptedProvider().onQuery(Answers.paidStatus("o-1", AMOUNT));

        List<Outcome> outcomes = client(second, time).ledger(ledger).build().recover();

        assertThat(outcomes).singleElement().isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(second.executions(Endpoint.PAY)).isZero();
        assertThat(ledger.unresolved(1000)).isEmpty();
    }

    @Test
    void resolveOfAnOrderTheLedgerDoesNotKnowAsksTheProvider() {
        ScriptedProvider provider = new ScriptedProvider().onQuery(Answers.paidStatus("elsewhere", AMOUNT));

        PaymentOutcome outcome = client(provider, time).ledger(ledger).build().resolve("elsewhere");

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void resolveRefreshesAnOrderAwaitingItsPayer() {
        ScriptedProvider provider = new ScriptedProvider().onPay(Answers.awaitingPayer("o-1"))
                .onQuery(Answers.paidStatus("o-1", AMOUNT));
        PaymentClient client = client(provider, time).ledger(ledger).build();
        client.pay(qrPay("o-1"));

        assertThat(client.resolve("o-1")).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(ledger.find(Fixtures.payKey("o-1"))).get().extracting(e -> e.outcome()).isInstanceOf(PaymentOutcome.Paid.class);
    }

    @Test
    void aRecoveredPaymentAnsweredPaidTakesOneQueryAndOneLedgerWriteAndNoWait() {
        for (int i = 0; i < 30; i++) {
            crashDuring(codePay("paid-" + i));
        }
        ScriptedProvider provider = new ScriptedProvider()
                .onQuery(context -> Answers.paidStatus(context.idempotencyKey(), AMOUNT));
        CountingLedger counting = new CountingLedger(ledger);
        Instant before = time.now();

        List<Outcome> outcomes = client(provider, time).ledger(counting).recovery(7, 3).build().recover();

        assertThat(outcomes).hasSize(30).allSatisfy(o -> assertThat(o).isInstanceOf(PaymentOutcome.Paid.class));
        assertThat(provider.executions(Endpoint.QUERY)).isEqualTo(30);
        assertThat(provider.executions(Endpoint.PAY)).isZero();
        assertThat(counting.calls).containsEntry("complete", 30);
        assertThat(counting.calls).doesNotContainKeys("renew", "claim", "release", "find", "begin");
        // every entry claimed once, in claims of at most the batch
        assertThat(counting.claimed.get()).isEqualTo(30);
        assertThat(counting.largestClaim.get()).isLessThanOrEqualTo(7);
        assertThat(time.sleeps()).isEmpty();
        assertThat(time.now()).isEqualTo(before);
        assertThat(ledger.unresolved(1000)).isEmpty();
    }

    @Test
    void recoveryClaimsMoreWhileTheLastEntriesOfABatchStillRun() throws Exception {
        crashDuring(codePay("slow"));
        for (int i = 0; i < 7; i++) {
            crashDuring(codePay("fast-" + i));
        }
        // "slow" is the oldest, so it is in the first claim of 4; its query answers only once an entry
        // beyond that first claim has been queried. A recoverer that waited for the whole first batch
        // before claiming again would never get there.
        CountDownLatch laterEntryQueried = new CountDownLatch(1);
        AtomicBoolean slowWaitedForALaterEntry = new AtomicBoolean();
        ScriptedProvider provider = new ScriptedProvider().onQuery(context -> {
            String orderId = context.idempotencyKey();
            if (orderId.equals("slow")) {
                try {
                    slowWaitedForALaterEntry.set(laterEntryQueried.await(20, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            } else if (Integer.parseInt(orderId.substring("fast-".length())) >= 3) {
                laterEntryQueried.countDown();
            }
            return Answers.paidStatus(orderId, AMOUNT);
        });

        List<Outcome> outcomes = client(provider, time).ledger(ledger).recovery(4, 2).build().recover();

        assertThat(slowWaitedForALaterEntry).isTrue();
        assertThat(outcomes).hasSize(8).allSatisfy(o -> assertThat(o).isInstanceOf(PaymentOutcome.Paid.class));
        assertThat(ledger.unresolved(1000)).isEmpty();
    }

    @Test
    void anEntryStillInDoubtIsTriedOnceARunAndHandedBack() {
        for (int i = 0; i < 5; i++) {
            crashDuring(qrPay("doubt-" + i));
        }
        ScriptedProvider provider = new ScriptedProvider().onQuery(Answers.unknown(FailureReason.NETWORK_ERROR));
        // One worker: the test's virtual clock is shared, and two workers' waits would age each other's
        // leases between heartbeats (a real clock cannot jump like that).
        PaymentClient fresh = client(provider, time).ledger(ledger).recovery(2, 1).build();

        List<Outcome> outcomes = fresh.recover();

        assertThat(outcomes).hasSize(5).allSatisfy(o -> assertThat(o).isInstanceOf(PaymentOutcome.InDoubt.class));
        assertThat(outcomes).extracting(Outcome::orderId).doesNotHaveDuplicates();
        assertThat(provider.executions(Endpoint.PAY)).isZero();
        // handed back unowned: the next run (here or on another instance) takes them again
        assertThat(ledger.unresolved(1000)).hasSize(5).allSatisfy(e -> assertThat(e.unowned(ledger.now())).isTrue());
        assertThat(fresh.recover()).hasSize(5);
    }

    @Test
    void anEntryWhoseLeaseRanOutWhileItWaitedForAWorkerIsRenewedOrLeftToItsNewOwner() {
        for (String id : List.of("q-0", "q-1", "q-2")) {
            crashDuring(codePay(id));
        }
        AtomicBoolean stolen = new AtomicBoolean();
        ScriptedProvider provider = new ScriptedProvider().onQuery(context -> {
            String id = context.idempotencyKey();
            // Each answer takes 40 s of the 60 s lease: the entries queued behind it age.
            time.advance(Duration.ofSeconds(40));
            if (id.equals("q-0")) {
                // Meanwhile another instance claims q-2, whose lease (claimed with the others) ran out.
                time.advance(Duration.ofSeconds(25));
                stolen.set(ledger.claim(Fixtures.payKey("q-2"), "other-instance", Duration.ofMinutes(5)).isPresent());
            }
            return Answers.paidStatus(id, AMOUNT);
        });
        PaymentClient fresh = client(provider, time).ledger(ledger).lease(Duration.ofSeconds(60))
                .recovery(3, 1).build();

        List<Outcome> outcomes = fresh.recover();

        assertThat(stolen).isTrue();
        // q-1 waited 65 s, past its lease, and nobody had taken it: claimed again and finished.
        // q-2 belongs to the other instance now: not queried, not reported, not touched.
        assertThat(outcomes).extracting(Outcome::orderId).containsExactlyInAnyOrder("q-0", "q-1");
        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(PaymentOutcome.Paid.class));
        assertThat(provider.contexts(Endpoint.QUERY)).extracting(c -> c.idempotencyKey()).doesNotContain("q-2");
        assertThat(ledger.find(Fixtures.payKey("q-2"))).get()
                .satisfies(e -> assertThat(e.owner()).isEqualTo("other-instance"))
                .satisfies(e -> assertThat(e.state()).isNotEqualTo(LedgerState.COMPLETED));
    }

    /** Counts the ledger calls a recovery makes. */
    private static final class CountingLedger implements PaymentLedger {
        final Map<String, Integer> calls = new ConcurrentHashMap<>();
        final AtomicInteger claimed = new AtomicInteger();
        final AtomicInteger largestClaim = new AtomicInteger();
        private final PaymentLedger target;

        CountingLedger(PaymentLedger target) {
            this.target = target;
        }

        private void count(String call) {
            calls.merge(call, 1, Integer::sum);
        }

        @Override
        public Instant now() {
            return target.now();
        }

        @Override
        public Begin begin(LedgerEntry entry, Duration lease) {
            count("begin");
            return target.begin(entry, lease);
        }

        @Override
        public Optional<LedgerEntry> renew(LedgerEntry owned, Duration lease) {
            count("renew");
            return target.renew(owned, lease);
        }

        @Override
        public Optional<LedgerEntry> claim(LedgerKey key, String owner, Duration lease) {
            count("claim");
            return target.claim(key, owner, lease);
        }

        @Override
        public List<LedgerEntry> claimUnresolved(String owner, Duration lease, int limit) {
            count("claimUnresolved");
            List<LedgerEntry> batch = target.claimUnresolved(owner, lease, limit);
            claimed.addAndGet(batch.size());
            largestClaim.accumulateAndGet(batch.size(), Math::max);
            return batch;
        }

        @Override
        public Optional<LedgerEntry> complete(LedgerEntry seen, LedgerState state, Outcome outcome, int attempts) {
            count("complete");
            return target.complete(seen, state, outcome, attempts);
        }

        @Override
        public boolean release(LedgerEntry owned) {
            count("release");
            return target.release(owned);
        }

        @Override
        public Optional<LedgerEntry> find(LedgerKey key) {
            count("find");
            return target.find(key);
        }

        @Override
        public List<LedgerEntry> unresolved(int limit) {
            return target.unresolved(limit);
        }

        @Override
        public List<LedgerEntry> scan(String provider, String merchant, Instant from, Instant to, String afterId,
                                      int limit) {
            return target.scan(provider, merchant, from, to, afterId, limit);
        }

        @Override
        public int purgeCompleted(Instant before, int limit) {
            return target.purgeCompleted(before, limit);
        }
    }
}
