package dev.resilientpay.internal;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a request's canonical fields: what makes two requests with the same key "the same
 * request". The payment code's digits are deliberately left out: a payer who refreshes the code
 * and tries again is still paying for the same order, and the code must not be stored in a ledger.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {}

    /** Amount, currency, subject, method kind and payer id. */
    public static String of(PaymentRequest request) {
        return sha256("pay", money(request.amount()), request.subject(), methodKind(request.method()),
                payerId(request.method()));
    }

    /** Order, refund id, amount and order amount. */
    public static String of(RefundRequest request) {
        return sha256("refund", request.orderId(), request.refundId(), money(request.amount()),
                money(request.orderAmount()));
    }

    private static String money(Money money) {
        return money.minorUnits() + " " + money.currencyCode();
    }

    private static String methodKind(PaymentMethod method) {
        if (method instanceof PaymentMethod.Web web) {
            return "Web:" + web.device();
        }
        return method.getClass().getSimpleName();
    }

    private static String payerId(PaymentMethod method) {
        return method instanceof PaymentMethod.InApp inApp ? inApp.payerId() : "";
    }

    private static String sha256(String... fields) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        for (String field : fields) {
            byte[] bytes = field.getBytes(StandardCharsets.UTF_8);
            // Length-prefix every field so that ("ab","c") and ("a","bc") differ.
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
