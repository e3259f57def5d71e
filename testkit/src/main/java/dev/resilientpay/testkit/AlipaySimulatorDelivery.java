package dev.resilientpay.testkit;

/**
 * The result of one notification the simulator delivered.
 *
 * @param requestBody the exact form body sent ({@code application/x-www-form-urlencoded}, UTF-8)
 * @param status      the receiver's HTTP status
 * @param body        the receiver's response body
 */
public record AlipaySimulatorDelivery(String requestBody, int status, String body) {

    /** {@return the notification that was sent (parsed from {@link #requestBody()})} */
    public AlipaySimulatorNotification notification() {
        return AlipaySimulatorNotification.ofBody(requestBody);
    }

    /** {@return whether Alipay would stop redelivering: HTTP 200 with the body {@code success}} */
    public boolean acknowledged() {
        return status == 200 && body != null && "success".equals(body.strip());
    }
}
