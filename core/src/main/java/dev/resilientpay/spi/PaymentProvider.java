package dev.resilientpay.spi;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.NotificationVerifier;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.TradeStatus;

/**
 * A payment provider as the pipeline sees it: each method makes <em>one</em> attempt (build, sign,
 * send, verify, parse) and translates what happened into an {@link Attempt}. Implementations never
 * sleep, retry, poll or throw for provider or network faults: those are the pipeline's job. They may
 * throw {@link IllegalArgumentException} from {@code validate} only, before anything is sent.
 *
 * <p>Implementations must be thread-safe; one instance serves one merchant account.
 */
public interface PaymentProvider {

    /** {@return short lower-case name used in logs and metrics: {@code alipay}, {@code wechat}} */
    String name();

    /**
     * Checks the provider's own rules on a request (id formats, amount limits, supported methods),
     * before anything is sent.
     *
     * @param request checks the provider's own rules on a request (id formats, amount limits, supported methods), before anything is sent
     * @throws IllegalArgumentException naming the field and the rule
     */
    default void validate(PaymentRequest request) {}

    /**
     * Checks the provider's own rules on a refund, before anything is sent.
     *
     * @param request the refund request
     * @throws IllegalArgumentException naming the field and the rule
     */
    default void validate(RefundRequest request) {}

    /**
     * Sends a payment once. Success is {@link PaymentOutcome.Paid} (payment code) or
     * {@link PaymentOutcome.AwaitingPayer} (every other method); a definite refusal is
     * {@link Attempt.Rejected}; "payer is confirming" is {@link Attempt.Pending}; "already paid" is
     * {@link Attempt.Unknown} (a query confirms).
     *
     * @param context the attempt's timeout, deadline and idempotency key
     * @param request the validated request
     * @return the attempt: paid, awaiting the payer, rejected, pending, not sent or unknown
     */
    Attempt<PaymentOutcome> pay(PaymentRequest request, AttemptContext context);

    /**
     * Queries an order once; an order the provider does not know is a success with {@code NOT_FOUND}.
     *
     * @param context the attempt's timeout, deadline and idempotency key
     * @param orderId the merchant order id
     * @return the attempt: the order's status, or why it could not be learned
     */
    Attempt<TradeStatus> query(String orderId, AttemptContext context);

    /**
     * Closes an unpaid order once (Alipay close, WeChat close).
     *
     * @param context the attempt's timeout, deadline and idempotency key
     * @param orderId the merchant order id
     * @return the attempt: closed, or why not
     */
    Attempt<CloseOutcome.Closed> close(String orderId, AttemptContext context);

    /**
     * Cancels an order whatever its state once (Alipay cancel, WeChat reverse): an unpaid order is
     * closed, a paid one refunded. "Try again" answers (Alipay {@code retry_flag=Y}) are
     * {@link Attempt.NotSent}.
     *
     * @param context the attempt's timeout, deadline and idempotency key
     * @param orderId the merchant order id
     * @return the attempt: cancelled (closed or refunded), or why not
     */
    Attempt<CloseOutcome.Closed> cancel(String orderId, AttemptContext context);

    /**
     * Requests a refund once; accepted-but-processing is a success with {@code PROCESSING}.
     *
     * @param context the attempt's timeout, deadline and idempotency key
     * @param request the validated request
     * @return requests a refund once; accepted-but-processing is a success with {@code PROCESSING}
     */
    Attempt<RefundStatus> refund(RefundRequest request, AttemptContext context);

    /**
     * Queries a refund once; an unknown refund is a success with {@code NOT_FOUND}.
     *
     * @param context the attempt's timeout, deadline and idempotency key
     * @param orderId the merchant order id
     * @param refundId the merchant refund id
     * @return the attempt: the refund's status, or why it could not be learned
     */
    Attempt<RefundStatus> queryRefund(String orderId, String refundId, AttemptContext context);

    /**
     * Verifies this provider's notifications.
     *
     * @return the verifier for this client's notifications
     */
    NotificationVerifier notifications();
}
