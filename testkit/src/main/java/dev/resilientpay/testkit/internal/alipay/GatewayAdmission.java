package dev.resilientpay.testkit.internal.alipay;

import dev.resilientpay.testkit.internal.crypto.Sha256WithRsa;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.Set;

/**
 * The gateway's checks before any business logic: common parameters present and well-formed, the
 * app known, and the request signature valid. A request that fails is answered with an unsigned
 * {@code 4000x} rejection and changes nothing.
 */
final class GatewayAdmission {

    /** Methods the simulator serves over HTTP (page/wap/app pay are browser redirects, not server calls). */
    static final Set<String> METHODS = Set.of(
            "alipay.trade.pay", "alipay.trade.precreate", "alipay.trade.create", "alipay.trade.query",
            "alipay.trade.cancel", "alipay.trade.close", "alipay.trade.refund", "alipay.trade.fastpay.refund.query",
            BillMethods.DOWNLOAD_URL_QUERY);

    private static final Set<String> NOT_SIGNED = Set.of("sign");
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);

    private final GatewaySettings settings;

    GatewayAdmission(GatewaySettings settings) {
        this.settings = settings;
    }

    /** The rejection for {@code request}, or empty when the gateway accepts it. */
    Optional<GatewayAnswer> check(GatewayRequest request) {
        String method = request.method();
        if (request.problem() != null) {
            return reject("error_response", AnswerNode.INVALID_ARGUMENT, "isv.invalid-parameter", request.problem());
        }
        if (method.isEmpty()) {
            return reject("error_response", AnswerNode.MISSING_ARGUMENT, "isv.missing-method", null);
        }
        if (!METHODS.contains(method)) {
            return reject("error_response", AnswerNode.INVALID_ARGUMENT, "isv.invalid-method", method);
        }
        String node = GatewayAnswer.nodeNameFor(method);
        String appId = request.parameter("app_id");
        if (appId.isEmpty()) {
            return reject(node, AnswerNode.MISSING_ARGUMENT, "isv.missing-app-id", null);
        }
        if (!appId.equals(settings.appId())) {
            return reject(node, AnswerNode.INVALID_ARGUMENT, "isv.invalid-app-id", null);
        }
        if (request.parameter("sign").isEmpty()) {
            return reject(node, AnswerNode.MISSING_ARGUMENT, "isv.missing-signature", null);
        }
        String signType = request.parameter("sign_type");
        if (signType.isEmpty()) {
            return reject(node, AnswerNode.MISSING_ARGUMENT, "isv.missing-signature-type", null);
        }
        if (!"RSA2".equalsIgnoreCase(signType)) {
            return reject(node, AnswerNode.INVALID_ARGUMENT, "isv.invalid-signature-type",
                    "only RSA2 (SHA256withRSA) is accepted, was " + signType);
        }
        String charset = request.parameter("charset");
        if (!charset.isEmpty() && !"utf-8".equalsIgnoreCase(charset)) {
            return reject(node, AnswerNode.INVALID_ARGUMENT, "isv.invalid-charset", "the simulator serves utf-8 only");
        }
        String format = request.parameter("format");
        if (!format.isEmpty() && !"json".equalsIgnoreCase(format)) {
            return reject(node, AnswerNode.INVALID_ARGUMENT, "isv.invalid-format", format);
        }
        String timestamp = request.parameter("timestamp");
        if (timestamp.isEmpty()) {
            return reject(node, AnswerNode.MISSING_ARGUMENT, "isv.missing-timestamp", null);
        }
        if (!isTimestamp(timestamp)) {
            return reject(node, AnswerNode.INVALID_ARGUMENT, "isv.invalid-timestamp", "expected yyyy-MM-dd HH:mm:ss");
        }
        String version = request.parameter("version");
        if (version.isEmpty()) {
            return reject(node, AnswerNode.MISSING_ARGUMENT, "isv.missing-version", null);
        }
        if (!"1.0".equals(version)) {
            return reject(node, AnswerNode.INVALID_ARGUMENT, "isv.invalid-parameter", "version must be 1.0");
        }
        if (charset.isEmpty() && request.hasNonAscii()) {
            // The real gateway decodes a request without charset as GBK: UTF-8 text no longer matches its signature.
            return reject(node, AnswerNode.INVALID_ARGUMENT, "isv.invalid-signature",
                    "no charset parameter: non-ASCII values were read as GBK");
        }
        String content = CanonicalContent.of(request.parameters(), NOT_SIGNED);
        if (!Sha256WithRsa.verify(settings.appPublicKey(), content, request.parameter("sign"))) {
            return reject(node, AnswerNode.INVALID_ARGUMENT, "isv.invalid-signature", null);
        }
        if (request.bizContent() == null) {
            return reject(node, AnswerNode.INVALID_ARGUMENT, "isv.invalid-parameter",
                    "biz_content must be a JSON object (without duplicate keys)");
        }
        return Optional.empty();
    }

    private static Optional<GatewayAnswer> reject(String node, String code, String subCode, String detail) {
        return Optional.of(AnswerNode.rejection(node, code, subCode, detail));
    }

    private static boolean isTimestamp(String text) {
        try {
            LocalDateTime.parse(text, TIMESTAMP);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
