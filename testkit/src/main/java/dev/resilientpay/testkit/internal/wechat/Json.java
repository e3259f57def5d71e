package dev.resilientpay.testkit.internal.wechat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;

/** The simulator's one Jackson mapper (thread-safe once configured) and small JSON helpers. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** A new, empty object that keeps insertion order when written. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Compact UTF-8 JSON. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Compact JSON text. */
    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The parsed object, or empty when {@code body} is not a JSON object. */
    public static Optional<ObjectNode> parseObject(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException notJson) {
            return Optional.empty();
        }
    }

    /** The text at {@code field} of a JSON object body, or {@code null}. Never throws. */
    public static String field(byte[] body, String field) {
        return parseObject(body).map(o -> o.get(field)).filter(JsonNode::isTextual).map(JsonNode::asText).orElse(null);
    }
}
