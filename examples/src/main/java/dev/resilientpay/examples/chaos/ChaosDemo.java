package dev.resilientpay.examples.chaos;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.Operation;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.Policies;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.examples.ExamplePostgres;
import dev.resilientpay.ledger.jdbc.JdbcPaymentLedger;
import dev.resilientpay.spi.PaymentLedger;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * The chaos demo, the README's demo command: thousands of payments through Alipay and WeChat Pay
 * while the gateways misbehave, and proof that no order was lost.
 *
 * <p>Both embedded simulators start on loopback ports and break a share of the requests they receive
 * ({@code FaultPlan.randomly}): short and long delays, connection resets, 500/502 (an HTML page)/503,
 * 429 with {@code Retry-After}, the gateway's own "system error" (some after processing), requests
 * processed and then their response lost, bad signatures, malformed bodies (and stale timestamps for
 * WeChat). Scripted payers pay at once, confirm on the phone after a few queries, never confirm, lack
 * funds or show an invalid code; QR payers pay at once, after a few queries, or never; one order in ten
 * is refunded. A bounded pool of shop threads pays through one {@link PaymentClient} per provider with
 * short policies (polls from 20 ms backing off to 100 ms, deadlines of 1.5 to 3 s).
 *
 * <p>When every order has an answer, the outage ends (faults cleared), orders left in doubt or awaiting
 * their payer are finished with {@code client.resolve()}, and every order's outcome is reconciled with
 * the simulator's own ledger and request log: money the payer lost or the merchant believes it has, orders
 * charged twice, and requests at the gateway that the client did not decide to send (a transport's
 * silent re-send) must all be zero. The exit code is 1 if anything differs.
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java
 * mvn -q -pl examples exec:java -Dexec.args="--orders 5000 --faults 0.3 --threads 32 --seed 7"
 * mvn -q -pl examples exec:java -Dexec.args="--orders 500 --ledger postgres"
 * </pre>
 */
public final class ChaosDemo {

