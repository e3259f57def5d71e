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
     * The merchant account this instance serves (Alipay app id, WeChat mchid): with {@link #name()} it
     * namespaces ledger keys, so that two merchants may share a ledger and an order id.
     *
     * @return the merchant account id; {@code "default"} unless the provider overrides it
     */
    default String merchantId() {
        return "default";
    }

    /**
     * Whether the provider requires refund ids unique per merchant (WeChat Pay {@code out_refund_no})
     * rather than per order (Alipay {@code out_request_no}). When it does, the ledger keys refunds by
     * refund id alone, so reusing a refund id on another order is an idempotency conflict, not a
     * second refund the provider would answer with the first one's result.
     *
     * @return {@code true} if refund ids are unique per merchant
     */
    default boolean refundIdsUniquePerMerchant() {
        return false;
    }

    /**
     * Whether a successful {@link #cancel} answer says if it refunded a payment (Alipay's
     * {@code action}). When it does not (WeChat Pay's reverse), the pipeline queries the order after
     * the cancel, as one more visible attempt, to learn it: a closed order that had been paid carries its
     * payment time.
     *
     * @return {@code true} if {@code Closed.refunded()} from {@link #cancel} is reliable
     */
    default boolean cancelReportsRefund() {
        return true;
    }

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
