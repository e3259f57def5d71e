package dev.resilientpay.examples.chaos;

import dev.resilientpay.spi.PaymentProvider;
import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.FaultPlan;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorOrder;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import dev.resilientpay.testkit.WechatPaySimulatorRefund;
import dev.resilientpay.testkit.WechatPaySimulatorRequest;
import dev.resilientpay.wechat.WechatPayConfig;
import dev.resilientpay.wechat.WechatPayProvider;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The WeChat Pay gateway simulator as the demo uses it. */
final class WechatSide implements GatewaySide {

    private final WechatPaySimulator simulator = WechatPaySimulator.start();
    private final WechatPayProvider provider = WechatPayProvider.create(WechatPayConfig.builder()
            .mchId(simulator.mchId())
            .appId(simulator.appId())
            .merchantPrivateKey(simulator.merchantPrivateKeyPem())
            .merchantSerialNumber(simulator.merchantSerialNumber())
            .apiV3Key(simulator.apiV3Key())
            .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKeyPem())
            .host(simulator.baseUrl())
            .notifyUrl("https://shop.example.com/notify/wechat")
            .build());

    @Override
    public String name() {
        return "wechat";
    }

    @Override
    public PaymentProvider provider() {
        return provider;
    }

    @Override
    public FaultPlan faults() {
        return simulator.faults();
    }

    @Override
    public List<Fault> faultMix() {
        return List.of(
                Fault.delay(Duration.ofMillis(20)), Fault.delay(Duration.ofMillis(1_500)),
                Fault.connectionReset(), Fault.http500(), Fault.http502Html(), Fault.http503Empty(),
                Fault.rateLimited(Duration.ofSeconds(1)), Fault.systemError(), Fault.systemErrorAfterProcessing(),
                Fault.responseLost(), Fault.badSignature(), Fault.malformedBody(), Fault.staleTimestamp());
    }

    @Override
    public String paymentCode(PayerScript payer) {
        String code = "13" + String.format("%016d",
                ThreadLocalRandom.current().nextLong(1_000_000_000_000_000L, 10_000_000_000_000_000L));
        simulator.scriptPaymentCode(code, switch (payer.kind()) {
            case PAYS_AT_ONCE -> WechatPaySimulatorPayer.paysAtOnce();
            case PAYS_AFTER_QUERIES -> WechatPaySimulatorPayer.confirmsAfter(payer.queries());
            case NEVER_PAYS -> WechatPaySimulatorPayer.neverConfirms();
            case INSUFFICIENT_FUNDS -> WechatPaySimulatorPayer.insufficientFunds();
            case INVALID_CODE -> WechatPaySimulatorPayer.invalidPaymentCode();
        });
        return code;
    }

    @Override
    public void scriptQrPayer(String orderId, PayerScript payer) {
        switch (payer.kind()) {
            case PAYS_AFTER_QUERIES -> simulator.scriptOrder(orderId, WechatPaySimulatorPayer.confirmsAfter(payer.queries()));
            case NEVER_PAYS -> simulator.scriptOrder(orderId, WechatPaySimulatorPayer.neverConfirms());
            default -> { } // pays when told (payerPays)
        }
    }

    @Override
    public void payerPays(String orderId) {
        simulator.payerPays(orderId);
    }

    @Override
    public Map<String, GatewayOrder> ledger() {
        Map<String, GatewayOrder> orders = new HashMap<>();
        for (WechatPaySimulatorOrder order : simulator.orders()) {
            long refunded = order.refunds().stream().filter(r -> "SUCCESS".equals(r.status()))
                    .mapToLong(WechatPaySimulatorRefund::amount).sum();
            orders.put(order.outTradeNo(), new GatewayOrder(order.charges(), order.netCharged(), refunded));
        }
        return orders;
    }

    @Override
    public Map<String, Integer> requestsPerOrder() {
        Map<String, Integer> counts = new HashMap<>();
        for (WechatPaySimulatorRequest request : simulator.requests()) {
            if (request.outTradeNo() != null) {
                counts.merge(request.outTradeNo(), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Override
    public int requestsReceived() {
        return simulator.requests().size();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
