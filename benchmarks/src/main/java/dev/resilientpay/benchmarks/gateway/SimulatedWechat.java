package dev.resilientpay.benchmarks.gateway;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.testkit.FaultPlan;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorOrder;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import dev.resilientpay.wechat.WechatPayConfig;
import dev.resilientpay.wechat.WechatPayProvider;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The testkit's {@link WechatPaySimulator} (public-key mode) with our client and wechatpay-java pointed at it. */
public final class SimulatedWechat implements Gateway {

    /** WeChat payment codes are 18 digits starting 10 to 15. */
    private static final AtomicLong CODES = new AtomicLong(1_000_000);

    private final WechatPaySimulator simulator = WechatPaySimulator.start();

    @Override
    public String name() {
        return "WeChat Pay";
    }

    @Override
    public String sdkName() {
        return "wechatpay-java 0.2.17";
    }

    @Override
    public void reset() {
        simulator.reset();
    }

    @Override
    public FaultPlan faults() {
        return simulator.faults();
    }

    @Override
    public String happyPaymentCode() {
        return "134000000000000001";
    }

    @Override
    public String paymentCode(PayerKind kind) {
        String code = "13" + String.format("%016d", CODES.incrementAndGet());
        simulator.scriptPaymentCode(code, switch (kind) {
            case PAYS_AT_ONCE -> WechatPaySimulatorPayer.paysAtOnce();
            case CONFIRMS_LATER -> WechatPaySimulatorPayer.confirmsAfter(2);
            case INSUFFICIENT_FUNDS -> WechatPaySimulatorPayer.insufficientFunds();
            case NEVER_CONFIRMS -> WechatPaySimulatorPayer.neverConfirms();
        });
        return code;
    }

    @Override
    public boolean charged(String orderId) {
        return simulator.order(orderId).map(o -> o.netCharged() > 0).orElse(false);
    }

    @Override
    public int charges(String orderId) {
        return simulator.order(orderId).map(WechatPaySimulatorOrder::charges).orElse(0);
    }

    @Override
    public void payerFinishesConfirming(String orderId) {
        Optional<WechatPaySimulatorOrder> order = simulator.order(orderId);
        if (order.isPresent() && ("USERPAYING".equals(order.get().tradeState())
                || "NOTPAY".equals(order.get().tradeState()))) {
            try {
                simulator.payerPays(orderId);
            } catch (IllegalStateException raced) {
                // The order left USERPAYING in between: nothing to confirm.
            }
        }
    }

    @Override
    public boolean created(String orderId) {
        return simulator.order(orderId).isPresent();
    }

    @Override
    public void behaveAsIndependentGateway(int lagQueries) {
        simulator.consumePaymentCodes(true);
        simulator.lagQueriesAfterFaultedPay(lagQueries);
    }

    @Override
    public String history(String orderId) {
        return String.join(" → ", simulator.requests(orderId).stream().map(r -> r.operation() + (r.fault() == null ? "" : "[" + r.fault() + "]") + " " + r.status()).toList());
    }

    @Override
    public int requestsReceived() {
        return simulator.requests().size();
    }

    @Override
    public int port() {
        return URI.create(simulator.baseUrl()).getPort();
    }

    private String baseUrl(int port) {
        return "http://127.0.0.1:" + port;
    }

    private WechatPayConfig config(int port) {
        return WechatPayConfig.builder()
                .mchId(simulator.mchId())
                .appId(simulator.appId())
                .merchantPrivateKey(simulator.merchantPrivateKeyPem())
                .merchantSerialNumber(simulator.merchantSerialNumber())
                .apiV3Key(simulator.apiV3Key())
                .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKeyPem())
                .host(baseUrl(port))
                .build();
    }

    @Override
    public PaymentCaller ours(Timing timing, int port, PaymentListener listener, BreakerPolicy breaker,
                              String name) {
        return OurCaller.create(WechatPayProvider.create(config(port)), timing, listener, breaker, name);
    }

    /** The bare provider (no pipeline) for the overhead benchmark. */
    public WechatPayProvider provider() {
        return WechatPayProvider.create(config(port()));
    }

    @Override
    public PaymentCaller sdkAsDocumented(Timing timing, int port) {
        return sdk(timing, port, false);
    }

    @Override
    public PaymentCaller sdkWithRecovery(Timing timing, int port) {
        return sdk(timing, port, true);
    }

    private PaymentCaller sdk(Timing timing, int port, boolean recovering) {
        return new WechatSdkCaller(baseUrl(port), simulator.mchId(), simulator.appId(),
                simulator.merchantSerialNumber(), simulator.merchantPrivateKeyPem(), simulator.apiV3Key(),
                simulator.publicKeyId(), simulator.platformPublicKeyPem(), timing, recovering);
    }

    @Override
    public void close() {
        simulator.close();
    }
}
