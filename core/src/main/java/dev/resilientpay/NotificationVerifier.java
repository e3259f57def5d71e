package dev.resilientpay;

import java.util.Map;

/**
 * Verifies a provider's notification from the raw HTTP request.
 *
 * <p>Always pass the raw body bytes exactly as received: a body that a framework has parsed and
 * re-serialised no longer verifies. Header names are matched case-insensitively.
 */
public interface NotificationVerifier {

    /**
     * Verifies and decodes a notification. Never throws for bad input: malformed, oversized, unsigned
     * or forged notifications come back as {@link NotificationResult.Rejected}.
     *
     * @param headers the request headers (names in any case; one value per name)
     * @param body    the raw request body
     * @return the typed event and the reply to send, or a typed rejection
     */
    NotificationResult verify(Map<String, String> headers, byte[] body);
}
