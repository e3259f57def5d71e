package dev.resilientpay;

import dev.resilientpay.spi.Redaction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * What the payer must do to finish a payment that is {@link PaymentOutcome.AwaitingPayer awaiting} them.
 *
 * <p>The values are handed to the payer unchanged, but {@code toString()} keeps secrets out of logs:
 * a URL is printed without its query string (Alipay's page-pay URL is a signed query string), a
 * signature parameter ({@code sign}, {@code paySign}) is abbreviated and a signed query string
 * (Alipay's {@code orderString}) is printed as its length only.
 */
public sealed interface PayerAction {

    /**
     * Show {@code codeUrl} as a QR code for the payer to scan.
     *
     * @param codeUrl the content of the QR code
     */
    record ScanQrCode(String codeUrl) implements PayerAction {
        /**
         * Validates the URL is present.
         *
         * @param codeUrl the content of the QR code
         */
        public ScanQrCode {
            Objects.requireNonNull(codeUrl, "codeUrl must not be null");
        }

        /** The QR content without its query string. */
        @Override
        public String toString() {
            return "ScanQrCode[codeUrl=" + withoutQuery(codeUrl) + "]";
        }
    }

    /**
     * Send the payer's browser to {@code url} (Alipay page/wap pay, WeChat H5).
     *
     * @param url the signed URL to open
     */
    record OpenUrl(String url) implements PayerAction {
        /**
         * Validates the URL is present.
         *
         * @param url the signed URL to open
         */
        public OpenUrl {
            Objects.requireNonNull(url, "url must not be null");
        }

        /** The URL without its (signed) query string. */
        @Override
        public String toString() {
            return "OpenUrl[url=" + withoutQuery(url) + "]";
        }
    }

    /**
     * Hand {@code parameters} to the wallet's client SDK unchanged (WeChat JSAPI/APP pay parameters
     * with their signature, Alipay's {@code orderString} or {@code tradeNO}).
     *
     * @param parameters the parameters, in the order the client expects them
     */
    record InvokeClient(Map<String, String> parameters) implements PayerAction {
        /**
         * Copies the parameters.
         *
         * @param parameters the parameters, in the order the client expects them
         */
        public InvokeClient {
            parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        }

        /** The parameters with signatures abbreviated and signed query strings left out. */
        @Override
        public String toString() {
            StringJoiner out = new StringJoiner(", ", "InvokeClient[parameters={", "}]");
            parameters.forEach((name, value) -> out.add(name + "=" + redactedParameter(name, value)));
            return out.toString();
        }
    }

    private static String redactedParameter(String name, String value) {
        if (value == null) {
            return "null";
        }
        String lower = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (lower.equals("sign") || lower.equals("paysign") || lower.equals("signature")) {
            return Redaction.abbreviate(value);
        }
        // A query string that carries a sign parameter is signed as a whole (Alipay's orderString).
        if (value.startsWith("sign=") || value.contains("&sign=") || value.contains("?sign=")) {
            return "(signed query string, " + value.length() + " chars)";
        }
        return value;
    }

    private static String withoutQuery(String url) {
        int query = url.indexOf('?');
        return query < 0 ? url : url.substring(0, query) + "?(query of " + (url.length() - query - 1) + " chars)";
    }
}
