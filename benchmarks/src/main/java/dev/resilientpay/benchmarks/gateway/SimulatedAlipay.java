package dev.resilientpay.benchmarks.gateway;

import dev.resilientpay.BreakerPolicy;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.AlipaySimulatorTrade;
import dev.resilientpay.testkit.FaultPlan;
import java.util.Optional;

/** The testkit's {@link AlipaySimulator} with our client and alipay-sdk-java pointed at it. */
public final class SimulatedAlipay implements Gateway {

    private final AlipaySimulator simulator = AlipaySimulator.start();

    @Override
    public String name() {
        return "Alipay";
    }

    @Override
    public String sdkName() {
        return "alipay-sdk-java 4.40.734.ALL";
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
        return "286000000000000001";
    }

    @Override
    public String paymentCode(PayerKind kind) {
        return simulator.newPaymentCode(switch (kind) {
            case PAYS_AT_ONCE -> AlipaySimulatorPayer.paysAtOnce();
            case CONFIRMS_LATER -> AlipaySimulatorPayer.confirmsAfter(2);
            case INSUFFICIENT_FUNDS -> AlipaySimulatorPayer.insufficientFunds();
            case NEVER_CONFIRMS -> AlipaySimulatorPayer.neverConfirms();
        });
    }

    @Override
    public boolean charged(String orderId) {
        return simulator.order(orderId).map(t -> t.netAmount().signum() > 0).orElse(false);
    }

    @Override
    public int charges(String orderId) {
        return simulator.order(orderId).map(AlipaySimulatorTrade::charges).orElse(0);
    }

    @Override
    public void payerFinishesConfirming(String orderId) {
        Optional<AlipaySimulatorTrade> trade = simulator.order(orderId);
        if (trade.isPresent() && "WAIT_BUYER_PAY".equals(trade.get().status())) {
            try {
                simulator.payerPays(orderId);
            } catch (IllegalStateException raced) {
                // The trade left WAIT_BUYER_PAY in between: nothing to confirm.
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
        return String.join(" → ", simulator.requests(orderId).stream().map(r -> r.method().replace("alipay.trade.", "") + (r.fault().isPresent() ? "[" + r.fault().get().getClass().getSimpleName() + (r.processed() ? ", processed" : "") + "]" : "") + (r.code().isEmpty() ? "" : " " + r.code() + (r.subCode().isEmpty() ? "" : "/" + r.subCode()))).toList());
    }

    @Override
    public int requestsReceived() {
        return simulator.requests().size();
    }

    @Override
    public int port() {
        return simulator.port();
    }

    private String gatewayUrl(int port) {
        return "http://127.0.0.1:" + port + "/gateway.do";
    }

    @Override
    public PaymentCaller ours(Timing timing, int port, PaymentListener listener, BreakerPolicy breaker,
                              String name) {
        AlipayConfig config = AlipayConfig.builder()
                .appId(simulator.appId())
                .merchantPrivateKey(simulator.appPrivateKeyPem())
                .alipayPublicKey(simulator.alipayPublicKeyPem())
                .gatewayUrl(gatewayUrl(port))
                .build();
        return OurCaller.create(AlipayProvider.create(config), timing, listener, breaker, name);
    }

    /** The bare provider (no pipeline) for the overhead benchmark. */
    public AlipayProvider provider() {
        return AlipayProvider.create(AlipayConfig.builder()
                .appId(simulator.appId())
                .merchantPrivateKey(simulator.appPrivateKeyPem())
                .alipayPublicKey(simulator.alipayPublicKeyPem())
                .gatewayUrl(simulator.gatewayUrl())
                .build());
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
        return new AlipaySdkCaller(gatewayUrl(port), simulator.appId(), simulator.appPrivateKeyPem(),
                simulator.alipayPublicKeyPem(), timing, recovering);
    }

    @Override
    public void close() {
        simulator.close();
    }
}
