package dev.resilientpay.examples.readme;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Values for the {@code given} variables of runnable README blocks, all against one Alipay simulator.
 * A runnable block may only be given what is listed in {@link #KNOWN}; anything else makes it
 * compile-only, which its marker must then say.
 */
final class SnippetFixtures implements AutoCloseable {

    /** The declarations this class can supply, exactly as a marker writes them. */
    static final Set<String> KNOWN = Set.of("AlipayConfig config", "String scannedCode",
            "PaymentProvider provider", "PaymentRequest request");

    private final AtomicInteger orders = new AtomicInteger();
    private AlipaySimulator alipay;

    /** The value for {@code declaration} (e.g. {@code String scannedCode}), fresh for each call. */
    Object value(String declaration) {
        String normalized = declaration.strip().replaceAll("\\s+", " ");
        switch (normalized) {
            case "AlipayConfig config":
                return config();
            case "String scannedCode":
                return alipay().newPaymentCode(AlipaySimulatorPayer.paysAtOnce());
            case "PaymentProvider provider":
                return AlipayProvider.create(config());
            case "PaymentRequest request":
                return PaymentRequest.builder()
                        .orderId("readme_" + orders.incrementAndGet())
                        .amount(Money.of("9.90", "CNY"))
                        .subject("tea")
                        .method(new PaymentMethod.PaymentCode(alipay().newPaymentCode(AlipaySimulatorPayer.paysAtOnce())))
                        .build();
            default:
                throw new IllegalArgumentException("no fixture for 'given " + declaration
                        + "': mark the block compile-only or add the fixture to SnippetFixtures");
        }
    }

    private AlipayConfig config() {
        return AlipayConfig.builder()
                .appId(alipay().appId())
                .merchantPrivateKey(alipay().appPrivateKeyPem())
                .alipayPublicKey(alipay().alipayPublicKeyPem())
                .gatewayUrl(alipay().gatewayUrl())
                .build();
    }

    private AlipaySimulator alipay() {
        if (alipay == null) {
            alipay = AlipaySimulator.start();
        }
        return alipay;
    }

    @Override
    public void close() {
        if (alipay != null) {
            alipay.close();
        }
    }
}
