package dev.resilientpay.examples;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentCodes;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.PaymentRouter;
import java.io.PrintStream;

/**
 * One till, both wallets: the cashier scans whatever code the payer shows, Alipay or WeChat Pay, and
 * one call takes the payment. {@link PaymentRouter} tells the wallet from the code
 * ({@link PaymentCodes}) and uses that wallet's client; {@code pay} returns {@code Paid} or
 * {@code Failed}. Everything that can happen in between is the client's business: a payer who must
 * confirm on the phone is polled, an answer that does not arrive is queried, and a payment still
 * unconfirmed at the deadline is cancelled, so the till never shows a payment that the gateway does
 * not have (or the reverse).
 *
 * <pre>
 * mvn -q -pl examples -am -DskipTests package exec:java -Dexec.mainClass=dev.resilientpay.examples.TillCheckout [-Dexec.args=wechat]
 * </pre>
 * The arguments name the wallets of the payers who come to the till (default: one of each). Runs
 * against the embedded simulators; set the variables listed in {@link Sandbox} for a real sandbox
 * (the payment code then comes from {@code ALIPAY_PAYMENT_CODE} / {@code WECHAT_PAYMENT_CODE} or the terminal).
 */
public final class TillCheckout {

    private TillCheckout() {}

    /** Opens the till with both wallets and checks out one payer per wallet named in {@code args}. */
    public static void main(String[] args) {
        try (Sandbox alipay = Sandbox.alipay(); Sandbox wechat = Sandbox.wechat();
             PaymentClient alipayClient = PaymentClient.builder().provider(alipay.provider()).build();
             PaymentClient wechatClient = PaymentClient.builder().provider(wechat.provider()).build()) {
            PaymentRouter till = PaymentRouter.of(alipayClient, wechatClient);
            System.out.println("== till open for " + till.providers() + " (" + alipay + "; " + wechat + ")");
            for (String wallet : Sandbox.chosen(args)) {
                Sandbox payer = "wechat".equals(wallet) ? wechat : alipay;
                checkout(till, payer.payerPaymentCode(), System.out);
            }
        }
    }

    /**
     * Scans {@code scannedCode} and charges 23.50 CNY through the wallet that issued it; prints and
     * returns the outcome.
     *
     * @param till        the router over one client per wallet
     * @param scannedCode the code read from the payer's phone, of either wallet
     * @param out         where the till's screen prints
     * @return the outcome of the one {@code pay} call
     * @throws IllegalArgumentException if the code is of neither wallet, or of one the till has no client for
     */
    public static PaymentOutcome checkout(PaymentRouter till, String scannedCode, PrintStream out) {
        PaymentCodes.Wallet wallet = PaymentCodes.providerOf(scannedCode);
        PaymentRequest request = PaymentRequest.builder()
                .orderId(Sandbox.newOrderId("TILL"))
                .amount(Money.of("23.50", "CNY"))
                .subject("Flat white and a croissant")
                .method(new PaymentMethod.PaymentCode(scannedCode))
                .build();
        out.println("-- scanned a payment code from " + wallet.providerName() + "; order " + request.orderId());
        PaymentOutcome outcome = till.pay(request);
        out.println("order " + request.orderId() + ": " + OutcomeText.of(outcome));
        if (outcome instanceof PaymentOutcome.Paid) {
            out.println("-> print the receipt, hand over the coffee");
        } else if (outcome instanceof PaymentOutcome.InDoubt) {
            out.println("-> nothing is lost: till.client(\"" + wallet.providerName() + "\").resolve(\""
                    + request.orderId() + "\") finishes it later");
        }
        return outcome;
    }
}
