package dev.resilientpay.alipay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resilientpay.Failure;
import dev.resilientpay.spi.Attempt;
import java.time.Duration;
import java.util.Objects;

/** What one gateway call produced: a trusted response node, or a problem already classified. */
public sealed interface GatewayReply {

    /**
     * A verified response node (or an unsigned gateway-level failure, {@code signed == false}).
     *
     * @param node   the response node
     * @param signed whether its signature verified
     */
    record Answer(JsonNode node, boolean signed) implements GatewayReply {
        /** Validates the node. */
        public Answer {
            Objects.requireNonNull(node, "node");
        }

        /** {@code code}, or {@code ""}. */
        public String code() {
            return text("code");
        }

        /** A field's text, or {@code null} when absent or empty. */
        public String text(String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                return null;
            }
            String s = v.asText();
            return s.isEmpty() ? null : s;
        }
    }

    /**
     * No trustworthy answer.
     *
     * @param notSent    {@code true} when the gateway cannot have acted on the request
     * @param failure    why
     * @param retryAfter the gateway's {@code Retry-After}, or {@code null}
     */
    record Problem(boolean notSent, Failure failure, Duration retryAfter) implements GatewayReply {
        /** Validates the failure. */
        public Problem {
            Objects.requireNonNull(failure, "failure");
        }

        /** The problem as an attempt of any result type. */
        public <T> Attempt<T> attempt() {
            return notSent ? new Attempt.NotSent<>(failure, retryAfter) : new Attempt.Unknown<>(failure);
        }
    }
}
