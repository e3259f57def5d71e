package dev.resilientpay.benchmarks.jmh;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.benchmarks.gateway.Gateway;
import dev.resilientpay.benchmarks.gateway.SimulatedAlipay;
import dev.resilientpay.benchmarks.gateway.SimulatedWechat;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.PaymentProvider;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What {@link PaymentClient#pay} costs on top of calling the same adapter directly, on the happy path
 * (a payment-code payment answered "paid" at once), same process, same stub:
 * <ul>
 *   <li>{@code in-memory}: an adapter that answers without I/O, so the difference is the pipeline alone
 *       (ledger, single flight, breaker, listeners, outcome mapping);</li>
 *   <li>{@code alipay} / {@code wechat}: the real adapters against the testkit simulators on loopback
 *       (signing, HTTP, the simulator's work, verifying), where the pipeline's share is a percentage.</li>
 * </ul>
 * A new order id per call (the ledger would otherwise answer from memory); the client, its ledger and
 * the simulator's books start empty each iteration.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PipelineOverheadBenchmark {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Money AMOUNT = Money.cny(100);

    @Param({"in-memory", "alipay", "wechat"})
    public String provider;

    private Gateway gateway;
    private PaymentProvider adapter;
    private PaymentClient client;
    private String code;
    private long sequence;

    @Setup(Level.Trial)
    public void start() {
        switch (provider) {
            case "in-memory" -> {
                adapter = new InMemoryProvider();
                code = "286000000000000001";
            }
            case "alipay" -> {
                SimulatedAlipay alipay = new SimulatedAlipay();
                gateway = alipay;
                adapter = alipay.provider();
                code = alipay.happyPaymentCode();
            }
            case "wechat" -> {
                SimulatedWechat wechat = new SimulatedWechat();
                gateway = wechat;
                adapter = wechat.provider();
                code = wechat.happyPaymentCode();
            }
            default -> throw new IllegalArgumentException("provider must be in-memory, alipay or wechat");
        }
    }

    @Setup(Level.Iteration)
    public void freshState() {
        if (gateway != null) {
            gateway.reset();
        }
        client = PaymentClient.builder().provider(adapter).build();
    }

    @TearDown(Level.Iteration)
    public void closeClient() {
        client.close();
    }

    @TearDown(Level.Trial)
    public void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private PaymentRequest nextRequest() {
        return PaymentRequest.builder()
                .orderId("J" + (1_000_000_000L + ++sequence))
                .amount(AMOUNT)
                .subject("Benchmark coffee")
                .method(new PaymentMethod.PaymentCode(code))
                .build();
    }

    /** The adapter alone: one attempt, as a caller without the pipeline would make it. */
    @Benchmark
    public Object adapterDirect() {
        PaymentRequest request = nextRequest();
        return adapter.pay(request, new AttemptContext(request.orderId(), 1, TIMEOUT, Instant.now().plus(TIMEOUT)));
    }

    /** The same adapter behind {@link PaymentClient#pay} with the default policies. */
    @Benchmark
    public Object paymentClient() {
        return client.pay(nextRequest());
    }
}
