package dev.resilientpay.wechat.internal;

import dev.resilientpay.NotificationRejection;

/**
 * The verdict on one signed WeChat Pay message (a response or a notification).
 *
 * @param failure why it is not trusted, or {@code null} when it verified
 * @param detail  a short explanation for logs and failures (never a full signature)
 */
public record SignatureCheck(NotificationRejection failure, String detail) {

    private static final SignatureCheck OK = new SignatureCheck(null, "verified");

    /** A message that verified. */
    public static SignatureCheck ok() {
        return OK;
    }

    /** A message that did not verify. */
    public static SignatureCheck failed(NotificationRejection reason, String detail) {
        return new SignatureCheck(reason, detail);
    }

    /** Whether the message verified. */
    public boolean passed() {
        return failure == null;
    }
}
