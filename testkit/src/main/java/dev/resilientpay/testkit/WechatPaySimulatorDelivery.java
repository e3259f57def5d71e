package dev.resilientpay.testkit;

/**
 * What the merchant's notify_url answered to a delivered notification.
 *
 * @param status        the receiver's HTTP status
 * @param body          the receiver's body text (possibly empty)
 * @param notification  what was sent
 */
public record WechatPaySimulatorDelivery(int status, String body, WechatPaySimulatorNotification notification) {

    /** {@return whether WeChat Pay would count it as delivered: a 2xx answer} */
    public boolean acknowledged() {
        return status >= 200 && status < 300;
    }
}
