package dev.resilientpay.testkit.internal.alipay;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One request as the gateway reads it: the parameters of the query string and of the form body
 * together (a client may put each parameter in either), decoded once as UTF-8, plus the parsed
 * {@code biz_content}.
 *
 * @param httpMethod  the HTTP method
 * @param path        the request path without the query
 * @param parameters  every parameter, query first then body, in arrival order
 * @param problem     why the parameters cannot be trusted (a malformed escape, a parameter given twice
 *                    with different values), or {@code null}
 * @param bizContent  {@code biz_content} parsed as a JSON object, or {@code null} when absent or invalid
 */
public record GatewayRequest(String httpMethod, String path, Map<String, String> parameters, String problem,
                             JsonNode bizContent) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** Copies the parameters. */
    public GatewayRequest {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * Reads a request.
     *
     * @param httpMethod the HTTP method
     * @param url        path and raw query as received
     * @param body       the raw body bytes (form-encoded)
     */
    public static GatewayRequest parse(String httpMethod, String url, byte[] body) {
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        String query = question < 0 ? "" : url.substring(question + 1);
        Map<String, String> parameters = new LinkedHashMap<>();
        String problem = addForm(query, parameters);
        String bodyProblem = addForm(new String(body, StandardCharsets.UTF_8), parameters);
        if (problem == null) {
            problem = bodyProblem;
        }
        return new GatewayRequest(httpMethod, path, parameters, problem, parseBizContent(parameters.get("biz_content")));
    }

    /** The parameter's value, or the empty string. */
    public String parameter(String name) {
        return parameters.getOrDefault(name, "");
    }

    /** The Alipay method ({@code method} parameter), or the empty string. */
    public String method() {
        return parameter("method");
    }

    /** A text field of {@code biz_content}, or the empty string. */
    public String biz(String field) {
        if (bizContent == null) {
            return "";
        }
        JsonNode value = bizContent.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? "" : value.asText();
    }

    /** Whether {@code biz_content} has {@code field} (with a non-null value). */
    public boolean hasBiz(String field) {
        return bizContent != null && bizContent.hasNonNull(field);
    }

    /** Whether any parameter holds a character outside ASCII. */
    public boolean hasNonAscii() {
        for (Map.Entry<String, String> entry : parameters.entrySet()) {
            if (!isAscii(entry.getKey()) || !isAscii(entry.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** Decodes one form (percent-encoded UTF-8, {@code +} as space) into {@code into}; returns a problem or null. */
    private static String addForm(String form, Map<String, String> into) {
        if (form.isEmpty()) {
            return null;
        }
        String problem = null;
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String key;
            String value;
            try {
                key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                problem = problem != null ? problem : "malformed percent-encoding in " + abbreviate(pair);
                continue;
            }
            String earlier = into.putIfAbsent(key, value);
            if (earlier != null && !earlier.equals(value) && problem == null) {
                problem = "parameter " + key + " given twice with different values";
            }
        }
        return problem;
    }

    private static JsonNode parseBizContent(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 24) + "...";
    }
}
