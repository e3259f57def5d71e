package dev.resilientpay.testkit.internal.alipay;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the gateway answers to one request, before it is written: the response node's name, its
 * fields in order, and whether the node is signed.
 *
 * @param nodeName  {@code <method with _>_response}, or {@code error_response}
 * @param fields    the node's fields in output order; values are strings, lists or nested maps
 * @param signed    whether a {@code sign} over the node's raw text accompanies it
 * @param processed whether the request reached the trade logic (the trade book may have changed)
 */
public record GatewayAnswer(String nodeName, Map<String, Object> fields, boolean signed, boolean processed) {

    /** Copies the fields, keeping their order. */
    public GatewayAnswer {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The {@code code} field. */
    public String code() {
        return String.valueOf(fields.getOrDefault("code", ""));
    }

    /** The {@code sub_code} field, or the empty string. */
    public String subCode() {
        return String.valueOf(fields.getOrDefault("sub_code", ""));
    }

    /** The node name the gateway uses for {@code method}: dots replaced by underscores, plus {@code _response}. */
    public static String nodeNameFor(String method) {
        return method.replace('.', '_') + "_response";
    }
}
