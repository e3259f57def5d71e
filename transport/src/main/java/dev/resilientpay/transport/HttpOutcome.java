package dev.resilientpay.transport;

import java.nio.charset.StandardCharsets;
import okhttp3.Headers;

/**
 * What one HTTP exchange produced, with the one distinction the pipeline needs for network faults:
 * whether the request may have reached the gateway.
 */
public sealed interface HttpOutcome {

    /**
     * A complete response.
     *
     * @param status  HTTP status
     * @param headers response headers (lookups are case-insensitive)
     * @param body    the raw body, at most the configured cap
     */
    record Received(int status, Headers headers, byte[] body) implements HttpOutcome {
        /**
         * A header's value, or {@code null}; names are case-insensitive.
         *
         * @param name the header name
         * @return a header's value, or {@code null}; names are case-insensitive
         */
        public String header(String name) {
            return headers.get(name);
        }

        /** {@return the body as UTF-8 text} */
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** {@return whether the status is 2xx} */
        public boolean isSuccessful() {
            return status >= 200 && status < 300;
        }
    }

    /**
     * The exchange failed before a byte of the request was written (connection refused, DNS, TLS
     * handshake, connect timeout): the gateway cannot have acted on it.
     *
     * @param reason short description of the fault, for logs
     */
    record NotSent(String reason) implements HttpOutcome {}

    /**
     * The exchange failed after the request may have been written (read timeout, reset, truncated or
     * oversized response): the gateway may have acted on it.
     *
     * @param reason  short description of the fault, for logs
     * @param timeout whether the fault was a timeout
     */
    record Lost(String reason, boolean timeout) implements HttpOutcome {}
}
