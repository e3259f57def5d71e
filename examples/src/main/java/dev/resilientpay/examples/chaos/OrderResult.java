package dev.resilientpay.examples.chaos;

import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;

/**
 * What the client made of one order of the workload.
 *
 * @param order         the planned order
 * @param first         the outcome the shop saw first (after {@code pay}, and {@code awaitPayment} for QR)
 * @param outcome       the final outcome, after in-doubt and awaiting orders were resolved
 * @param refundRequest the refund sent, or {@code null}
 * @param refund        the refund's final outcome, or {@code null}
 * @param payNanos      how long {@code pay} took
 */
record OrderResult(Workload.Order order, PaymentOutcome first, PaymentOutcome outcome, RefundRequest refundRequest,
                   RefundOutcome refund, long payNanos) {

    String orderId() {
        return order.orderId();
    }

    OrderResult resolved(PaymentOutcome resolved) {
        return new OrderResult(order, first, resolved, refundRequest, refund, payNanos);
    }

    OrderResult refunded(RefundOutcome resolvedRefund) {
        return new OrderResult(order, first, outcome, refundRequest, resolvedRefund, payNanos);
    }

    /** What the merchant believes it keeps, in fen: the amount of a paid order minus refunds known done. */
    long expectedKeptFen() {
        if (!(outcome instanceof PaymentOutcome.Paid paid)) {
            return 0;
        }
        long refunded = 0;
        if (refund instanceof RefundOutcome.Refunded done) {
            refunded = done.status().amount() != null ? done.status().amount().minorUnits()
                    : refundRequest.amount().minorUnits();
        }
        return paid.amount().minorUnits() - refunded;
    }
}
