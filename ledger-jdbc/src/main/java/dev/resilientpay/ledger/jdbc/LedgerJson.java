package dev.resilientpay.ledger.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resilientpay.CloseOutcome;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.Outcome;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON of the {@code request} and {@code outcome} columns. Every document carries its format
 * ({@code "v":1}); a reader accepts every earlier format, so rows written before an upgrade still
 * read after it:
 *
 * <ul>
 *   <li><b>v0</b> (no {@code "v"}): amounts as decimal strings ({@code {"value":"46.00","currency":"CNY"}}),
 *       failures without {@code requestId} and {@code attempts}.</li>
 *   <li><b>v1</b>: amounts in minor units ({@code {"minor":4600,"currency":"CNY"}}); every field of
 *       every outcome. A request document may carry the call's {@link OperationPolicy} as
 *       {@code "policy"} (durations ISO-8601, {@code {"attemptTimeout":"PT10S",...}}): an optional
 *       field added within v1, so that instances of the previous version, which ignore it, still
 *       read rows of this one during a rolling upgrade; a row without it reads with no policy.</li>
 * </ul>
 *
 * A field a reader does not know is ignored; a field it expects but does not find is {@code null}
 * (or {@code 0}), which is what every record accepts for a field that was added later.
 * A payment code is never written unredacted, and one read unredacted is redacted.
 */
final class LedgerJson {

    private static final Logger log = LoggerFactory.getLogger(LedgerJson.class);

    /** The format written. */
    static final int FORMAT = 1;

    private final ObjectMapper mapper = new ObjectMapper();

    // ------------------------------------------------------------------ requests

    String write(PaymentRequest request) {
        return write(request, null);
    }

    /** The request document of a payment, with the call's policy unless {@code policy} is {@code null}. */
    String write(PaymentRequest request, OperationPolicy policy) {
        ObjectNode node = document("payment");
        node.put("orderId", request.orderId());
        node.set("amount", money(request.amount()));
        node.put("subject", request.subject());
        node.set("method", method(request.method()));
        node.put("notifyUrl", request.notifyUrl());
        putInstant(node, "expiresAt", request.expiresAt());
        ObjectNode metadata = node.putObject("metadata");
        request.metadata().forEach(metadata::put);
        putPolicy(node, policy);
        return text(node);
    }

    String write(RefundRequest request) {
        return write(request, null);
    }

    /** The request document of a refund, with the call's policy unless {@code policy} is {@code null}. */
    String write(RefundRequest request, OperationPolicy policy) {
        ObjectNode node = document("refund");
        node.put("orderId", request.orderId());
        node.put("refundId", request.refundId());
        node.set("amount", money(request.amount()));
        node.set("orderAmount", money(request.orderAmount()));
        node.put("reason", request.reason());
        node.put("notifyUrl", request.notifyUrl());
        putPolicy(node, policy);
        return text(node);
    }

    /**
     * A request document as stored: the payment or the refund, and the call's policy.
     *
     * @param payment the payment request, or {@code null} for a refund
     * @param refund  the refund request, or {@code null} for a payment
     * @param policy  the call's policy, or {@code null} if the row has none (or none this version reads)
     */
    record StoredRequest(PaymentRequest payment, RefundRequest refund, OperationPolicy policy) {}

    /** Reads a request column: a payment's if {@code payment}, else a refund's, with its policy. */
    StoredRequest readRequest(String json, boolean payment) {
        JsonNode node = parse(json);
        return new StoredRequest(payment ? readPayment(node) : null, payment ? null : readRefund(node), policy(node));
    }

    PaymentRequest readPayment(String json) {
        return readPayment(parse(json));
    }

