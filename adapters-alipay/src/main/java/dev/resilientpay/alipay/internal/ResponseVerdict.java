package dev.resilientpay.alipay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resilientpay.FailureReason;
import java.util.Objects;

/** What {@link AlipayResponseVerifier} concluded about one response body. */
public sealed interface ResponseVerdict {

    /**
     * The node is authentic, or an unsigned gateway-level failure that may be read as a failure only.
     *
     * @param node   the parsed response node
     * @param signed whether its signature verified ({@code false}: an unsigned failure)
     */
    record Trusted(JsonNode node, boolean signed) implements ResponseVerdict {
        /** Validates the node. */
        public Trusted {
            Objects.requireNonNull(node, "node");
        }

        /** The node's {@code code}, or {@code ""}. */
        public String code() {
            return node.path("code").asText("");
        }
    }

    /**
     * Nothing in the body may be believed: forged, tampered, malformed or ambiguous.
     *
     * @param reason {@link FailureReason#RESPONSE_SIGNATURE_INVALID} or {@link FailureReason#PROVIDER_ERROR}
     * @param detail a short explanation for logs
     */
    record Untrusted(FailureReason reason, String detail) implements ResponseVerdict {}
}