    /**
     * How the demo runs.
     *
     * @param ordersPerProvider orders placed with each provider
     * @param faultRate         share of gateway requests that are broken, 0 to 1
     * @param threads           shop threads paying concurrently
     * @param seed              seed of the workload, the faults and the backoff jitter
     * @param progress          whether to draw the progress bar
     * @param ledger            {@code memory} (the default) or {@code postgres}: the durable JDBC ledger on an
     *                          embedded PostgreSQL (or the server at {@code RESILIENTPAY_POSTGRES_URL})
     */
    public record Options(int ordersPerProvider, double faultRate, int threads, long seed, boolean progress,
                          String ledger) {

        /**
         * Options on the in-memory ledger.
         *
         * @param ordersPerProvider orders per provider
         * @param faultRate         share of faulted gateway requests
         * @param threads           shop threads
         * @param seed              random seed
         * @param progress          whether to draw the progress bar
         */
        public Options(int ordersPerProvider, double faultRate, int threads, long seed, boolean progress) {
            this(ordersPerProvider, faultRate, threads, seed, progress, "memory");
        }

        /** Validates the options. */
        public Options {
            if (!"memory".equals(ledger) && !"postgres".equals(ledger)) {
                throw new IllegalArgumentException("ledger must be memory or postgres, was " + ledger);
            }
            if (ordersPerProvider < 1 || ordersPerProvider > 999_999) {
                throw new IllegalArgumentException("orders must be 1 to 999999, was " + ordersPerProvider);
            }
            if (!(faultRate >= 0 && faultRate <= 1)) {
                throw new IllegalArgumentException("faults must be 0 to 1, was " + faultRate);
            }
            if (threads < 1 || threads > 512) {
                throw new IllegalArgumentException("threads must be 1 to 512, was " + threads);
            }
        }

        /** 2,000 orders per provider, 15 % faults, 16 threads, seed 42, progress bar. */
        public static Options defaults() {
            return new Options(2_000, 0.15, 16, 42L, true, "memory");
        }

        /**
         * Parses {@code --orders N --faults P --threads T --seed S --no-progress --ledger memory|postgres}.
         *
         * @throws IllegalArgumentException naming the option and the rule
         */
        public static Options parse(String... args) {
            Options o = defaults();
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if ("--no-progress".equals(name)) {
                    o = new Options(o.ordersPerProvider, o.faultRate, o.threads, o.seed, false, o.ledger);
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(name + " needs a value; options: --orders N --faults P"
                            + " --threads T --seed S --no-progress --ledger memory|postgres");
                }
                String value = args[++i];
                try {
                    o = switch (name) {
                        case "--orders" -> new Options(Integer.parseInt(value), o.faultRate, o.threads, o.seed, o.progress,
                                o.ledger);
                        case "--faults" -> new Options(o.ordersPerProvider, Double.parseDouble(value), o.threads, o.seed,
                                o.progress, o.ledger);
                        case "--threads" -> new Options(o.ordersPerProvider, o.faultRate, Integer.parseInt(value), o.seed,
                                o.progress, o.ledger);
                        case "--seed" -> new Options(o.ordersPerProvider, o.faultRate, o.threads, Long.parseLong(value),
                                o.progress, o.ledger);
                        case "--ledger" -> new Options(o.ordersPerProvider, o.faultRate, o.threads, o.seed, o.progress, value);
                        default -> throw new IllegalArgumentException("unknown option " + name + "; options: --orders N"
                                + " --faults P --threads T --seed S --no-progress --ledger memory|postgres");
                    };
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " must be a number, was '" + value + "'");
                }
            }
            return o;
        }
    }

    /**
     * The result of a run.
     *
     * @param runs        one per provider
     * @param errors      orders the demo itself could not run (a bug somewhere: makes the run unclean)
     * @param wallSeconds how long the whole run took
     */
    public record Summary(List<ProviderRun> runs, List<String> errors, double wallSeconds) {

        /** Whether every order reconciled and nothing went wrong. */
        public boolean clean() {
            return errors.isEmpty() && runs.stream().allMatch(r -> r.reconciliation().clean());
        }

        /** Orders reconciled, over all providers. */
        public int orders() {
            return runs.stream().mapToInt(r -> r.reconciliation().orders()).sum();
        }
    }

    private static final Duration RUN_LIMIT = Duration.ofMinutes(10);

    private ChaosDemo() {}

    /** Runs the demo with the options in {@code args}; exits with 1 if reconciliation finds a difference. */
    public static void main(String[] args) {
        Summary summary = run(Options.parse(args), System.out);
        System.exit(summary.clean() ? 0 : 1);
    }

    /** Runs the demo and prints its progress, table and reconciliation on {@code out}. */
    public static Summary run(Options options, PrintStream out) {
        long started = System.nanoTime();
        out.printf("resilient-pay chaos demo: %d orders per provider, %.0f %% of gateway requests faulted, %d threads,"
                + " seed %d (embedded simulators on loopback), %s ledger%n", options.ordersPerProvider(),
                options.faultRate() * 100, options.threads(), options.seed(), options.ledger());
        ExamplePostgres postgres = options.ledger().equals("postgres") ? ExamplePostgres.start() : null;
        String table = "rp_chaos_" + Long.toHexString(System.nanoTime());
        PaymentLedger ledger = null;
        if (postgres != null) {
            JdbcPaymentLedger jdbc = JdbcPaymentLedger.builder(postgres.dataSource()).tableName(table).build();
            jdbc.createSchemaIfMissing();
            ledger = jdbc; // one table for both providers: keys are namespaced by provider and merchant
            out.println("ledger: table " + table + " on " + postgres);
        }
        List<String> errors = new ArrayList<>();
        List<ProviderRun> runs = new ArrayList<>();
        ExecutorService shop = Executors.newFixedThreadPool(options.threads(), task -> {
            Thread thread = new Thread(task, "chaos-shop");
            thread.setDaemon(true);
            return thread;
        });
        try (AlipaySide alipay = new AlipaySide(); WechatSide wechat = new WechatSide()) {
            List<GatewaySide> sides = List.of(alipay, wechat);
            List<Shop> shops = new ArrayList<>();
            for (GatewaySide side : sides) {
                side.faults().randomly(options.faultRate(), side.faultMix(), options.seed());
                shops.add(new Shop(side, options, ledger));
            }
            runWorkload(shops, options, shop, out, errors);
            for (Shop s : shops) {
                s.side.faults().clear(); // the outage is over: finish what was left open
            }
            resolveOpenOrders(shops, shop, errors);
            for (Shop s : shops) {
                runs.add(new ProviderRun(s.side.name(), s.results, s.stats, s.side.faults().injectedCount(),
                        Reconciliation.of(s.results, s.stats, s.side)));
                s.client.close();
            }
        } finally {
            shop.shutdownNow();
            if (postgres != null) {
                postgres.drop(table);
                postgres.close();
            }
        }
        double wallSeconds = (System.nanoTime() - started) / 1e9;
        out.println();
        new ChaosReport(out, runs).print(wallSeconds);
        for (String error : errors) {
            out.println("error: " + error);
        }
        return new Summary(runs, List.copyOf(errors), wallSeconds);
    }

    /** One provider's shop: its gateway, its client and what happened to its orders. */
    private static final class Shop {
        final GatewaySide side;
        final ChaosStats stats = new ChaosStats();
        final PaymentClient client;
        final List<Workload.Order> orders;
        List<OrderResult> results = List.of();

        Shop(GatewaySide side, Options options, PaymentLedger ledger) {
            this.side = side;
            this.client = PaymentClient.builder()
                    .provider(side.provider())
                    .ledger(ledger != null ? ledger : PaymentLedger.inMemory())
                    .policies(demoPolicies())
                    // Opens only when at least half of the last 50 attempts fail: an outage, not the demo's 15 %.
                    .breaker(new BreakerPolicy(50, 50, 30, Duration.ofMillis(200), 5))
                    .listener(stats)
                    .seed(options.seed())
                    .build();
            this.orders = Workload.plan(side.name().equals("alipay") ? "ALI" : "WX", options.ordersPerProvider(),
                    options.seed());
        }
    }

    /**
     * Short policies, so that thousands of payments finish in well under a minute: polls from 20 ms
     * backing off to 100 ms, deadlines of 1.5 to 3 s, attempts cut at 1 s (the 1.5 s delay fault is a
     * timeout).
     */
    static Policies demoPolicies() {
        UnaryOperator<OperationPolicy.Builder> quick = b -> b
                .attemptTimeout(Duration.ofSeconds(1))
                .backoff(Duration.ofMillis(20), 2.0, Duration.ofMillis(100))
                .jitter(0.5)
                .polling(Duration.ofMillis(20), Duration.ofMillis(100));
        Policies defaults = Policies.defaults();
        Policies policies = defaults;
        for (Operation operation : Operation.values()) {
            OperationPolicy.Builder b = quick.apply(defaults.of(operation).toBuilder());
            switch (operation) {
                case PAY_BY_CODE -> b.deadline(Duration.ofMillis(1_500)).maxAttempts(3);
                case CREATE_ORDER, REFUND -> b.deadline(Duration.ofSeconds(3)).maxAttempts(3);
                case CANCEL -> b.deadline(Duration.ofSeconds(2)).maxAttempts(5)
                        .polling(Duration.ofMillis(30), Duration.ofMillis(100));
                default -> b.deadline(Duration.ofSeconds(2)).maxAttempts(3);
            }
            policies = policies.with(operation, b.build());
        }
        return policies;
    }

    private static void runWorkload(List<Shop> shops, Options options, ExecutorService pool, PrintStream out,
                                    List<String> errors) {
        int total = shops.stream().mapToInt(s -> s.orders.size()).sum();
        List<List<Future<OrderResult>>> futures = new ArrayList<>();
        for (int i = 0; i < shops.size(); i++) {
            futures.add(new ArrayList<>());
        }
        try (ProgressBar bar = options.progress() ? ProgressBar.start(out, total) : null) {
            // Interleave the providers so both gateways are busy at once, as in a shop that takes both.
            for (int i = 0; i < options.ordersPerProvider(); i++) {
                for (int s = 0; s < shops.size(); s++) {
                    Shop shop = shops.get(s);
                    Workload.Order order = shop.orders.get(i);
                    futures.get(s).add(pool.submit(() -> {
                        try {
                            return Workload.run(order, shop.client, shop.side);
                        } finally {
                            if (bar != null) {
                                bar.step();
                            }
                        }
                    }));
                }
            }
            long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
            for (int s = 0; s < shops.size(); s++) {
                shops.get(s).results = collect(futures.get(s), deadline, errors);
            }
        }
    }

    /** Finishes orders left in doubt or awaiting their payer, and refunds not known to be done. */
    private static void resolveOpenOrders(List<Shop> shops, ExecutorService pool, List<String> errors) {
        long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
        for (Shop shop : shops) {
            List<Future<OrderResult>> futures = new ArrayList<>();
            for (OrderResult result : shop.results) {
                futures.add(pool.submit(() -> resolve(shop.client, result)));
            }
            shop.results = collect(futures, deadline, errors);
        }
    }

    private static OrderResult resolve(PaymentClient client, OrderResult result) {
        OrderResult resolved = result;
        if (result.outcome() instanceof PaymentOutcome.InDoubt || result.outcome() instanceof PaymentOutcome.AwaitingPayer) {
            resolved = resolved.resolved(client.resolve(result.orderId()));
        }
        if (resolved.refund() instanceof RefundOutcome.InDoubt || resolved.refund() instanceof RefundOutcome.Processing) {
            // The same refund id again: the gateway refunds at most once, the client learns the result.
            resolved = resolved.refunded(client.refund(resolved.refundRequest()));
        }
        return resolved;
    }

    private static List<OrderResult> collect(List<Future<OrderResult>> futures, long deadlineNanos, List<String> errors) {
        List<OrderResult> results = new ArrayList<>(futures.size());
        for (Future<OrderResult> future : futures) {
            try {
                results.add(future.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                errors.add(String.valueOf(e.getCause()));
            } catch (TimeoutException e) {
                future.cancel(true);
                errors.add("an order did not finish within " + RUN_LIMIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                errors.add("interrupted");
                break;
            }
        }
        return results;
    }
}
