package dev.resilientpay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What the payer must do to finish a payment that is {@link PaymentOutcome.AwaitingPayer awaiting} them. */
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
    }
}