    private PaymentRequest readPayment(JsonNode node) {
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.path("metadata").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            metadata.put(field.getKey(), field.getValue().asText());
        }
        return new PaymentRequest(text(node, "orderId"), money(node.get("amount")), text(node, "subject"),
                method(node.get("method")), text(node, "notifyUrl"), instant(node, "expiresAt"), metadata);
    }

    RefundRequest readRefund(String json) {
        return readRefund(parse(json));
    }

    private RefundRequest readRefund(JsonNode node) {
        return new RefundRequest(text(node, "orderId"), text(node, "refundId"), money(node.get("amount")),
                money(node.get("orderAmount")), text(node, "reason"), text(node, "notifyUrl"));
    }

    private ObjectNode method(PaymentMethod method) {
        ObjectNode node = mapper.createObjectNode();
        if (method instanceof PaymentMethod.PaymentCode code) {
            node.put("type", "PAYMENT_CODE");
            node.put("authCode", code.redacted().authCode());
        } else if (method instanceof PaymentMethod.QrCode qr) {
            node.put("type", "QR_CODE");
        } else if (method instanceof PaymentMethod.InApp inApp) {
            node.put("type", "IN_APP");
            node.put("payerId", inApp.payerId());
        } else if (method instanceof PaymentMethod.App app) {
            node.put("type", "APP");
        } else if (method instanceof PaymentMethod.Web web) {
            node.put("type", "WEB");
            node.put("device", web.device().name());
            node.put("returnUrl", web.returnUrl());
            node.put("payerClientIp", web.payerClientIp());
        } else {
            throw new IllegalArgumentException("unknown type " + method.getClass());
        }
        return node;
    }

    private PaymentMethod method(JsonNode node) {
        String type = required(node, "type");
        return switch (type) {
            case "PAYMENT_CODE" -> new PaymentMethod.PaymentCode(required(node, "authCode")).redacted();
            case "QR_CODE" -> new PaymentMethod.QrCode();
            case "IN_APP" -> new PaymentMethod.InApp(required(node, "payerId"));
            case "APP" -> new PaymentMethod.App();
            case "WEB" -> new PaymentMethod.Web(PaymentMethod.Web.Device.valueOf(required(node, "device")),
                    text(node, "returnUrl"), text(node, "payerClientIp"));
            default -> throw new IllegalArgumentException("unknown payment method type " + type);
        };
    }

    // ------------------------------------------------------------------ policies

    private void putPolicy(ObjectNode request, OperationPolicy policy) {
        if (policy == null) {
            return;
        }
        ObjectNode node = request.putObject("policy");
        node.put("attemptTimeout", policy.attemptTimeout().toString());
        node.put("deadline", policy.deadline().toString());
        node.put("maxAttempts", policy.maxAttempts());
        node.put("backoffInitial", policy.backoffInitial().toString());
        node.put("backoffMultiplier", policy.backoffMultiplier());
        node.put("backoffMax", policy.backoffMax().toString());
        node.put("jitter", policy.jitter());
        node.put("pollInitialDelay", policy.pollInitialDelay().toString());
        node.put("pollMaxInterval", policy.pollMaxInterval().toString());
    }

    /**
     * The policy of a request document, or {@code null} if it has none. A policy this version cannot
     * read (a field missing or out of range, as a newer version might write) is also {@code null}: the
     * entry stays readable and is finished with the client's current policy, which is safe, whereas an
     * unreadable entry could not be finished at all.
     */
    private static OperationPolicy policy(JsonNode request) {
        JsonNode node = request.get("policy");
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return new OperationPolicy(duration(node, "attemptTimeout"), duration(node, "deadline"),
                    number(node, "maxAttempts").intValue(), duration(node, "backoffInitial"),
                    number(node, "backoffMultiplier").doubleValue(), duration(node, "backoffMax"),
                    number(node, "jitter").doubleValue(), duration(node, "pollInitialDelay"),
                    duration(node, "pollMaxInterval"));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            log.warn("order {}: stored policy not readable ({}); the client's current policy applies",
                    text(request, "orderId"), e.getMessage());
            return null;
        }
    }

    private static Duration duration(JsonNode node, String field) {
        return Duration.parse(required(node, field));
    }

    private static Number number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(field + " missing");
        }
        return value.numberValue();
    }

    // ------------------------------------------------------------------ outcomes

    String write(Outcome outcome) {
        ObjectNode node;
        if (outcome instanceof PaymentOutcome.Paid paid) {
            node = document("payment.paid");
            node.put("orderId", paid.orderId());
            node.put("transactionId", paid.transactionId());
            node.set("amount", money(paid.amount()));
            putInstant(node, "paidAt", paid.paidAt());
        } else if (outcome instanceof PaymentOutcome.AwaitingPayer awaiting) {
            node = document("payment.awaitingPayer");
            node.put("orderId", awaiting.orderId());
            node.set("action", action(awaiting.action()));
        } else if (outcome instanceof PaymentOutcome.Failed failed) {
            node = document("payment.failed");
            node.put("orderId", failed.orderId());
            node.set("failure", failure(failed.failure()));
        } else if (outcome instanceof PaymentOutcome.InDoubt doubt) {
            node = document("payment.inDoubt");
            node.put("orderId", doubt.orderId());
            node.set("failure", failure(doubt.lastFailure()));
        } else if (outcome instanceof RefundOutcome.Refunded refunded) {
            node = document("refund.refunded");
            node.set("status", status(refunded.status()));
        } else if (outcome instanceof RefundOutcome.Processing processing) {
            node = document("refund.processing");
            node.set("status", status(processing.status()));
        } else if (outcome instanceof RefundOutcome.Failed failed) {
            node = document("refund.failed");
            node.put("orderId", failed.orderId());
            node.put("refundId", failed.refundId());
            node.set("failure", failure(failed.failure()));
        } else if (outcome instanceof RefundOutcome.InDoubt doubt) {
            node = document("refund.inDoubt");
            node.put("orderId", doubt.orderId());
            node.put("refundId", doubt.refundId());
            node.set("failure", failure(doubt.lastFailure()));
        } else if (outcome instanceof CloseOutcome.Closed closed) {
            node = document("close.closed");
            node.put("orderId", closed.orderId());
            node.put("refunded", closed.refunded());
        } else if (outcome instanceof CloseOutcome.Failed failed) {
            node = document("close.failed");
            node.put("orderId", failed.orderId());
            node.set("failure", failure(failed.failure()));
        } else if (outcome instanceof CloseOutcome.InDoubt doubt) {
            node = document("close.inDoubt");
            node.put("orderId", doubt.orderId());
            node.set("failure", failure(doubt.lastFailure()));
        } else {
            throw new IllegalArgumentException("unknown type " + outcome.getClass());
        }
        return text(node);
    }

    Outcome readOutcome(String json) {
        JsonNode node = parse(json);
        String type = required(node, "type");
        return switch (type) {
            case "payment.paid" -> new PaymentOutcome.Paid(text(node, "orderId"), text(node, "transactionId"),
                    money(node.get("amount")), instant(node, "paidAt"));
            case "payment.awaitingPayer" -> new PaymentOutcome.AwaitingPayer(text(node, "orderId"), action(node.get("action")));
            case "payment.failed" -> new PaymentOutcome.Failed(text(node, "orderId"), failure(node.get("failure")));
            case "payment.inDoubt" -> new PaymentOutcome.InDoubt(text(node, "orderId"), failure(node.get("failure")));
            case "refund.refunded" -> new RefundOutcome.Refunded(status(node.get("status")));
            case "refund.processing" -> new RefundOutcome.Processing(status(node.get("status")));
            case "refund.failed" -> new RefundOutcome.Failed(text(node, "orderId"), text(node, "refundId"),
                    failure(node.get("failure")));
            case "refund.inDoubt" -> new RefundOutcome.InDoubt(text(node, "orderId"), text(node, "refundId"),
                    failure(node.get("failure")));
            case "close.closed" -> new CloseOutcome.Closed(text(node, "orderId"), node.path("refunded").asBoolean(false));
            case "close.failed" -> new CloseOutcome.Failed(text(node, "orderId"), failure(node.get("failure")));
            case "close.inDoubt" -> new CloseOutcome.InDoubt(text(node, "orderId"), failure(node.get("failure")));
            default -> throw new IllegalArgumentException("unknown outcome type " + type);
        };
    }

    private ObjectNode action(PayerAction action) {
        ObjectNode node = mapper.createObjectNode();
        if (action instanceof PayerAction.ScanQrCode qr) {
            node.put("type", "SCAN_QR_CODE");
            node.put("codeUrl", qr.codeUrl());
        } else if (action instanceof PayerAction.OpenUrl url) {
            node.put("type", "OPEN_URL");
            node.put("url", url.url());
        } else if (action instanceof PayerAction.InvokeClient client) {
            node.put("type", "INVOKE_CLIENT");
            ObjectNode parameters = node.putObject("parameters");
            client.parameters().forEach(parameters::put);
        } else {
            throw new IllegalArgumentException("unknown type " + action.getClass());
        }
        return node;
    }

    private PayerAction action(JsonNode node) {
        String type = required(node, "type");
        return switch (type) {
            case "SCAN_QR_CODE" -> new PayerAction.ScanQrCode(required(node, "codeUrl"));
            case "OPEN_URL" -> new PayerAction.OpenUrl(required(node, "url"));
            case "INVOKE_CLIENT" -> {
                Map<String, String> parameters = new LinkedHashMap<>();
                node.path("parameters").fields().forEachRemaining(f -> parameters.put(f.getKey(), f.getValue().asText()));
                yield new PayerAction.InvokeClient(parameters);
            }
            default -> throw new IllegalArgumentException("unknown payer action type " + type);
        };
    }

    private ObjectNode failure(Failure failure) {
        ObjectNode node = mapper.createObjectNode();
        node.put("reason", failure.reason().name());
        node.put("providerCode", failure.providerCode());
        node.put("providerSubCode", failure.providerSubCode());
        node.put("providerMessage", failure.providerMessage());
        node.put("requestId", failure.requestId());
        node.put("attempts", failure.attempts());
        return node;
    }

    private Failure failure(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("failure missing");
        }
        String reason = required(node, "reason");
        FailureReason known;
        String message = text(node, "providerMessage");
        try {
            known = FailureReason.valueOf(reason);
        } catch (IllegalArgumentException e) {
            // Written by a newer version with a reason this one does not know: keep it readable.
            known = FailureReason.PROVIDER_ERROR;
            message = reason + (message == null ? "" : ": " + message);
        }
        return new Failure(known, text(node, "providerCode"), text(node, "providerSubCode"), message,
                text(node, "requestId"), node.path("attempts").asInt(0));
    }

    private ObjectNode status(RefundStatus status) {
        ObjectNode node = mapper.createObjectNode();
        node.put("orderId", status.orderId());
        node.put("refundId", status.refundId());
        node.put("providerRefundId", status.providerRefundId());
        if (status.amount() != null) {
            node.set("amount", money(status.amount()));
        }
        node.put("state", status.state().name());
        putInstant(node, "refundedAt", status.refundedAt());
        node.put("rawState", status.rawState());
        return node;
    }

    private RefundStatus status(JsonNode node) {
        JsonNode amount = node.get("amount");
        String state = required(node, "state");
        RefundState known;
        try {
            known = RefundState.valueOf(state);
        } catch (IllegalArgumentException e) {
            known = RefundState.UNKNOWN;
        }
        return new RefundStatus(text(node, "orderId"), text(node, "refundId"), text(node, "providerRefundId"),
                amount == null || amount.isNull() ? null : money(amount), known, instant(node, "refundedAt"),
                text(node, "rawState"));
    }

    // ------------------------------------------------------------------ values

    private ObjectNode money(Money money) {
        ObjectNode node = mapper.createObjectNode();
        node.put("minor", money.minorUnits());
        node.put("currency", money.currencyCode());
        return node;
    }

    /** v1 {@code {"minor":4600,"currency":"CNY"}}; v0 {@code {"value":"46.00","currency":"CNY"}}. */
    private static Money money(JsonNode node) {
        if (node == null || node.isNull()) {
            throw new IllegalArgumentException("amount missing");
        }
        String currency = required(node, "currency");
        if (node.has("minor")) {
            return Money.ofMinor(node.get("minor").asLong(), currency);
        }
        return Money.of(required(node, "value"), currency);
    }

    private ObjectNode document(String type) {
        ObjectNode node = mapper.createObjectNode();
        node.put("v", FORMAT);
        node.put("type", type);
        return node;
    }

    private static void putInstant(ObjectNode node, String field, Instant value) {
        node.put(field, value == null ? null : value.toString());
    }

    private static Instant instant(JsonNode node, String field) {
        String text = text(node, field);
        return text == null ? null : Instant.parse(text);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String required(JsonNode node, String field) {
        String value = node == null ? null : text(node, field);
        if (value == null) {
            throw new IllegalArgumentException(field + " missing");
        }
        return value;
    }

    private JsonNode parse(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            int format = node.path("v").asInt(0);
            if (format > FORMAT) {
                throw new IllegalArgumentException("format v" + format + " is newer than this version reads (v" + FORMAT + ")");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private String text(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
