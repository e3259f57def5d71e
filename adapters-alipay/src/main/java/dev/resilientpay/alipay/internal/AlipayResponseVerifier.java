package dev.resilientpay.alipay.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.resilientpay.FailureReason;
import dev.resilientpay.spi.RsaSha256;
import dev.resilientpay.transport.internal.LogSafe;
import java.util.List;
import java.util.Set;

/**
 * Verifies gateway responses: the signed content is the raw text of the {@code <method>_response}
 * node as it appears in the body. Rules, stricter than the official SDK where that protects money:
 * <ul>
 *   <li>a body with the node twice is rejected (a last-wins JSON parser would read the unsigned one);</li>
 *   <li>if the raw node does not verify and contains {@code \/}, it is verified once more with
 *       {@code \/} replaced by {@code /} (what the official SDK does);</li>
 *   <li>an unsigned success (or {@code 10003}) is a forgery;</li>
 *   <li>an unsigned failure is accepted only as a gateway-level failure (codes other than
 *       {@code 40004}): the gateway cannot sign when it cannot identify the app, but it signs every
 *       business answer, so an unsigned {@code 40004} proves nothing.</li>
 * </ul>
 */
public final class AlipayResponseVerifier {

    /** Chooses the key for a response's {@code alipay_cert_sn} (certificate mode), or {@code null} when unknown. */
    @FunctionalInterface
    public interface KeyResolver {
        /**
         * The verifier for {@code alipayCertSn}.
         *
         * @param alipayCertSn the response's {@code alipay_cert_sn}, or {@code null} when it has none
         */
        RsaSha256.Verifier resolve(String alipayCertSn);
    }

    private static final Set<String> FAILURES_ACCEPTED_UNSIGNED = Set.of("20000", "20001", "40001", "40002", "40003", "40006");

    private AlipayResponseVerifier() {}

    /** The node name of {@code method}: {@code alipay.trade.pay} → {@code alipay_trade_pay_response}. */
    public static String nodeName(String method) {
        return method.replace('.', '_') + "_response";
    }

    /** Verifies {@code body} of {@code method} with one key (public-key mode). */
    public static ResponseVerdict verify(String method, String body, RsaSha256.Verifier key) {
        return verify(method, body, sn -> key);
    }

    /** Verifies {@code body} of {@code method}, choosing the key by the body's {@code alipay_cert_sn}. */
    public static ResponseVerdict verify(String method, String body, KeyResolver keys) {
        List<JsonMembers.Member> members;
        try {
            members = JsonMembers.of(body);
        } catch (IllegalArgumentException e) {
            return new ResponseVerdict.Untrusted(FailureReason.PROVIDER_ERROR, "malformed response: " + e.getMessage());
        }
        String expected = nodeName(method);
        JsonMembers.Member node = null;
        JsonMembers.Member errorNode = null;
        JsonMembers.Member sign = null;
        JsonMembers.Member certSn = null;
        int nodes = 0;
        for (JsonMembers.Member m : members) {
            String name = decodeName(m.rawName());
            if (name == null) {
                return new ResponseVerdict.Untrusted(FailureReason.PROVIDER_ERROR, "malformed member name");
            }
            switch (name) {
                case "sign" -> {
                    if (sign != null) {
                        return new ResponseVerdict.Untrusted(FailureReason.RESPONSE_SIGNATURE_INVALID, "sign present twice");
                    }
                    sign = m;
                }
                case "alipay_cert_sn" -> certSn = m;
                case "error_response" -> {
                    if (errorNode != null) {
                        return new ResponseVerdict.Untrusted(FailureReason.RESPONSE_SIGNATURE_INVALID,
                                "error_response present twice");
                    }
                    errorNode = m;
                }
                default -> {
                    if (name.equals(expected)) {
                        nodes++;
                        node = m;
                    }
                }
            }
        }
        if (nodes > 1) {
            return new ResponseVerdict.Untrusted(FailureReason.RESPONSE_SIGNATURE_INVALID, expected + " present twice");
        }
        if (node == null) {
            node = errorNode;
        }
        if (node == null) {
            return new ResponseVerdict.Untrusted(FailureReason.PROVIDER_ERROR, "no " + expected + " in the response");
        }
        String content = node.rawValue(body);
        if (!content.startsWith("{")) {
            return new ResponseVerdict.Untrusted(FailureReason.PROVIDER_ERROR, expected + " is not an object");
        }
        JsonNode parsed;
        try {
            parsed = AlipayJson.MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            return new ResponseVerdict.Untrusted(FailureReason.PROVIDER_ERROR, expected + " is not valid JSON");
        }
        String signature = sign == null ? null : textOf(sign.rawValue(body));
        if (signature == null || signature.isBlank()) {
            String code = parsed.path("code").asText("");
            if (FAILURES_ACCEPTED_UNSIGNED.contains(code)) {
                return new ResponseVerdict.Trusted(parsed, false);
            }
            return new ResponseVerdict.Untrusted(FailureReason.RESPONSE_SIGNATURE_INVALID,
                    "unsigned response with code '" + code + "'");
        }
        String sn = certSn == null ? null : textOf(certSn.rawValue(body));
        RsaSha256.Verifier key = keys.resolve(sn == null || sn.isBlank() ? null : sn);
        if (key == null) {
            return new ResponseVerdict.Untrusted(FailureReason.RESPONSE_SIGNATURE_INVALID,
                    "signed with an unknown Alipay certificate " + LogSafe.of(sn));
        }
        if (key.verify(content, signature)
                || (content.contains("\\/") && key.verify(content.replace("\\/", "/"), signature))) {
            return new ResponseVerdict.Trusted(parsed, true);
        }
        return new ResponseVerdict.Untrusted(FailureReason.RESPONSE_SIGNATURE_INVALID, "signature does not verify");
    }

    /** The text of a raw JSON string value, or {@code null} when it is not a string. */
    private static String textOf(String rawValue) {
        if (!rawValue.startsWith("\"")) {
            return null;
        }
        try {
            JsonNode n = AlipayJson.MAPPER.readTree(rawValue);
            return n.isTextual() ? n.asText() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A member name with its escapes decoded (so that an escaped duplicate node is still caught). */
    private static String decodeName(String rawName) {
        return rawName.indexOf('\\') < 0 ? rawName : textOf("\"" + rawName + "\"");
    }
}
