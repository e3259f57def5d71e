package dev.resilientpay.internal;

import dev.resilientpay.Money;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundState;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.spi.PaymentProvider;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's notification verifier: the provider verifies authenticity; this desk checks the
 * amount against the order it knows, marks redeliveries as duplicates, records what the
 * notification proves in the ledger and wakes {@code awaitPayment}.
 */
public final class NotificationDesk implements NotificationVerifier {

    private static final Logger log = LoggerFactory.getLogger(NotificationDesk.class);

    /** Asks the provider to deliver again: both gateways redeliver on a non-2xx status. */
    private static final NotificationReply FAIL = new NotificationReply(500, "text/plain", "FAIL");

    private final PaymentProvider provider;
    private final PaymentLedger ledger;
    private final StatusRecorder recorder;

    /** A desk over the pipeline's ledger. */
    public NotificationDesk(PaymentProvider provider, PaymentLedger ledger, CallPipeline pipeline) {
        this.provider = provider;
        this.ledger = ledger;
        this.recorder = pipeline.recorder();
    }

    @Override
    public NotificationResult verify(Map<String, String> headers, byte[] body) {
        NotificationResult result;
        try {
            result = provider.notifications().verify(headers, body);
        } catch (RuntimeException e) {
            log.warn("{} notification verifier threw; notification rejected", provider.name(), e);
            return new NotificationResult.Rejected(NotificationRejection.MALFORMED,
                    "verifier failed: " + e.getClass().getName(), FAIL);
        }
        if (result == null) {
            return new NotificationResult.Rejected(NotificationRejection.MALFORMED, "verifier returned no result", FAIL);
        }
        if (!(result instanceof NotificationResult.Accepted accepted)) {
            return result;
        }
        Notification notification = accepted.notification();
        Optional<String> mismatch = amountMismatch(notification);
        if (mismatch.isPresent()) {
            log.warn("{} notification {} for {} rejected: {}", provider.name(), notification.id(),
                    notification.orderId(), mismatch.get());
            return new NotificationResult.Rejected(NotificationRejection.AMOUNT_MISMATCH, mismatch.get(), FAIL);
        }
        // A duplicate is defined by the ledger's state, not by having seen the id: the news was
        // already recorded before this delivery. The application still processes every accepted
        // notification idempotently and acknowledges with reply() only after it has stored it.
        boolean duplicate = alreadyRecorded(notification) || accepted.duplicate();
        if (notification instanceof Notification.PaymentNotification payment) {
            recorder.learn(payment.status(), "notification");
        } else if (notification instanceof Notification.RefundNotification refund) {
            recorder.learn(refund.status());
        }
        log.info("{} notification {} for {}{}", provider.name(), notification.eventType(), notification.orderId(),
                duplicate ? " (duplicate)" : "");
        return duplicate == accepted.duplicate() ? accepted
                : new NotificationResult.Accepted(notification, duplicate, accepted.reply());
    }

    private boolean alreadyRecorded(Notification notification) {
        if (notification instanceof Notification.PaymentNotification payment) {
            return payment.status().state().isPaid() && ledger.find(recorder.keys().pay(payment.orderId()))
                    .filter(e -> e.state() == LedgerState.COMPLETED)
                    .map(LedgerEntry::outcome).filter(PaymentOutcome.Paid.class::isInstance).isPresent();
        }
        if (notification instanceof Notification.RefundNotification refund) {
            return refund.status().state() == RefundState.SUCCEEDED && ledger.find(recorder.keys()
                            .refund(refund.orderId(), refund.status().refundId()))
                    .filter(e -> e.state() == LedgerState.COMPLETED)
                    .map(LedgerEntry::outcome).filter(RefundOutcome.Refunded.class::isInstance).isPresent();
        }
        return false;
    }

    private Optional<String> amountMismatch(Notification notification) {
        Money notified;
        Optional<Money> expected;
        if (notification instanceof Notification.PaymentNotification payment) {
            notified = payment.status().amount();
            expected = ledger.find(recorder.keys().pay(payment.orderId())).map(e -> e.payment().amount());
        } else if (notification instanceof Notification.RefundNotification refund) {
            notified = refund.status().amount();
            expected = ledger.find(recorder.keys().refund(refund.orderId(), refund.status().refundId()))
                    .filter(e -> e.orderId().equals(refund.orderId()))
                    .map(LedgerEntry::refund).map(r -> r.amount());
        } else {
            return Optional.empty();
        }
        if (notified == null || expected.isEmpty() || expected.get().equals(notified)) {
            return Optional.empty();
        }
        return Optional.of("notified amount " + notified + " differs from the order's " + expected.get());
    }
}
