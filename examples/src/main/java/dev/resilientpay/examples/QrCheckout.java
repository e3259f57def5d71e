package dev.resilientpay.examples;

import dev.resilientpay.Money;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentListener;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * QR checkout with a notification endpoint, with Alipay and WeChat Pay: {@code pay} with a QR code
 * returns {@code AwaitingPayer} carrying the code to show; {@code awaitPayment} then waits for the
 * payer. The gateway's notification reaches a small JDK {@code HttpServer} handler
 * ({@link NotificationEndpoint}) that verifies it and answers exactly what the gateway expects; the
 * verified notification wakes {@code awaitPayment}. Had the notification been lost, {@code awaitPayment}
 * would have learned the payment by polling: a lost notification never means a lost payment.
 *
 * <pre>
 * mvn -q -pl examples exec:java -Dexec.mainClass=dev.resilientpay.examples.QrCheckout [-Dexec.args=alipay]
 * </pre>
 * Runs against the embedded simulators (the simulated payer scans and pays, the simulator posts the
 * notification to the local endpoint). With a real sandbox (variables in {@link Sandbox}) a person
 * scans the code with the sandbox wallet; set {@code NOTIFY_PUBLIC_URL} to a tunnel to the printed local
 * endpoint to receive the notification, otherwise the payment is learned by polling.
 */
public final class QrCheckout {

    /**
     * What the checkout saw.
     *
     * @param created       what {@code pay} returned
     * @param outcome       what {@code awaitPayment} returned
     * @param notifications every notification the endpoint verified
     */
    public record Result(PaymentOutcome created, PaymentOutcome outcome, List<NotificationResult> notifications) {}

    private QrCheckout() {}

    /** Runs one QR checkout with each provider named in {@code args} (default: both). */
    public static void main(String[] args) {
        for (String provider : Sandbox.chosen(args)) {
            try (Sandbox sandbox = Sandbox.of(provider, System.getenv())) {
                checkout(sandbox, System.out);
            }
        }
    }

    /** Creates a 128.00 CNY QR order, lets the payer pay, and waits for the payment. */
    public static Result checkout(Sandbox sandbox, PrintStream out) {
        out.println("== " + sandbox.name() + ": QR checkout with a notification endpoint (" + sandbox + ")");
        AtomicInteger polls = new AtomicInteger();
        PaymentListener pollCounter = new PaymentListener() {
            @Override
            public void onPoll(PollFinished event) {
                polls.incrementAndGet();
            }
        };
        try (PaymentClient client = PaymentClient.builder().provider(sandbox.provider()).listener(pollCounter).build();
             NotificationEndpoint endpoint = NotificationEndpoint.start(client)) {
            out.println("notification endpoint listening on " + endpoint.url());
            PaymentRequest request = PaymentRequest.builder()
                    .orderId(Sandbox.newOrderId("QR"))
                    .amount(Money.of("128.00", "CNY"))
                    .subject("Coffee beans 1 kg")
                    .method(new PaymentMethod.QrCode())
                    .notifyUrl(sandbox.notifyUrl())
                    .build();
            PaymentOutcome created = client.pay(request);
            out.println("order " + request.orderId() + ": " + OutcomeText.of(created));
            if (!(created instanceof PaymentOutcome.AwaitingPayer)) {
                return new Result(created, created, endpoint.results());
            }

            // Wait in the background (as a web page would, or a watcher): a notification wakes it,
            // and it polls with backoff in case none ever comes.
            long started = System.nanoTime();
            CompletableFuture<PaymentOutcome> payment = client.awaitPaymentAsync(request.orderId(), sandbox.patience());
            sandbox.payerPays(request.orderId());
            String answered = sandbox.deliverNotification(request.orderId(), endpoint.url());
            PaymentOutcome outcome = payment.join();
            long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();

            List<NotificationResult> notifications = endpoint.results();
            for (NotificationResult result : notifications) {
                out.println("notification: " + describe(result) + (answered.isEmpty() ? "" : "; gateway got " + answered));
            }
            out.println("awaitPayment: " + OutcomeText.of(outcome) + " after " + millis + " ms and "
                    + polls.get() + " poll(s)");
            return new Result(created, outcome, notifications);
        }
    }

    private static String describe(NotificationResult result) {
        if (result instanceof NotificationResult.Accepted accepted) {
            Notification notification = accepted.notification();
            String what = notification instanceof Notification.PaymentNotification payment
                    ? "payment " + payment.status().state() : "refund";
            return "accepted " + notification.eventType() + " (" + what + (accepted.duplicate() ? ", duplicate" : "")
                    + "), answered " + accepted.reply().status() + " '" + accepted.reply().body() + "'";
        }
        NotificationResult.Rejected rejected = (NotificationResult.Rejected) result;
        return "rejected " + rejected.reason() + " (" + rejected.detail() + "), answered " + rejected.reply().status();
    }
}
