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
 * request". Decided per field (issue 8): a field is in when a different value would send a
 * different order to the provider, out when it legitimately changes between tries of one order.
 *
 * <table>
 *   <caption>Payment request fields</caption>
 *   <tr><th>field</th><th>in</th><th>why</th></tr>
 *   <tr><td>amount, currency, subject, method kind, payer id</td><td>yes</td><td>what is bought and who pays</td></tr>
 *   <tr><td>notify URL</td><td>yes</td><td>where the result goes: a different one would lose notifications</td></tr>
 *   <tr><td>expiry</td><td>yes</td><td>changes how long the order can be paid</td></tr>
 *   <tr><td>metadata</td><td>yes</td><td>returned with the payment; merchants route on it</td></tr>
 *   <tr><td>return URL (web)</td><td>yes</td><td>where the payer lands afterwards</td></tr>
 *   <tr><td>payer client IP (web)</td><td>no</td><td>the payer's network may change between tries</td></tr>
 *   <tr><td>payment code digits</td><td>no</td><td>a payer who refreshes the code still pays for the same order;
 *       the code is never stored</td></tr>
 * </table>
 */
public final class RequestFingerprint {

    private RequestFingerprint() {}

    /** The fields the table above marks "in". */
    public static String of(PaymentRequest request) {
        StringBuilder metadata = new StringBuilder();
        request.metadata().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> metadata.append(e.getKey().length()).append(':').append(e.getKey())
                        .append(String.valueOf(e.getValue()).length()).append(':').append(e.getValue()));
        return sha256("pay", money(request.amount()), request.subject(), methodKind(request.method()),
                payerId(request.method()), String.valueOf(request.notifyUrl()), String.valueOf(request.expiresAt()),
                metadata.toString(), returnUrl(request.method()));
    }

    private static String returnUrl(PaymentMethod method) {
        return method instanceof PaymentMethod.Web web ? String.valueOf(web.returnUrl()) : "";
    }

    /** Order, refund id, amount, order amount and notify URL (the reason is only shown to the payer). */
    public static String of(RefundRequest request) {
        return sha256("refund", request.orderId(), request.refundId(), money(request.amount()),
                money(request.orderAmount()), String.valueOf(request.notifyUrl()));
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
