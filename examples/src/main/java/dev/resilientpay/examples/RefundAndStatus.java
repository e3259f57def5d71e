package dev.resilientpay.examples;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.QueryResult;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundStatus;
import java.io.PrintStream;

/**
 * A partial refund and its status, with Alipay and WeChat Pay. The refund id is the refund's
 * idempotency key: the client sends the same id on every retry, so however often the call is
 * repeated (a timeout, a crash, a double click) the payer is refunded at most once. "Accepted" is not
 * "refunded": the client polls the refund until the gateway says it is done ({@code Refunded}), or
 * returns {@code Processing} at its deadline; {@code queryRefund} asks again at any time.
 *
 * <pre>
 * mvn -q -pl examples exec:java -Dexec.mainClass=dev.resilientpay.examples.RefundAndStatus [-Dexec.args=wechat]
 * </pre>
 * Runs against the embedded simulators; set the variables listed in {@link Sandbox} for a real sandbox.
 */
public final class RefundAndStatus {

    /**
     * What the example saw.
     *
     * @param payment the payment that is refunded
     * @param refund  what {@code refund} returned
     * @param status  what {@code queryRefund} returned afterwards
     */
    public record Result(PaymentOutcome payment, RefundOutcome refund, QueryResult<RefundStatus> status) {}

    private RefundAndStatus() {}

    /** Pays and refunds part of it with each provider named in {@code args} (default: both). */
    public static void main(String[] args) {
        for (String provider : Sandbox.chosen(args)) {
            try (Sandbox sandbox = Sandbox.of(provider, System.getenv())) {
                refund(sandbox, System.out);
            }
        }
    }

    /** Takes 88.00 CNY by payment code, refunds 30.00 of it, then queries the refund. */
    public static Result refund(Sandbox sandbox, PrintStream out) {
        out.println("== " + sandbox.name() + ": refund and refund status (" + sandbox + ")");
        try (PaymentClient client = PaymentClient.builder().provider(sandbox.provider()).build()) {
            Money price = Money.of("88.00", "CNY");
            PaymentRequest request = PaymentRequest.builder()
                    .orderId(Sandbox.newOrderId("RF"))
                    .amount(price)
                    .subject("Pour-over kettle")
                    .method(new PaymentMethod.PaymentCode(sandbox.payerPaymentCode()))
                    .build();
            PaymentOutcome payment = client.pay(request);
            out.println("order " + request.orderId() + ": " + OutcomeText.of(payment));
            if (!(payment instanceof PaymentOutcome.Paid)) {
                return new Result(payment, null, null);
            }

            RefundRequest refundRequest = RefundRequest.builder()
                    .orderId(request.orderId())
                    .refundId(request.orderId() + "R1")  // keep it: it is what makes a repeated call harmless
                    .amount(Money.of("30.00", "CNY"))
                    .orderAmount(price)
                    .reason("Lid missing")
                    .build();
            // A gateway that answers PROCESSING (WeChat Pay does) is polled until the refund is done:
            // the default policy asks first after about 5 s, then backs off.
            out.println("refunding " + refundRequest.amount() + " as " + refundRequest.refundId() + "...");
            RefundOutcome refund = client.refund(refundRequest);
            out.println("refund " + refundRequest.refundId() + ": " + OutcomeText.of(refund));

            QueryResult<RefundStatus> status = client.queryRefund(refundRequest.orderId(), refundRequest.refundId());
            if (status instanceof QueryResult.Known<RefundStatus> known) {
                out.println("refund status: " + OutcomeText.of(known.status()));
            } else {
                out.println("refund status unknown for now: "
                        + ((QueryResult.Unknown<RefundStatus>) status).failure().reason() + " (ask again later)");
            }
            return new Result(payment, refund, status);
        }
    }
}
