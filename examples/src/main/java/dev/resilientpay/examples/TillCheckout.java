package dev.resilientpay.examples;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import java.io.PrintStream;

/**
 * Payment-code checkout at a till, with Alipay and WeChat Pay: the cashier scans the code on the
 * payer's phone and {@code pay} returns {@code Paid} or {@code Failed}. Everything that can happen in
 * between is the client's business: a payer who must confirm on the phone is polled, an answer that
 * does not arrive is queried, and a payment still unconfirmed at the deadline is cancelled, so the
 * till never shows a payment that the gateway does not have (or the reverse).
 *
 * <pre>
 * mvn -q -pl examples exec:java -Dexec.mainClass=dev.resilientpay.examples.TillCheckout [-Dexec.args=wechat]
 * </pre>
 * Runs against the embedded simulators; set the variables listed in {@link Sandbox} for a real sandbox
 * (the payment code then comes from {@code ALIPAY_PAYMENT_CODE} / {@code WECHAT_PAYMENT_CODE} or the terminal).
 */
public final class TillCheckout {

    private TillCheckout() {}

    /** Checks out one basket with each provider named in {@code args} (default: both). */
    public static void main(String[] args) {
        for (String provider : Sandbox.chosen(args)) {
            try (Sandbox sandbox = Sandbox.of(provider, System.getenv())) {
                checkout(sandbox, System.out);
            }
        }
    }

    /** Scans the payer's code and charges 23.50 CNY; prints and returns the outcome. */
    public static PaymentOutcome checkout(Sandbox sandbox, PrintStream out) {
        out.println("== " + sandbox.name() + ": payment-code checkout at the till (" + sandbox + ")");
        try (PaymentClient client = PaymentClient.builder().provider(sandbox.provider()).build()) {
            PaymentRequest request = PaymentRequest.builder()
                    .orderId(Sandbox.newOrderId("TILL"))
                    .amount(Money.of("23.50", "CNY"))
                    .subject("Flat white and a croissant")
                    .method(new PaymentMethod.PaymentCode(sandbox.payerPaymentCode()))
                    .build();
            PaymentOutcome outcome = client.pay(request);
            out.println("order " + request.orderId() + ": " + OutcomeText.of(outcome));
            if (outcome instanceof PaymentOutcome.Paid) {
                out.println("-> print the receipt, hand over the coffee");
            } else if (outcome instanceof PaymentOutcome.InDoubt) {
                out.println("-> nothing is lost: client.resolve(\"" + request.orderId() + "\") finishes it later");
            }
            return outcome;
        }
    }
}
