package dev.resilientpay.benchmarks.runs;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.TradeState;
import dev.resilientpay.TradeStatus;
import dev.resilientpay.benchmarks.jmh.InMemoryProvider;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * N concurrent {@code payAsync} payment-code payments whose payers are all "confirming on the phone":
 * every send answers "in progress", every query "awaiting payment", until the run lets the payers
 * pay. While all N wait (each polling on the default schedule), it reports the JVM's live platform
 * threads, heap after GC and resident memory, against a baseline taken before; then the payers pay
 * and every future must complete {@code Paid}. The provider answers in process (no HTTP, no
 * signatures): what is measured is what a waiting payment costs the client.
 *
 * <pre>
 * mvn -B -q -P benchmarks -pl benchmarks -am package -DskipTests
 * java -Xmx2g -cp 'benchmarks/target/classes:benchmarks/target/lib/*' dev.resilientpay.benchmarks.runs.AsyncWaitingPayments 10000
 * </pre>
 *
 * The default executor runs each step on a virtual thread on Java 21+ and on a pooled daemon thread
 * on Java 17; the waits between steps hold no thread on either (the client's scheduler times them).
 * Run it with both JDKs.
 */
public final class AsyncWaitingPayments {

    private AsyncWaitingPayments() {}

    /** Runs once and prints one Markdown row. */
    public static void main(String[] args) throws Exception {
        int payments = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        ConfirmingProvider provider = new ConfirmingProvider();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        // A long deadline, so that every payer is still waiting when the run lets them pay.
        dev.resilientpay.Policies policies = dev.resilientpay.Policies.defaults();
        policies = policies.with(dev.resilientpay.Operation.PAY_BY_CODE, policies.of(dev.resilientpay.Operation.PAY_BY_CODE)
                .toBuilder().deadline(java.time.Duration.ofMinutes(10)).build());
        try (PaymentClient client = PaymentClient.builder().provider(provider).policies(policies).build()) {
            // Warm the path up with a few payments that pay at once.
            provider.payersPay = true;
            for (int i = 0; i < 200; i++) {
                client.payAsync(request("warm-" + i)).get(30, TimeUnit.SECONDS);
            }
            provider.payersPay = false;
            long heapBefore = heapAfterGc(memory);
            long rssBefore = rssKib();
            int threadsBefore = threads.getThreadCount();
            threads.resetPeakThreadCount();

            long start = System.nanoTime();
            List<CompletableFuture<PaymentOutcome>> futures = new ArrayList<>(payments);
            for (int i = 0; i < payments; i++) {
                futures.add(client.payAsync(request("o-" + i)));
            }
            // Every payment has been sent and has polled at least once: all are waiting.
            long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (provider.queried.size() < payments && System.nanoTime() < waitUntil) {
                Thread.sleep(50); // a real thread watching real ones: nothing to inject here
            }
            double submitted = (System.nanoTime() - start) / 1e9;
            int waiting = (int) futures.stream().filter(f -> !f.isDone()).count();
            int threadsWaiting = threads.getThreadCount();
            long heapWaiting = heapAfterGc(memory);
            long rssWaiting = rssKib();
            int peak = threads.getPeakThreadCount();
            // Java 17's default executor is a cached pool: threads that ran the burst of first steps stay
            // idle for 30 s. Count again once they are gone, while all payments still wait and poll.
            Thread.sleep(35_000); // a real pool's real idle timeout: nothing to inject here
            int stillWaiting = (int) futures.stream().filter(f -> !f.isDone()).count();
            int threadsLater = threads.getThreadCount();

            provider.payersPay = true;
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(600, TimeUnit.SECONDS);
            double all = (System.nanoTime() - start) / 1e9;
            Map<String, Long> outcomes = futures.stream().map(CompletableFuture::join)
                    .collect(Collectors.groupingBy(o -> o.getClass().getSimpleName(), TreeMap::new, Collectors.counting()));

            System.out.printf("| %s | %,d | %,d waiting after %.1f s | %d → %d (peak %d); 35 s later, %,d still waiting: %d |"
                            + " %.1f KiB | %.1f KiB | %s in %.1f s |%n",
                    Runtime.version(), payments, waiting, submitted, threadsBefore, threadsWaiting, peak, stillWaiting,
                    threadsLater,
                    (heapWaiting - heapBefore) / 1024.0 / payments, (rssWaiting - rssBefore) / (double) payments,
                    outcomes, all);
        }
    }

    private static PaymentRequest request(String orderId) {
        return PaymentRequest.builder().orderId(orderId).amount(Money.cny(2350)).subject("Coffee")
                .method(new PaymentMethod.PaymentCode("287634438256643941")).build();
    }

    private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long rssKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return 0;
    }

    /** Payers confirming on their phones until {@link #payersPay}; answers in process. */
    static final class ConfirmingProvider extends InMemoryProvider {
        volatile boolean payersPay;
        final Map<String, Boolean> queried = new java.util.concurrent.ConcurrentHashMap<>();

        ConfirmingProvider() {
            super(null);
        }

        @Override
        public String name() {
            return "confirming";
        }

        @Override
        public Attempt<PaymentOutcome> pay(PaymentRequest request, AttemptContext context) {
            return payersPay ? super.pay(request, context) : new Attempt.Pending<>("USERPAYING");
        }

        @Override
        public Attempt<TradeStatus> query(String orderId, AttemptContext context) {
            queried.put(orderId, Boolean.TRUE);
            if (payersPay) {
                return new Attempt.Succeeded<>(new TradeStatus(orderId, TradeState.PAID, "T" + orderId, Money.cny(2350),
                        Instant.now(), "TRADE_SUCCESS"));
            }
            return new Attempt.Succeeded<>(new TradeStatus(orderId, TradeState.AWAITING_PAYMENT, null, null, null,
                    "WAIT_BUYER_PAY"));
        }
    }
}
