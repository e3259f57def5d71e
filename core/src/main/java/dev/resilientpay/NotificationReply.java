package dev.resilientpay;

import java.util.Objects;

/**
 * The exact HTTP answer the provider expects for a notification. Send it once the notification has
 * been processed (stored): the status decides whether the provider delivers it again.
 *
 * @param status      HTTP status
 * @param contentType content type of {@code body}, or {@code null} when there is no body
 * @param body        the body ({@code success} for Alipay), empty for none
 */
public record NotificationReply(int status, String contentType, String body) {

    /**
     * Validates the fields.
     *
     * @param body the body ({@code success} for Alipay), empty for none
     * @param contentType content type of {@code body}, or {@code null} when there is no body
     * @param status HTTP status
     */
    public NotificationReply {
        Objects.requireNonNull(body, "body");
    }
}
