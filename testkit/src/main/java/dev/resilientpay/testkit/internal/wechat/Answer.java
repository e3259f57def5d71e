package dev.resilientpay.testkit.internal.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the simulated gateway answers to one request before faults and signing: a status and a JSON
 * body ({@code null} for 204).
 *
 * @param status HTTP status
 * @param body   the exact body bytes, or {@code null} for none
 */
public record Answer(int status, byte[] body) {

    /** 200 with {@code json}. */
    public static Answer ok(JsonNode json) {
        return new Answer(200, Json.bytes(json));
    }

    /** {@code status} with {@code json}. */
    public static Answer of(int status, JsonNode json) {
        return new Answer(status, Json.bytes(json));
    }

    /** 204, no body. */
    public static Answer noContent() {
        return new Answer(204, null);
    }

    /** A WeChat error body {@code {"code":…,"message":…}}. */
    public static Answer error(int status, String code, String message) {
        ObjectNode json = Json.object().put("code", code).put("message", message);
        return of(status, json);
    }

    /** {@code 400 PARAM_ERROR} with a {@code detail} naming the field, as WeChat Pay reports it. */
    public static Answer paramError(String field, String value, String issue) {
        ObjectNode json = Json.object().put("code", "PARAM_ERROR").put("message", "参数错误: " + field + " " + issue);
        ObjectNode detail = json.putObject("detail");
        detail.put("field", field);
        if (value != null) {
            detail.put("value", value);
        }
        detail.put("issue", issue);
        detail.put("location", "body");
        return of(400, json);
    }

    /** The body as text (empty for none). */
    public String bodyText() {
        return body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
}
