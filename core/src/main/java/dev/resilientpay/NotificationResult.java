package dev.resilientpay;

import java.util.Objects;

/** The result of verifying a notification: a sealed family that a {@code switch} must handle. */
public sealed interface NotificationResult {

    /** {@return what to send back to the provider} */
    NotificationReply reply();

    /**
     * The notification is authentic.
     *
     * @param notification the verified, typed event
     * @param duplicate    {@code true} when this client already accepted a notification with the same id
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
