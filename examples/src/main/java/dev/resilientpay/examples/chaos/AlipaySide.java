package dev.resilientpay.examples.chaos;

import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.spi.PaymentProvider;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.AlipaySimulatorRequest;
import dev.resilientpay.testkit.AlipaySimulatorTrade;
import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.FaultPlan;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Alipay gateway simulator as the demo uses it. */
final class AlipaySide implements GatewaySide {

    private final AlipaySimulator simulator = AlipaySimulator.start();
    private final AlipayProvider provider = AlipayProvider.create(AlipayConfig.builder()
            .appId(simulator.appId())
            .merchantPrivateKey(simulator.appPrivateKeyPem())
            .alipayPublicKey(simulator.alipayPublicKeyPem())
            .gatewayUrl(simulator.gatewayUrl())
            .build());

    @Override
    public String name() {
        return "alipay";
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
                Fault.responseLost(), Fault.badSignature(), Fault.malformedBody());
    }

    @Override
    public String paymentCode(PayerScript payer) {
        return simulator.newPaymentCode(switch (payer.kind()) {
            case PAYS_AT_ONCE -> AlipaySimulatorPayer.paysAtOnce();
            case PAYS_AFTER_QUERIES -> AlipaySimulatorPayer.confirmsAfter(payer.queries());
            case NEVER_PAYS -> AlipaySimulatorPayer.neverConfirms();
            case INSUFFICIENT_FUNDS -> AlipaySimulatorPayer.insufficientFunds();
            case INVALID_CODE -> AlipaySimulatorPayer.invalidPaymentCode();
        });
    }

    @Override
    public void scriptQrPayer(String orderId, PayerScript payer) {
        switch (payer.kind()) {
            case PAYS_AFTER_QUERIES -> simulator.scriptOrder(orderId, AlipaySimulatorPayer.confirmsAfter(payer.queries()));
            case NEVER_PAYS -> simulator.scriptOrder(orderId, AlipaySimulatorPayer.neverConfirms());
            default -> { } // pays when told (payerPays)
        }
    }

    @Override
    public void payerPays(String orderId) {
        simulator.payerScans(orderId);
        simulator.payerPays(orderId);
    }

    @Override
    public Map<String, GatewayOrder> ledger() {
        Map<String, GatewayOrder> orders = new HashMap<>();
        for (AlipaySimulatorTrade trade : simulator.orders()) {
            orders.put(trade.orderId(), new GatewayOrder(trade.charges(), fen(trade.netAmount()), fen(trade.refundedAmount())));
        }
        return orders;
    }

    @Override
    public Map<String, Integer> requestsPerOrder() {
        Map<String, Integer> counts = new HashMap<>();
        for (AlipaySimulatorRequest request : simulator.requests()) {
            if (!request.outTradeNo().isEmpty()) {
                counts.merge(request.outTradeNo(), 1, Integer::sum);
            }
        }
        return counts;
    }

    @Override
    public int requestsReceived() {
        return simulator.requests().size();
    }

    private static long fen(BigDecimal yuan) {
        return yuan.movePointRight(2).longValueExact();
    }

    @Override
    public void close() {
        simulator.close();
    }
}
