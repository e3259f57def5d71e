package dev.resilientpay.examples;

import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.Outcome;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundStatus;
import java.util.Locale;

/** One line of text for an outcome, as the examples print it (Java 17: instanceof, not pattern switch). */
final class OutcomeText {

    private OutcomeText() {}

    static String of(Outcome outcome) {
        if (outcome instanceof PaymentOutcome.Paid paid) {
            return "PAID " + paid.amount() + ", transaction " + paid.transactionId();
        }
        if (outcome instanceof PaymentOutcome.AwaitingPayer awaiting) {
            return "AWAITING PAYER: " + of(awaiting.action());
        }
        if (outcome instanceof PaymentOutcome.Failed failed) {
            return "FAILED " + of(failed.failure());
        }
        if (outcome instanceof PaymentOutcome.InDoubt doubt) {
            return "IN DOUBT (resolve later): " + of(doubt.lastFailure());
        }
        if (outcome instanceof RefundOutcome.Refunded refunded) {
            return "REFUNDED " + of(refunded.status());
        }
        if (outcome instanceof RefundOutcome.Processing processing) {
            return "REFUND PROCESSING " + of(processing.status());
        }
        if (outcome instanceof RefundOutcome.Failed failed) {
            return "REFUND FAILED " + of(failed.failure());
        }
        if (outcome instanceof RefundOutcome.InDoubt doubt) {
            return "REFUND IN DOUBT (send the same refund again) " + of(doubt.lastFailure());
        }
        if (outcome instanceof CloseOutcome.Closed closed) {
            return "CLOSED" + (closed.refunded() ? " (refunded)" : "");
        }
        if (outcome instanceof CloseOutcome.Failed failed) {
            return "NOT CLOSED " + of(failed.failure());
        }
        return "CLOSE IN DOUBT " + of(((CloseOutcome.InDoubt) outcome).lastFailure());
    }

    static String of(RefundStatus status) {
        return status.amount() + " (" + status.state() + ", refund " + status.refundId() + ")";
    }

    private static String of(PayerAction action) {
        if (action instanceof PayerAction.ScanQrCode qr) {
            return "show QR code " + qr.codeUrl();
        }
        if (action instanceof PayerAction.OpenUrl url) {
            return "open " + url.url();
        }
        return "hand to the wallet SDK " + ((PayerAction.InvokeClient) action).parameters().keySet();
    }

    private static String of(Failure failure) {
        String code = failure.providerSubCode() != null ? failure.providerSubCode() : failure.providerCode();
        return failure.reason() + (code != null ? " [" + code + "]" : "") + " - "
                + failure.userMessage(Locale.ENGLISH);
    }
}
