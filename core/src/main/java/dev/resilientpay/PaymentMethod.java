package dev.resilientpay;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the payer pays. Each provider maps a method onto its own product:
 *
 * <table>
 *   <caption>Methods and the products they map to</caption>
 *   <tr><th>method</th><th>Alipay</th><th>WeChat Pay</th><th>outcome of {@code pay}</th></tr>
 *   <tr><td>{@link PaymentCode}</td><td>alipay.trade.pay (bar_code)</td><td>codepay</td>
 *       <td>{@code Paid} or {@code Failed} (polls and cancels by itself)</td></tr>
 *   <tr><td>{@link QrCode}</td><td>alipay.trade.precreate</td><td>Native</td><td>{@code AwaitingPayer}: QR URL</td></tr>
 *   <tr><td>{@link InApp}</td><td>alipay.trade.create (buyer id)</td><td>JSAPI / mini program (openid)</td>
 *       <td>{@code AwaitingPayer}: client parameters</td></tr>
 *   <tr><td>{@link App}</td><td>alipay.trade.app.pay (order string)</td><td>APP</td>
 *       <td>{@code AwaitingPayer}: client parameters</td></tr>
 *   <tr><td>{@link Web}</td><td>page.pay (desktop) / wap.pay (mobile)</td><td>H5 (mobile only)</td>
 *       <td>{@code AwaitingPayer}: URL to open</td></tr>
 * </table>
 */
public sealed interface PaymentMethod {

    /**
     * The payer shows a payment code (barcode) that the merchant scans at a till.
     *
     * @param authCode the digits read from the payer's code; never logged in full
     */
    record PaymentCode(String authCode) implements PaymentMethod {
        private static final Pattern AUTH_CODE = Pattern.compile("[A-Za-z0-9]{10,64}");
        private static final Pattern REDACTED = Pattern.compile("[A-Za-z0-9]{2}\\*{8,62}");

        /**
         * Validates that the code is 10 to 64 letters or digits (or a {@linkplain #redacted() redacted}
         * code, which is never sent).
         */
        public PaymentCode {
            Objects.requireNonNull(authCode, "authCode must not be null");
            if (!AUTH_CODE.matcher(authCode).matches() && !REDACTED.matcher(authCode).matches()) {
                throw new IllegalArgumentException("authCode must be 10 to 64 letters or digits");
            }
        }

        /**
         * This code with all but its first two characters masked: what a ledger keeps. A payment code
         * is a one-time bearer credential; once sent it is never stored and never sent again (recovery
         * queries and cancels instead).
         *
         * @return the redacted code
         */
        public PaymentCode redacted() {
            return isRedacted() ? this : new PaymentCode(authCode.substring(0, 2) + "*".repeat(authCode.length() - 2));
        }

        /**
         * Whether this is a {@linkplain #redacted() redacted} code, which can never be sent.
         *
         * @return {@code true} for a redacted code
         */
        public boolean isRedacted() {
            return authCode.indexOf('*') >= 0;
        }

        @Override
        public String toString() {
            return "PaymentCode[authCode=" + authCode.substring(0, 4) + "…(" + authCode.length() + ")]";
        }
    }

    /** The merchant shows a QR code that the payer scans with the wallet app. */
    record QrCode() implements PaymentMethod {}

    /**
     * Payment inside the wallet's own environment (WeChat JSAPI / mini program, Alipay mini program
     * or life account) for a known payer.
     *
     * @param payerId WeChat {@code openid} or Alipay {@code buyer_id} / {@code buyer_open_id}
     */
    record InApp(String payerId) implements PaymentMethod {
        /** Validates that the payer id is present. */
        public InApp {
            if (payerId == null || payerId.isBlank() || payerId.length() > 128) {
                throw new IllegalArgumentException("payerId must be 1 to 128 characters");
            }
        }
    }

    /** Payment from the merchant's own mobile app through the wallet's SDK. */
    record App() implements PaymentMethod {}

    /**
     * Payment in a browser: the payer is sent to the provider's page.
     *
     * @param device        where the browser runs
     * @param returnUrl     where the provider sends the payer back afterwards (may be {@code null})
     * @param payerClientIp the payer's IP address (WeChat H5 requires it; may be {@code null} for Alipay)
     */
    record Web(Device device, String returnUrl, String payerClientIp) implements PaymentMethod {
        /** Validates the device. */
        public Web {
            Objects.requireNonNull(device, "device must not be null");
        }

        /** Where the payer's browser runs. */
        public enum Device { DESKTOP, MOBILE }
    }
}
