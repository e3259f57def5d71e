package dev.resilientpay.internal;

import dev.resilientpay.Money;
import dev.resilientpay.Notification;
import dev.resilientpay.NotificationRejection;
import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.spi.PaymentProvider;
import java.util.Collections;
import java.util.LinkedHashMap;
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

    /** How many notification ids are remembered for duplicate detection. */
    public static final int REMEMBERED_IDS = 10_000;

    /** Asks the provider to deliver again: both gateways redeliver on a non-2xx status. */
    private static final NotificationReply FAIL = new NotificationReply(500, "text/plain", "FAIL");

    private final PaymentProvider provider;
    private final PaymentLedger ledger;
    private final StatusRecorder recorder;
    private final Map<String, Boolean> seen;

    /** A desk over the pipeline's ledger. */
    public NotificationDesk(PaymentProvider provider, PaymentLedger ledger, CallPipeline pipeline, int capacity) {
        this.provider = provider;
        this.ledger = ledger;
        this.recorder = pipeline.recorder();
        this.seen = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        });
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
        boolean duplicate = seen.put(notification.id(), Boolean.TRUE) != null || accepted.duplicate();
        // Learned again on duplicates too: recording is idempotent, and the first delivery's
        // processing may not have finished.
        if (notification instanceof Notification.PaymentNotification payment) {
            recorder.learn(payment.status());
        } else if (notification instanceof Notification.RefundNotification refund) {
            recorder.learn(refund.status());
        }
        log.info("{} notification {} for {}{}", provider.name(), notification.eventType(), notification.orderId(),
                duplicate ? " (duplicate)" : "");
        return duplicate == accepted.duplicate() ? accepted
                : new NotificationResult.Accepted(notification, duplicate, accepted.reply());
    }

    private Optional<String> amountMismatch(Notification notification) {
        Money notified;
        Optional<Money> expected;
        if (notification instanceof Notification.PaymentNotification payment) {
            notified = payment.status().amount();
            expected = ledger.find(StatusRecorder.payKey(payment.orderId())).map(e -> e.payment().amount());
        } else if (notification instanceof Notification.RefundNotification refund) {
            notified = refund.status().amount();
            expected = ledger.find(StatusRecorder.refundKey(refund.orderId(), refund.status().refundId()))
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
