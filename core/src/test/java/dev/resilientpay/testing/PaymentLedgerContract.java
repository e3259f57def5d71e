package dev.resilientpay.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.Outcome;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link PaymentLedger} contract as tests: every clause of the SPI's Javadoc. A ledger for
 * another store extends this class, returns a fresh empty ledger from {@link #newLedger()} and moves
 * its clock in {@link #advance(Duration)}:
 *
 * <pre>{@code
 * class RedisPaymentLedgerContractTest extends PaymentLedgerContract {
 *     @Override protected PaymentLedger newLedger() { return new RedisPaymentLedger(redis, clock); }
 *     @Override protected void advance(Duration by) { clock.advance(by); }
 * }
 * }</pre>
 *
 * A ledger on a clock that cannot be moved (a database's) may instead wait in {@code advance} until
 * {@link PaymentLedger#now()} has passed the target, with a short {@link #lease()}.
 */
public abstract class PaymentLedgerContract {

    /** The owner of the calls the tests begin. */
    protected static final String OWNER = "instance-a";
    /** Another instance. */
    protected static final String OTHER = "instance-b";

    /** The ledger under test, new for each test. */
    protected PaymentLedger ledger;

    /** A new, empty ledger. Called before each test. */
    protected abstract PaymentLedger newLedger();

    /** Moves the ledger's clock ({@link PaymentLedger#now()}) forward by at least {@code by}. */
    protected abstract void advance(Duration by);

    /** The lease the tests take; a ledger whose clock cannot be moved may shorten it. */
    protected Duration lease() {
        return Duration.ofSeconds(30);
    }

    /** How many threads race in the concurrency tests. */
    protected int threads() {
        return 8;
    }

    @BeforeEach
    void createLedger() {
        ledger = newLedger();
    }

    // ------------------------------------------------------------------ begin

    @Test
    void beginStoresAnUnknownKeyInFlightOwnedByTheCallerForTheLease() {
        Instant before = ledger.now();
        LedgerEntry stored = started(begin("A1"));

        assertThat(stored.key()).isEqualTo(payKey("A1"));
        assertThat(stored.state()).isEqualTo(LedgerState.IN_FLIGHT);
        assertThat(stored.owner()).isEqualTo(OWNER);
        assertThat(stored.outcome()).isNull();
        assertThat(stored.attempts()).isZero();
        assertThat(stored.version()).isPositive();
        assertThat(stored.startedAt()).isAfterOrEqualTo(before.minusMillis(1));
        assertThat(stored.leaseUntil()).isAfterOrEqualTo(stored.startedAt().plus(lease()).minusMillis(1));
        assertThat(stored.ownedBy(OWNER, ledger.now())).isTrue();
        assertThat(ledger.find(payKey("A1"))).contains(stored);
    }

    @Test
    void beginOfAKnownKeyWithTheSameFingerprintReturnsTheStoredEntryAsExisting() {
        LedgerEntry first = started(begin("A1"));

        PaymentLedger.Begin again = ledger.begin(entry("A1", "fp-A1", OTHER), lease());

        assertThat(again).isEqualTo(new PaymentLedger.Begin.Existing(first));
    }

    @Test
    void beginOfAKnownKeyWithAnotherFingerprintIsAConflict() {
        LedgerEntry first = started(begin("A1"));

        PaymentLedger.Begin again = ledger.begin(entry("A1", "another-request", OTHER), lease());

        assertThat(again).isEqualTo(new PaymentLedger.Begin.Conflict(first));
        assertThat(ledger.find(payKey("A1"))).contains(first);
    }

    @Test
    void ofManyConcurrentBeginsOfOneKeyExactlyOneStarts() throws Exception {
        List<PaymentLedger.Begin> results = race(threads(), i -> ledger.begin(entry("RACE", "fp-RACE", "instance-" + i), lease()));

        assertThat(results).filteredOn(b -> b instanceof PaymentLedger.Begin.Started).hasSize(1);
        assertThat(results).filteredOn(b -> b instanceof PaymentLedger.Begin.Existing).hasSize(threads() - 1);
        LedgerEntry winner = ((PaymentLedger.Begin.Started) results.stream()
                .filter(b -> b instanceof PaymentLedger.Begin.Started).findFirst().orElseThrow()).entry();
        assertThat(ledger.find(payKey("RACE"))).contains(winner);
    }

    @Test
    void keysAreNamespacedByProviderAndMerchant() {
        started(begin("A1"));
        LedgerKey otherMerchant = LedgerKey.payment("alipay", "merchant-2", "A1");
        LedgerKey otherProvider = LedgerKey.payment("wechat", "merchant-1", "A1");

        assertThat(ledger.begin(LedgerEntry.start(otherMerchant, "different", payment("A1"), null, OWNER, ledger.now()),
                lease())).isInstanceOf(PaymentLedger.Begin.Started.class);
        assertThat(ledger.begin(LedgerEntry.start(otherProvider, "different", payment("A1"), null, OWNER, ledger.now()),
                lease())).isInstanceOf(PaymentLedger.Begin.Started.class);
        assertThat(ledger.find(otherMerchant).orElseThrow().fingerprint()).isEqualTo("different");
        assertThat(ledger.find(payKey("A1")).orElseThrow().fingerprint()).isEqualTo("fp-A1");
    }

    @Test
    void keysAreCaseSensitive() {
        started(begin("Ab1"));

        assertThat(begin("aB1")).isInstanceOf(PaymentLedger.Begin.Started.class);
    }

    // ------------------------------------------------------------------ stored requests, no secrets

    @Test
    void thePaymentRequestIsStoredWithoutItsPaymentCode() {
        PaymentRequest request = PaymentRequest.builder().orderId("CODE1").amount(Money.cny(4600)).subject("Tea")
                .method(new PaymentMethod.PaymentCode("284012345678901234")).metadata("till", "7").build();

        started(ledger.begin(LedgerEntry.start(payKey("CODE1"), "fp", request, null, OWNER, ledger.now()), lease()));

        PaymentRequest stored = ledger.find(payKey("CODE1")).orElseThrow().payment();
        assertThat(stored).isEqualTo(request.withoutSecrets());
        assertThat(((PaymentMethod.PaymentCode) stored.method()).isRedacted()).isTrue();
        assertThat(((PaymentMethod.PaymentCode) stored.method()).authCode()).doesNotContain("12345678");
    }

    @Test
    void everyPaymentMethodAndRequestFieldIsStoredAsGiven() {
        List<PaymentMethod> methods = List.of(new PaymentMethod.QrCode(), new PaymentMethod.App(),
                new PaymentMethod.InApp("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"),
                new PaymentMethod.Web(PaymentMethod.Web.Device.MOBILE, "https://shop.example.com/back", "203.0.113.9"),
                new PaymentMethod.Web(PaymentMethod.Web.Device.DESKTOP, null, null));
        for (int i = 0; i < methods.size(); i++) {
            PaymentRequest request = PaymentRequest.builder().orderId("M" + i).amount(Money.of("88.88", "CNY"))
                    .subject("茶叶 two bags").method(methods.get(i)).notifyUrl("https://shop.example.com/notify")
                    .expiresAt(Instant.parse("2030-01-02T03:04:05Z")).metadata("a", "1").metadata("b", "两").build();
            started(ledger.begin(LedgerEntry.start(payKey("M" + i), "fp", request, null, OWNER, ledger.now()), lease()));

            assertThat(ledger.find(payKey("M" + i)).orElseThrow().payment()).isEqualTo(request);
        }
    }

    @Test
    void aRefundRequestIsStoredAsGiven() {
        RefundRequest refund = RefundRequest.builder().orderId("R1").refundId("R1-1").amount(Money.cny(100))
                .orderAmount(Money.cny(4600)).reason("broken cup").notifyUrl("https://shop.example.com/r").build();
        LedgerKey key = LedgerKey.refund("alipay", "merchant-1", "R1", "R1-1", false);

        LedgerEntry stored = started(ledger.begin(LedgerEntry.start(key, "fp", null, refund, OWNER, ledger.now()), lease()));

        assertThat(stored.refund()).isEqualTo(refund);
        assertThat(stored.payment()).isNull();
        assertThat(ledger.find(key).orElseThrow().refund()).isEqualTo(refund);
    }

    // ------------------------------------------------------------------ the call's policy

    @Test
    void theCallsPolicyIsStoredAndKeptByRenewCompleteAndClaim() {
        LedgerEntry stored = started(ledger.begin(entry("P1", "fp-P1", OWNER).withPolicy(policy()), lease()));

        assertThat(stored.policy()).isEqualTo(policy());
        assertThat(ledger.find(payKey("P1")).orElseThrow().policy()).isEqualTo(policy());
        LedgerEntry renewed = ledger.renew(stored, lease()).orElseThrow();
        LedgerEntry doubtful = ledger.complete(renewed, LedgerState.IN_DOUBT, inDoubt("P1"), 1).orElseThrow();
        LedgerEntry claimed = ledger.claim(payKey("P1"), OTHER, lease()).orElseThrow();
        LedgerEntry again = ledger.complete(claimed, LedgerState.IN_DOUBT, inDoubt("P1"), 1).orElseThrow();
        List<LedgerEntry> recovered = ledger.claimUnresolved(OWNER, lease(), 10);
        LedgerEntry done = ledger.complete(recovered.get(0), LedgerState.COMPLETED, paid("P1"), 1).orElseThrow();

        assertThat(List.of(renewed, doubtful, claimed, again, recovered.get(0), done))
                .allSatisfy(e -> assertThat(e.policy()).isEqualTo(policy()));
        assertThat(ledger.find(payKey("P1")).orElseThrow().policy()).isEqualTo(policy());
        assertThat(ledger.unresolved(10)).isEmpty();
    }

    @Test
    void aRefundsPolicyIsStoredAsGiven() {
        RefundRequest refund = RefundRequest.builder().orderId("R2").refundId("R2-1").amount(Money.cny(100))
                .orderAmount(Money.cny(4600)).build();
        LedgerKey key = LedgerKey.refund("alipay", "merchant-1", "R2", "R2-1", false);

        started(ledger.begin(LedgerEntry.start(key, "fp", null, refund, OWNER, ledger.now()).withPolicy(policy()),
                lease()));

        assertThat(ledger.find(key).orElseThrow().policy()).isEqualTo(policy());
        assertThat(ledger.find(key).orElseThrow().refund()).isEqualTo(refund);
    }

    @Test
    void anEntryBegunWithoutAPolicyHasNone() {
        LedgerEntry stored = started(begin("N1"));

        assertThat(stored.policy()).isNull();
        assertThat(ledger.find(payKey("N1")).orElseThrow().policy()).isNull();
    }

    // ------------------------------------------------------------------ leases

    @Test
    void renewExtendsTheLeaseOfTheOwnerWithoutChangingTheVersion() {
        LedgerEntry stored = started(begin("A1"));
        advance(lease().dividedBy(2));

        Optional<LedgerEntry> renewed = ledger.renew(stored, lease());

        assertThat(renewed).isPresent();
        assertThat(renewed.get().version()).isEqualTo(stored.version());
        assertThat(renewed.get().leaseUntil()).isAfter(stored.leaseUntil());
        assertThat(ledger.find(payKey("A1")).orElseThrow().leaseUntil()).isEqualTo(renewed.get().leaseUntil());
        advance(lease().dividedBy(2).plusMillis(10));
        assertThat(ledger.claim(payKey("A1"), OTHER, lease())).as("renewed lease still live").isEmpty();
    }

    @Test
    void aLeaseThatRanOutCannotBeRenewed() {
        LedgerEntry stored = started(begin("A1"));
        advance(lease().plusMillis(10));

        assertThat(ledger.renew(stored, lease())).isEmpty();
    }

    @Test
    void aLeaseTakenOverCannotBeRenewedByItsFormerOwner() {
        LedgerEntry stored = started(begin("A1"));
        advance(lease().plusMillis(10));
        assertThat(ledger.claim(payKey("A1"), OTHER, lease())).isPresent();

        assertThat(ledger.renew(stored, lease())).isEmpty();
        assertThat(ledger.find(payKey("A1")).orElseThrow().owner()).isEqualTo(OTHER);
    }

    // ------------------------------------------------------------------ claim

    @Test
    void anEntryWithALiveLeaseCannotBeClaimed() {
        started(begin("A1"));

        assertThat(ledger.claim(payKey("A1"), OTHER, lease())).isEmpty();
        assertThat(ledger.find(payKey("A1")).orElseThrow().owner()).isEqualTo(OWNER);
    }

    @Test
    void anEntryWhoseLeaseRanOutIsClaimedWithANewOwnerLeaseAndVersion() {
        LedgerEntry stored = started(begin("A1"));
        advance(lease().plusMillis(10));

        LedgerEntry claimed = ledger.claim(payKey("A1"), OTHER, lease()).orElseThrow();

        assertThat(claimed.owner()).isEqualTo(OTHER);
        assertThat(claimed.version()).isGreaterThan(stored.version());
        assertThat(claimed.ownedBy(OTHER, ledger.now())).isTrue();
        assertThat(claimed.payment()).isEqualTo(stored.payment());
        assertThat(ledger.find(payKey("A1"))).contains(claimed);
        assertThat(ledger.claim(payKey("A1"), OWNER, lease())).as("now live again").isEmpty();
    }

    @Test
    void anInDoubtEntryIsClaimedAtOnce() {
        LedgerEntry stored = started(begin("A1"));
        ledger.complete(stored, LedgerState.IN_DOUBT, inDoubt("A1"), 1).orElseThrow();

        LedgerEntry claimed = ledger.claim(payKey("A1"), OTHER, lease()).orElseThrow();

        assertThat(claimed.state()).isEqualTo(LedgerState.IN_DOUBT);
        assertThat(claimed.owner()).isEqualTo(OTHER);
        assertThat(claimed.outcome()).isEqualTo(inDoubt("A1"));
    }

    @Test
    void aCompletedEntryIsNeverClaimed() {
        LedgerEntry stored = started(begin("A1"));
        ledger.complete(stored, LedgerState.COMPLETED, paid("A1"), 1).orElseThrow();
        advance(lease().plusMillis(10));

        assertThat(ledger.claim(payKey("A1"), OTHER, lease())).isEmpty();
    }

    @Test
    void anUnknownKeyIsNotClaimed() {
        assertThat(ledger.claim(payKey("NOPE"), OTHER, lease())).isEmpty();
    }

    @Test
    void ofManyConcurrentClaimsOfOneEntryExactlyOneWins() throws Exception {
        started(begin("A1"));
        advance(lease().plusMillis(10));

        List<Optional<LedgerEntry>> claims = race(threads(), i -> ledger.claim(payKey("A1"), "instance-" + i, lease()));

        assertThat(claims).filteredOn(Optional::isPresent).hasSize(1);
    }

    // ------------------------------------------------------------------ claimUnresolved

    @Test
    void claimUnresolvedTakesOnlyUnownedUnfinishedEntriesOldestFirstUpToTheLimit() {
        LedgerEntry crashed1 = started(begin("C1"));
        advance(Duration.ofMillis(5));
        LedgerEntry doubtful = started(begin("C2"));
        ledger.complete(doubtful, LedgerState.IN_DOUBT, inDoubt("C2"), 1).orElseThrow();
        advance(Duration.ofMillis(5));
        LedgerEntry crashed3 = started(begin("C3"));
        advance(Duration.ofMillis(5));
        LedgerEntry done = started(begin("C4"));
        ledger.complete(done, LedgerState.COMPLETED, paid("C4"), 1).orElseThrow();
        advance(lease().plusMillis(10));
        started(begin("LIVE"));

        List<LedgerEntry> firstTwo = ledger.claimUnresolved(OTHER, lease(), 2);
        List<LedgerEntry> rest = ledger.claimUnresolved(OTHER, lease(), 10);

        assertThat(firstTwo).extracting(e -> e.key().id()).containsExactly("pay:C1", "pay:C2");
        assertThat(rest).extracting(e -> e.key().id()).containsExactly("pay:C3");
        assertThat(firstTwo).allSatisfy(e -> assertThat(e.ownedBy(OTHER, ledger.now())).isTrue());
        assertThat(firstTwo.get(0).version()).isGreaterThan(crashed1.version());
        assertThat(rest.get(0).version()).isGreaterThan(crashed3.version());
        assertThat(ledger.claimUnresolved(OTHER, lease(), 10)).as("all claimed now").isEmpty();
    }

    @Test
    void concurrentClaimersOfUnresolvedEntriesEachGetADifferentShare() throws Exception {
        int entries = 40;
        for (int i = 0; i < entries; i++) {
            started(begin("U" + i));
        }
        advance(lease().plusMillis(10));

        List<List<LedgerEntry>> shares = race(threads(), i -> {
            List<LedgerEntry> mine = new ArrayList<>();
            for (int round = 0; round < entries; round++) {
                List<LedgerEntry> batch = ledger.claimUnresolved("claimer-" + i, lease(), 3);
                if (batch.isEmpty()) {
                    break;
                }
                mine.addAll(batch);
            }
            return mine;
        });

        List<String> claimed = shares.stream().flatMap(List::stream).map(e -> e.key().id()).toList();
        assertThat(claimed).doesNotHaveDuplicates().hasSize(entries);
        for (int i = 0; i < shares.size(); i++) {
            String claimer = "claimer-" + i;
            assertThat(shares.get(i)).allSatisfy(e -> assertThat(e.owner()).isEqualTo(claimer));
        }
    }

    // ------------------------------------------------------------------ complete

    @Test
    void completeRecordsTheOutcomeAddsTheAttemptsAndReleasesOwnership() {
        LedgerEntry stored = started(begin("A1"));

        LedgerEntry done = ledger.complete(stored, LedgerState.COMPLETED, paid("A1"), 2).orElseThrow();

        assertThat(done.state()).isEqualTo(LedgerState.COMPLETED);
        assertThat(done.outcome()).isEqualTo(paid("A1"));
        assertThat(done.attempts()).isEqualTo(2);
        assertThat(done.owner()).isNull();
        assertThat(done.leaseUntil()).isNull();
        assertThat(done.version()).isGreaterThan(stored.version());
        assertThat(done.updatedAt()).isAfterOrEqualTo(stored.updatedAt());
        assertThat(ledger.find(payKey("A1"))).contains(done);
    }

    @Test
    void attemptsAddUpAcrossTheInstancesThatWorkedOnACall() {
        LedgerEntry stored = started(begin("A1"));
        LedgerEntry doubtful = ledger.complete(stored, LedgerState.IN_DOUBT, inDoubt("A1"), 3).orElseThrow();
        LedgerEntry claimed = ledger.claim(payKey("A1"), OTHER, lease()).orElseThrow();

        LedgerEntry done = ledger.complete(claimed, LedgerState.COMPLETED, paid("A1"), 1).orElseThrow();

        assertThat(doubtful.attempts()).isEqualTo(3);
        assertThat(done.attempts()).isEqualTo(4);
    }

    @Test
    void aStaleWriterWhoseEntryWasTakenOverCannotComplete() {
        LedgerEntry stale = started(begin("A1"));
        advance(lease().plusMillis(10));
        LedgerEntry claimed = ledger.claim(payKey("A1"), OTHER, lease()).orElseThrow();

        assertThat(ledger.complete(stale, LedgerState.COMPLETED, failed("A1"), 1)).isEmpty();

        assertThat(ledger.find(payKey("A1"))).contains(claimed);
        assertThat(ledger.complete(claimed, LedgerState.COMPLETED, paid("A1"), 1)).isPresent();
        assertThat(ledger.find(payKey("A1")).orElseThrow().outcome()).isEqualTo(paid("A1"));
    }

    @Test
    void ofTwoWritersHoldingTheSameVersionOnlyOneCompletes() throws Exception {
        LedgerEntry seen = started(begin("A1"));

        List<Optional<LedgerEntry>> writes = race(threads(), i ->
                ledger.complete(seen, LedgerState.COMPLETED, i % 2 == 0 ? paid("A1") : failed("A1"), 1));

        assertThat(writes).filteredOn(Optional::isPresent).hasSize(1);
        Outcome winner = writes.stream().flatMap(Optional::stream).findFirst().orElseThrow().outcome();
        assertThat(ledger.find(payKey("A1")).orElseThrow().outcome()).isEqualTo(winner);
    }

    @Test
    void completeOfAnEntryThatWasReleasedIsEmpty() {
        LedgerEntry stored = started(begin("A1"));
        assertThat(ledger.release(stored)).isTrue();

        assertThat(ledger.complete(stored, LedgerState.COMPLETED, paid("A1"), 1)).isEmpty();
        assertThat(ledger.find(payKey("A1"))).isEmpty();
    }

    @Test
    void everyOutcomeTypeIsStoredAndReadBackEqual() {
        List<Outcome> outcomes = everyOutcome("OUT");
        for (int i = 0; i < outcomes.size(); i++) {
            LedgerEntry stored = started(begin("OUT" + i));
            Outcome outcome = outcomes.get(i);

            ledger.complete(stored, LedgerState.COMPLETED, outcome, 1).orElseThrow();

            assertThat(ledger.find(payKey("OUT" + i)).orElseThrow().outcome()).as(outcome.toString()).isEqualTo(outcome);
        }
    }

    // ------------------------------------------------------------------ release

    @Test
    void releaseForgetsAnEntrySoTheSameCallMayBeginAfresh() {
        LedgerEntry stored = started(begin("A1"));

        assertThat(ledger.release(stored)).isTrue();

        assertThat(ledger.find(payKey("A1"))).isEmpty();
        assertThat(begin("A1")).isInstanceOf(PaymentLedger.Begin.Started.class);
    }

    @Test
    void releaseIsFencedByTheVersion() {
        LedgerEntry stale = started(begin("A1"));
        advance(lease().plusMillis(10));
        LedgerEntry claimed = ledger.claim(payKey("A1"), OTHER, lease()).orElseThrow();

        assertThat(ledger.release(stale)).isFalse();

        assertThat(ledger.find(payKey("A1"))).contains(claimed);
    }

    // ------------------------------------------------------------------ find, unresolved

    @Test
    void findOfAnUnknownKeyIsEmpty() {
        assertThat(ledger.find(payKey("NOPE"))).isEmpty();
    }

    @Test
    void unresolvedListsEveryUnfinishedEntryOldestFirstWhoeverOwnsIt() {
        started(begin("U1"));
        advance(Duration.ofMillis(5));
        LedgerEntry doubtful = started(begin("U2"));
        ledger.complete(doubtful, LedgerState.IN_DOUBT, inDoubt("U2"), 1).orElseThrow();
        advance(Duration.ofMillis(5));
        LedgerEntry done = started(begin("U3"));
        ledger.complete(done, LedgerState.COMPLETED, paid("U3"), 1).orElseThrow();
        advance(Duration.ofMillis(5));
        started(ledger.begin(entry("U4", "fp-U4", OTHER), lease()));

        assertThat(ledger.unresolved(10)).extracting(e -> e.key().id()).containsExactly("pay:U1", "pay:U2", "pay:U4");
        assertThat(ledger.unresolved(2)).extracting(e -> e.key().id()).containsExactly("pay:U1", "pay:U2");
        assertThat(ledger.unresolved(10)).allSatisfy(e -> assertThat(e.state()).isNotEqualTo(LedgerState.COMPLETED));
    }

    // ------------------------------------------------------------------ scan

    @Test
    void scanPagesThroughOneMerchantsEntriesStartedInTheHalfOpenRangeInKeyOrder() {
        started(begin("S0"));
        advance(Duration.ofMillis(5));
        Instant from = ledger.now();
        for (String id : List.of("S3", "S1", "S5", "S2", "S4")) {
            LedgerEntry e = started(begin(id));
            if (id.equals("S5")) {
                ledger.complete(e, LedgerState.COMPLETED, paid(id), 1).orElseThrow();
            }
            advance(Duration.ofMillis(1));
        }
        LedgerKey otherMerchant = LedgerKey.payment("alipay", "merchant-2", "S9");
        started(ledger.begin(LedgerEntry.start(otherMerchant, "fp", payment("S9"), null, OWNER, ledger.now()), lease()));
        advance(Duration.ofMillis(5));
        Instant to = ledger.now();
        advance(Duration.ofMillis(5));
        started(begin("S6"));

        List<LedgerEntry> page1 = ledger.scan("alipay", "merchant-1", from, to, null, 2);
        List<LedgerEntry> page2 = ledger.scan("alipay", "merchant-1", from, to, page1.get(1).key().id(), 2);
        List<LedgerEntry> page3 = ledger.scan("alipay", "merchant-1", from, to, page2.get(1).key().id(), 2);

        assertThat(page1).extracting(e -> e.key().id()).containsExactly("pay:S1", "pay:S2");
        assertThat(page2).extracting(e -> e.key().id()).containsExactly("pay:S3", "pay:S4");
        assertThat(page3).extracting(e -> e.key().id()).containsExactly("pay:S5");
        assertThat(page3.get(0).outcome()).isEqualTo(paid("S5"));
        assertThat(ledger.scan("alipay", "merchant-1", from, to, "pay:S5", 2)).isEmpty();
        assertThat(ledger.scan("alipay", "merchant-2", from, to, null, 10)).extracting(e -> e.key().id())
                .containsExactly("pay:S9");
        assertThat(ledger.scan("alipay", "merchant-1", from, from, null, 10)).as("empty range").isEmpty();
    }

    // ------------------------------------------------------------------ purge

    @Test
    void purgeCompletedDeletesOnlyCompletedEntriesLastUpdatedBeforeTheCutOffInBatches() {
        for (int i = 0; i < 5; i++) {
            LedgerEntry e = started(begin("OLD" + i));
            ledger.complete(e, LedgerState.COMPLETED, paid("OLD" + i), 1).orElseThrow();
        }
        LedgerEntry doubtful = started(begin("DOUBT"));
        ledger.complete(doubtful, LedgerState.IN_DOUBT, inDoubt("DOUBT"), 1).orElseThrow();
        started(begin("CRASHED"));
        advance(Duration.ofMillis(20));
        Instant cutOff = ledger.now();
        advance(Duration.ofMillis(20));
        LedgerEntry fresh = started(begin("FRESH"));
        ledger.complete(fresh, LedgerState.COMPLETED, paid("FRESH"), 1).orElseThrow();

        assertThat(ledger.purgeCompleted(cutOff, 2)).isEqualTo(2);
        assertThat(ledger.purgeCompleted(cutOff, 2)).isEqualTo(2);
        assertThat(ledger.purgeCompleted(cutOff, 2)).isEqualTo(1);
        assertThat(ledger.purgeCompleted(cutOff, 2)).isZero();

        for (int i = 0; i < 5; i++) {
            assertThat(ledger.find(payKey("OLD" + i))).isEmpty();
        }
        assertThat(ledger.find(payKey("DOUBT"))).isPresent();
        assertThat(ledger.find(payKey("CRASHED"))).isPresent();
        assertThat(ledger.find(payKey("FRESH"))).isPresent();
    }

    // ------------------------------------------------------------------ helpers

    /** The key of a payment of {@code orderId} for the tests' merchant. */
    protected static LedgerKey payKey(String orderId) {
        return LedgerKey.payment("alipay", "merchant-1", orderId);
    }

    /** A QR payment of {@code orderId}. */
    protected static PaymentRequest payment(String orderId) {
        return PaymentRequest.builder().orderId(orderId).amount(Money.cny(4600)).subject("Two bags of tea")
                .method(new PaymentMethod.QrCode()).build();
    }

    /** A new entry of a payment of {@code orderId}, as a client hands it to begin. */
    protected LedgerEntry entry(String orderId, String fingerprint, String owner) {
        return LedgerEntry.start(payKey(orderId), fingerprint, payment(orderId), null, owner, ledger.now());
    }

    /** Begins a payment of {@code orderId} owned by {@link #OWNER}. */
    protected PaymentLedger.Begin begin(String orderId) {
        return ledger.begin(entry(orderId, "fp-" + orderId, OWNER), lease());
    }

    /** The entry of a {@link PaymentLedger.Begin.Started}, failing otherwise. */
    protected static LedgerEntry started(PaymentLedger.Begin begin) {
        assertThat(begin).isInstanceOf(PaymentLedger.Begin.Started.class);
        return ((PaymentLedger.Begin.Started) begin).entry();
    }

    /** A policy unlike the defaults in every field, with sub-second and fractional values. */
    protected static OperationPolicy policy() {
        return new OperationPolicy(Duration.ofMillis(2500), Duration.ofSeconds(7), 2, Duration.ofMillis(150), 1.5,
                Duration.ofMillis(900), 0.25, Duration.ofMillis(700), Duration.ofSeconds(3));
    }

    /** A paid outcome. */
    protected static PaymentOutcome paid(String orderId) {
        return new PaymentOutcome.Paid(orderId, "2025010122001400001", Money.cny(4600), Instant.parse("2025-01-01T08:00:01Z"));
    }

    /** A failed outcome. */
    protected static PaymentOutcome failed(String orderId) {
        return new PaymentOutcome.Failed(orderId, new Failure(FailureReason.INSUFFICIENT_FUNDS, "40004",
                "ACQ.BUYER_BALANCE_NOT_ENOUGH", "balance not enough", null, 1));
    }

    /** An in-doubt outcome. */
    protected static PaymentOutcome inDoubt(String orderId) {
        return new PaymentOutcome.InDoubt(orderId, Failure.of(FailureReason.TIMEOUT, "read timed out"));
    }

    /** One of every outcome type (and every payer action), for round trips through a store. */
    public static List<Outcome> everyOutcome(String orderId) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("timeStamp", "1414561699");
        params.put("package", "prepay_id=wx201410272009395522657a690389285100");
        params.put("paySign", "oR9d8PuhnIc+YZ8cBHFCwfgpaK9gd7vaRvkYD7rthRAZ");
        RefundStatus processing = new RefundStatus(orderId, orderId + "-R", "5030000001", Money.cny(100),
                RefundState.PROCESSING, null, "PROCESSING");
        RefundStatus done = new RefundStatus(orderId, orderId + "-R", null, null, RefundState.SUCCEEDED,
                Instant.parse("2025-01-02T00:00:00.123Z"), null);
        Failure full = new Failure(FailureReason.AMOUNT_MISMATCH, "10000", "SUB", "amount differs", "req-1", 3);
        return List.of(
                paid(orderId),
                new PaymentOutcome.Paid(orderId, null, Money.of("0.01", "USD"), null),
                new PaymentOutcome.AwaitingPayer(orderId, new PayerAction.ScanQrCode("https://qr.alipay.com/bax01")),
                new PaymentOutcome.AwaitingPayer(orderId, new PayerAction.OpenUrl("https://pay.example.com/?a=1&b=2")),
                new PaymentOutcome.AwaitingPayer(orderId, new PayerAction.InvokeClient(params)),
                failed(orderId),
                new PaymentOutcome.InDoubt(orderId, full),
                new RefundOutcome.Refunded(done),
                new RefundOutcome.Processing(processing),
                new RefundOutcome.Failed(orderId, orderId + "-R", Failure.of(FailureReason.REFUND_AMOUNT_EXCEEDED, "too much")),
                new RefundOutcome.InDoubt(orderId, orderId + "-R", Failure.of(FailureReason.NETWORK_ERROR, null)),
                new CloseOutcome.Closed(orderId, true),
                new CloseOutcome.Failed(orderId, Failure.of(FailureReason.ORDER_ALREADY_PAID, "paid")),
                new CloseOutcome.InDoubt(orderId, Failure.of(FailureReason.PROVIDER_UNAVAILABLE, "503")));
    }

    /** Runs {@code work} on {@code n} threads released together, bounded in time; the results in thread order. */
    protected static <T> List<T> race(int n, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch ready = new CountDownLatch(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<T> task = () -> {
                    ready.countDown();
                    go.await();
                    return work.run(index);
                };
                futures.add(pool.submit(task));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(30, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Work done by one racing thread. */
    @FunctionalInterface
    protected interface Work<T> {
        /**
         * Does the work.
         *
         * @param index the thread's index
         * @return its result
         */
        T run(int index) throws Exception;
    }
}
