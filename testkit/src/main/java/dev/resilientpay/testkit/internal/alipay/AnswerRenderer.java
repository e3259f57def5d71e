package dev.resilientpay.testkit.internal.alipay;

import dev.resilientpay.testkit.internal.crypto.Sha256WithRsa;
import java.security.PrivateKey;

/**
 * Writes an answer as the HTTP body the gateway sends: {@code {"<node>":{...},"sign":"..."}}, the
 * signature covering the node's exact text. Also writes the broken variants faults need.
 */
public final class AnswerRenderer {

    private final PrivateKey gatewayKey;

    /** A renderer signing with {@code gatewayKey}. */
    public AnswerRenderer(PrivateKey gatewayKey) {
        this.gatewayKey = gatewayKey;
    }

    /** The body as the gateway sends it. */
    public String body(GatewayAnswer answer) {
        String node = ResponseNodeWriter.write(answer.fields());
        if (!answer.signed()) {
            return wrap(answer.nodeName(), node, null);
        }
        return wrap(answer.nodeName(), node, Sha256WithRsa.sign(gatewayKey, node));
    }

    /** The body with a well-formed signature that does not verify (as if forged or altered in transit). */
    public String bodyWithBrokenSignature(GatewayAnswer answer) {
        String node = ResponseNodeWriter.write(answer.fields());
        return wrap(answer.nodeName(), node, Sha256WithRsa.corrupt(Sha256WithRsa.sign(gatewayKey, node)));
    }

    /** The body cut off in the middle of the node: not valid JSON. */
    public String truncatedBody(GatewayAnswer answer) {
        String full = body(answer);
        return full.substring(0, Math.max(1, full.length() / 2));
    }

    private static String wrap(String nodeName, String node, String sign) {
        StringBuilder body = new StringBuilder(node.length() + 400);
        body.append("{\"").append(nodeName).append("\":").append(node);
        if (sign != null) {
            body.append(",\"sign\":\"").append(sign).append('"');
        }
        return body.append('}').toString();
    }
}
