package dev.resilientpay;

import java.util.Objects;

/** The result of verifying a notification: a sealed family that a {@code switch} must handle. */
public sealed interface NotificationResult {

    /** {@return what to send back to the provider} */
    NotificationReply reply();

    /**
     * The notification is authentic. Process it idempotently (a redelivery must find the work done and
     * do nothing more), then answer with {@link #reply()}; if processing failed, answer with
     * {@link #retryReply()} so the provider delivers it again. Never drop a notification because it is
     * a {@linkplain #duplicate() duplicate}: the first delivery may be the one your service failed to
     * store.
     *
     * @param notification the verified, typed event
     * @param duplicate    informational: the ledger had already recorded what this notification proves
     *                     before it arrived (a redelivery, or a query was faster)
     * @param reply        the acknowledgement to send once it is processed
     */
    record Accepted(Notification notification, boolean duplicate, NotificationReply reply)
            implements NotificationResult {
        /**
         * Validates the fields.
         *
         * @param duplicate {@code true} when this client already accepted a notification with the same id
         * @param notification the verified, typed event
         * @param reply the acknowledgement to send once it is processed
         */
        public Accepted {
            Objects.requireNonNull(notification, "notification");
            Objects.requireNonNull(reply, "reply");
        }

        /**
         * The answer for a notification your service could not process: a server error status, which
         * both providers treat as "deliver again later".
         *
         * @return a 500 reply with body {@code FAIL}
         */
        public NotificationReply retryReply() {
            return new NotificationReply(500, "text/plain", "FAIL");
        }
    }

    /**
     * The notification is not trusted; nothing in it may be acted on.
     *
     * @param reason why
     * @param detail a short explanation for logs (never holds secrets or full signatures)
     * @param reply  the answer to send (a failure status or body, so a genuine one is delivered again)
     */
    record Rejected(NotificationRejection reason, String detail, NotificationReply reply)
            implements NotificationResult {
        /**
         * Validates the fields.
         *
         * @param detail a short explanation for logs (never holds secrets or full signatures)
         * @param reason why
         * @param reply the acknowledgement to send once it is processed
         */
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(reply, "reply");
        }
    }
}
