package dev.resilientpay.alipay.internal;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code application/x-www-form-urlencoded} in UTF-8, the way Alipay writes it: {@link URLEncoder}
 * (space as {@code +}). Decoding happens exactly once per body: decoding twice corrupts values such
 * as {@code passback_params} that are themselves percent-encoded text.
 */
public final class FormCodec {

    private FormCodec() {}

    /** One value, form-encoded in UTF-8. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** {@code k=v&k=v} with every key and value form-encoded, in the map's order; null values left out. */
    public static String encode(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            if (b.length() > 0) {
                b.append('&');
            }
            b.append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        }
        return b.toString();
    }

    /**
     * Decodes a form body once, keeping the order of the fields.
     *
     * @throws IllegalArgumentException if a field is malformed (bad percent escape, no name) or repeated:
     *                                  a repeated field makes the signed content ambiguous
     */
    public static Map<String, String> decode(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return out;
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawKey = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            String key = URLDecoder.decode(rawKey, StandardCharsets.UTF_8);
            String value = URLDecoder.decode(rawValue, StandardCharsets.UTF_8);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("a form field has no name");
            }
            if (out.putIfAbsent(key, value) != null) {
                throw new IllegalArgumentException("form field '" + key + "' appears twice");
            }
        }
        return out;
    }
}
