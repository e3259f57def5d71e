package dev.resilientpay.testkit.internal.wechat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resilientpay.testkit.WechatPaySimulatorAlreadyPaid;
import dev.resilientpay.testkit.WechatPaySimulatorOrder;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import dev.resilientpay.testkit.WechatPaySimulatorRefund;
import dev.resilientpay.testkit.WechatPaySimulatorRefundScript;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The simulated gateway's orders and refunds and the rules WeChat Pay applies to them: prepay
 * idempotent by out_trade_no, codepay with its payer, query, close, reverse, refund once per
 * out_refund_no, refund query. Every method is atomic (one lock), so concurrent requests see a
 * consistent book and a payer is never charged twice for one order.
 */
public final class OrderBook {

    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9a-zA-Z_\\-|*]{6,32}");
    private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9a-zA-Z_\\-|*@]{1,64}");
    /** WeChat payment codes: 18 digits starting 10 to 15 (WeChat Pay payment-code rules). */
    private static final Pattern WECHAT_AUTH_CODE = Pattern.compile("1[0-5][0-9]{16}");
    private static final Map<String, String> TRADE_TYPES = Map.of(
            "native", "NATIVE", "jsapi", "JSAPI", "app", "APP", "h5", "MWEB");
    private static final Map<String, String> STATE_DESCRIPTIONS = Map.of(
            "NOTPAY", "订单未支付",
            "USERPAYING", "用户支付中，需要输入密码",
            "SUCCESS", "支付成功",
            "REFUND", "转入退款",
            "CLOSED", "订单已关闭",
            "REVOKED", "已撤销（付款码支付）",
            "PAYERROR", "支付失败");

    private final Merchant merchant;
    private final Clock clock;
    private final Map<String, OrderRecord> orders = new LinkedHashMap<>();
    private final Map<String, OrderRecord> byTransactionId = new HashMap<>();
    private final Map<String, RefundRecord> refunds = new LinkedHashMap<>();
    private final Map<String, WechatPaySimulatorPayer> payersByOrder = new HashMap<>();
    private final Map<String, WechatPaySimulatorPayer> payersByAuthCode = new HashMap<>();
    private final Map<String, WechatPaySimulatorRefundScript> refundScripts = new HashMap<>();
    private final Map<String, Integer> laggingOrderQueries = new HashMap<>();
    private final Map<String, Integer> laggingRefundQueries = new HashMap<>();
    private int lagAfterFaultedCodepay;
    private boolean consumePaymentCodes;
    private WechatPaySimulatorPayer defaultCodepayPayer = WechatPaySimulatorPayer.paysAtOnce();
    private WechatPaySimulatorRefundScript defaultRefundScript = WechatPaySimulatorRefundScript.succeedsAfterQueries(0);
    private WechatPaySimulatorAlreadyPaid alreadyPaid = WechatPaySimulatorAlreadyPaid.replay();
    private long sequence;
    private long codeSequence;

    /** An empty book for {@code merchant}. */
    public OrderBook(Merchant merchant, Clock clock) {
        this.merchant = Objects.requireNonNull(merchant, "merchant");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---------------------------------------------------------------- endpoints

    /** {@code POST /v3/pay/transactions/{native|jsapi|app|h5}}. */
    public synchronized Answer prepay(String operation, byte[] body) {
        try {
            String tradeType = TRADE_TYPES.get(operation);
            ObjectNode request = parse(body);
            requireMerchant(request);
            String outTradeNo = outTradeNo(request);
            requireText(request, "description", 127);
            String notifyUrl = requireText(request, "notify_url", 255);
            if (!notifyUrl.startsWith("https://") && !notifyUrl.startsWith("http://") || notifyUrl.contains("?")) {
                throw new Rejection(Answer.paramError("/notify_url", notifyUrl,
                        "must be an http(s) URL without a query"));
            }
            long total = amountTotal(request);
            String attach = optionalText(request, "attach", 128);
            timeExpire(request);
            if ("jsapi".equals(operation)) {
                requireNested(request, "payer", "openid");
            }
            if ("h5".equals(operation)) {
                requireNested(request, "scene_info", "payer_client_ip");
                JsonNode h5 = request.path("scene_info").path("h5_info");
                if (!h5.path("type").isTextual()) {
                    throw new Rejection(Answer.paramError("/scene_info/h5_info/type", null, "is required"));
                }
            }
            OrderRecord existing = orders.get(outTradeNo);
            if (existing != null) {
                return resentPrepay(existing, tradeType, request);
            }
            String credential = newCredential(operation);
            OrderRecord order = new OrderRecord(outTradeNo, tradeType, request, total, "CNY", attach, credential,
                    "NOTPAY");
            orders.put(outTradeNo, order);
            WechatPaySimulatorPayer scripted = payersByOrder.get(outTradeNo);
            if (scripted != null) {
                applyPayer(order, scripted);
            }
            return credentialAnswer(order);
        } catch (Rejection rejection) {
            return rejection.answer();
        }
    }

    /** {@code POST /v3/pay/transactions/codepay}. */
    public synchronized Answer codepay(byte[] body) {
        try {
            ObjectNode request = parse(body);
            requireMerchant(request);
            String outTradeNo = outTradeNo(request);
            requireText(request, "description", 127);
            String authCode = requireNested(request, "payer", "auth_code");
            long total = amountTotal(request);
            String attach = optionalText(request, "attach", 128);
            if (!request.path("scene_info").isObject()) {
                throw new Rejection(Answer.paramError("/scene_info", null, "is required"));
            }
            if (!WECHAT_AUTH_CODE.matcher(authCode).matches()) {
                // as the gateway: a code that is not WeChat's (an Alipay code scanned at the wrong till) is refused
                throw new Rejection(Answer.error(400, "AUTH_CODE_INVALID", "付款码无效，请重新扫码"));
            }
            OrderRecord existing = orders.get(outTradeNo);
            if (existing != null && consumePaymentCodes) {
                // An independent gateway's one-time code: the first codepay used it up, a re-send is refused.
                return Answer.error(400, "AUTH_CODE_INVALID", "授权码无效");
            }
            if (existing != null) {
                return resentCodepay(existing, request);
            }
            OrderRecord order = new OrderRecord(outTradeNo, "MICROPAY", request, total, "CNY", attach, null,
                    "USERPAYING");
            order.transactionId = newTransactionId();
            byTransactionId.put(order.transactionId, order);
            orders.put(outTradeNo, order);
            // the order's script first, then the payment code's, then the default (as the Alipay simulator)
            WechatPaySimulatorPayer forOrder = payersByOrder.get(outTradeNo);
            applyPayer(order, forOrder != null ? forOrder
                    : payersByAuthCode.getOrDefault(authCode, defaultCodepayPayer));
            return codepayAnswer(order);
        } catch (Rejection rejection) {
            return rejection.answer();
        }
    }

    /** {@code GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=…}. */
    public synchronized Answer queryByOutTradeNo(String outTradeNo, String mchIdParameter) {
        Answer wrongMerchant = checkMchIdParameter(mchIdParameter);
        if (wrongMerchant != null) {
            return wrongMerchant;
        }
        if (lags(laggingOrderQueries, outTradeNo)) {
            return Answer.error(404, "ORDER_NOT_EXIST", "订单不存在");
        }
        return query(orders.get(outTradeNo));
    }

    /** {@code GET /v3/pay/transactions/id/{transaction_id}?mchid=…}. */
    public synchronized Answer queryByTransactionId(String transactionId, String mchIdParameter) {
        Answer wrongMerchant = checkMchIdParameter(mchIdParameter);
        if (wrongMerchant != null) {
            return wrongMerchant;
        }
        OrderRecord order = byTransactionId.get(transactionId);
        if (order != null && lags(laggingOrderQueries, order.outTradeNo)) {
            return Answer.error(404, "ORDER_NOT_EXIST", "订单不存在");
        }
        return query(order);
    }

    /** {@code POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close}: 204. */
    public synchronized Answer close(String outTradeNo, byte[] body) {
        try {
            ObjectNode request = parse(body);
            if (!merchant.mchId().equals(request.path("mchid").asText(null))) {
                throw new Rejection(Answer.paramError("/mchid", request.path("mchid").asText(null),
                        "must be the merchant's mchid"));
            }
            OrderRecord order = orders.get(outTradeNo);
            if (order == null) {
                return Answer.error(404, "ORDER_NOT_EXIST", "订单不存在");
            }
            if (order.paidAndNotReversed()) {
                return Answer.error(400, "ORDERPAID", "订单已支付");
            }
            if (!"REVOKED".equals(order.tradeState)) {
                order.tradeState = "CLOSED";
            }
            return Answer.noContent();
        } catch (Rejection rejection) {
            return rejection.answer();
        }
    }

    /**
     * {@code POST /v3/pay/transactions/out-trade-no/{out_trade_no}/reverse}: an unpaid order is closed,
     * a paid one refunded in full; both end {@code REVOKED}. WeChat Pay does not document the v3
     * success body; this answers 200 with the order's identifiers.
     */
    public synchronized Answer reverse(String outTradeNo, byte[] body) {
        try {
            requireMerchant(parse(body));
            OrderRecord order = orders.get(outTradeNo);
            if (order == null) {
                return Answer.error(404, "ORDER_NOT_EXIST", "订单不存在");
            }
            if ("REFUND".equals(order.tradeState)) {
                return Answer.error(400, "INVALID_REQUEST", "订单已发生退款，不能撤销");
            }
            if ("SUCCESS".equals(order.tradeState)) {
                order.returnedToPayer += order.total;
            }
            if (!"CLOSED".equals(order.tradeState)) {
                order.tradeState = "REVOKED";
            }
            return Answer.ok(Json.object().put("appid", merchant.appId()).put("mchid", merchant.mchId())
                    .put("out_trade_no", order.outTradeNo));
        } catch (Rejection rejection) {
            return rejection.answer();
        }
    }

    /** {@code POST /v3/refund/domestic/refunds}: one refund per out_refund_no. */
    public synchronized Answer refund(byte[] body) {
        try {
            ObjectNode request = parse(body);
            String outRefundNo = requireText(request, "out_refund_no", 64);
            if (!OUT_REFUND_NO.matcher(outRefundNo).matches()) {
                throw new Rejection(Answer.paramError("/out_refund_no", outRefundNo,
                        "must be 1-64 characters of 0-9a-zA-Z_-|*@"));
            }
            optionalText(request, "reason", 80);
            JsonNode amount = request.path("amount");
            long refundAmount = positiveInt(amount.path("refund"), "/amount/refund");
            long total = positiveInt(amount.path("total"), "/amount/total");
            if (!"CNY".equals(amount.path("currency").asText(null))) {
                throw new Rejection(Answer.paramError("/amount/currency", amount.path("currency").asText(null),
                        "must be CNY"));
            }
            OrderRecord order = orderOfRefundRequest(request);
            RefundRecord existing = refunds.get(outRefundNo);
            if (existing != null) {
                if (order != existing.order || existing.amount != refundAmount) {
                    return Answer.error(400, "INVALID_REQUEST", "商户退款单号已被其他退款使用");
                }
                return Answer.ok(refundJson(existing));
            }
            if (order == null) {
                return Answer.error(404, "ORDER_NOT_EXIST", "订单不存在");
            }
            if (!order.paidAndNotReversed()) {
                return Answer.error(400, "INVALID_REQUEST", "订单状态为" + order.tradeState + "，不能退款");
            }
            if (total != order.total) {
                return Answer.paramError("/amount/total", Long.toString(total), "must equal the order amount");
            }
            long pending = order.refunds.stream().filter(r -> !"CLOSED".equals(r.status)).mapToLong(r -> r.amount).sum();
            if (refundAmount > order.total - pending) {
                return Answer.error(400, "INVALID_REQUEST", "退款金额超过订单可退金额");
            }
            WechatPaySimulatorRefundScript script = refundScripts.getOrDefault(outRefundNo, defaultRefundScript);
            if (script instanceof WechatPaySimulatorRefundScript.Rejected rejected) {
                return Answer.error(rejected.status(), rejected.code(), rejected.message());
            }
            RefundRecord refund = new RefundRecord(outRefundNo, "50" + Randomness.digits(28), order, refundAmount,
                    request, clock.instant(), script);
            refunds.put(outRefundNo, refund);
            order.refunds.add(refund);
            order.tradeState = "REFUND";
            if (script instanceof WechatPaySimulatorRefundScript.SettlesAtOnce atOnce) {
                settle(refund, atOnce.finalStatus());
            }
            return Answer.ok(refundJson(refund));
        } catch (Rejection rejection) {
            return rejection.answer();
        }
    }

    /** {@code GET /v3/refund/domestic/refunds/{out_refund_no}}. */
    public synchronized Answer refundQuery(String outRefundNo) {
        RefundRecord refund = refunds.get(outRefundNo);
        if (refund == null || lags(laggingRefundQueries, outRefundNo)) {
            return Answer.error(404, "RESOURCE_NOT_EXISTS", "退款单不存在");
        }
        if ("PROCESSING".equals(refund.status)
                && refund.script instanceof WechatPaySimulatorRefundScript.SettlesAfterQueries later
                && refund.queries >= later.queries()) {
            settle(refund, later.finalStatus());
        }
        refund.queries++;
        return Answer.ok(refundJson(refund));
    }

    // ---------------------------------------------------------------- scripting

    /** The payer pays {@code outTradeNo} now. */
    public synchronized WechatPaySimulatorOrder payerPays(String outTradeNo) {
        OrderRecord order = existing(outTradeNo);
        if (!order.awaitingPayer()) {
            throw new IllegalStateException("order " + outTradeNo + " is " + order.tradeState
                    + ": the payer can pay only NOTPAY or USERPAYING orders");
        }
        pay(order);
        return order.snapshot();
    }

    /** Scripts the payer of the prepay order {@code outTradeNo} (now if it exists, else when created). */
    public synchronized void payer(String outTradeNo, WechatPaySimulatorPayer payer) {
        Objects.requireNonNull(payer, "payer");
        payersByOrder.put(outTradeNo, payer);
        OrderRecord order = orders.get(outTradeNo);
        if (order != null && order.awaitingPayer()) {
            applyPayer(order, payer);
        }
    }

    /** The payer who shows the payment code {@code authCode}. */
    public synchronized void payerWithAuthCode(String authCode, WechatPaySimulatorPayer payer) {
        payersByAuthCode.put(Objects.requireNonNull(authCode, "authCode"), Objects.requireNonNull(payer, "payer"));
    }

    /** A fresh, well-formed WeChat payment code (18 digits starting 13), scripted as {@code payer}. */
    public synchronized String newPaymentCode(WechatPaySimulatorPayer payer) {
        Objects.requireNonNull(payer, "payer");
        codeSequence++;
        String code = "13" + (7_000_000_000_000_000L + codeSequence);
        payersByAuthCode.put(code, payer);
        return code;
    }

    /** The notify_url the order was created with, or the empty string (codepay orders have none). */
    public synchronized String notifyUrl(String outTradeNo) {
        OrderRecord order = orders.get(outTradeNo);
        return order == null ? "" : order.parameters.path("notify_url").asText("");
    }

    /** The payer for payment codes not scripted otherwise. */
    public synchronized void defaultCodepayPayer(WechatPaySimulatorPayer payer) {
        defaultCodepayPayer = Objects.requireNonNull(payer, "payer");
    }

    /** How the refund {@code outRefundNo} will settle. */
    public synchronized void refundScript(String outRefundNo, WechatPaySimulatorRefundScript script) {
        refundScripts.put(Objects.requireNonNull(outRefundNo, "outRefundNo"), Objects.requireNonNull(script, "script"));
    }

    /** How refunds not scripted otherwise settle. */
    public synchronized void defaultRefundScript(WechatPaySimulatorRefundScript script) {
        defaultRefundScript = Objects.requireNonNull(script, "script");
    }

    /** Settles a {@code PROCESSING} refund now. */
    public synchronized WechatPaySimulatorRefund settleRefund(String outRefundNo, String finalStatus) {
        if (!WechatPaySimulatorRefundScript.FINAL_STATUSES.contains(finalStatus)) {
            throw new IllegalArgumentException("finalStatus must be one of "
                    + WechatPaySimulatorRefundScript.FINAL_STATUSES + ", was " + finalStatus);
        }
        RefundRecord refund = refunds.get(outRefundNo);
        if (refund == null) {
            throw new IllegalArgumentException("no refund " + outRefundNo);
        }
        if (!"PROCESSING".equals(refund.status)) {
            throw new IllegalStateException("refund " + outRefundNo + " is already " + refund.status);
        }
        settle(refund, finalStatus);
        return refund.snapshot();
    }

    /** The next {@code queries} queries of {@code outTradeNo} answer 404, as a lagging replica would. */
    public synchronized void lagQueries(String outTradeNo, int queries) {
        laggingOrderQueries.put(Objects.requireNonNull(outTradeNo, "outTradeNo"), requireCount(queries));
    }

    /** After a codepay processed but answered through a fault, the next {@code queries} queries of its order lag. */
    public synchronized void lagQueriesAfterFaultedCodepay(int queries) {
        lagAfterFaultedCodepay = requireCount(queries);
    }

    /** Whether the first codepay of an order consumes its payment code (a re-send is refused). */
    public synchronized void consumePaymentCodes(boolean consume) {
        consumePaymentCodes = consume;
    }

    /** Called by the gateway when a codepay for {@code outTradeNo} was processed and its answer then broken. */
    public synchronized void codepayFaulted(String outTradeNo) {
        if (lagAfterFaultedCodepay > 0 && outTradeNo != null && orders.containsKey(outTradeNo)) {
            laggingOrderQueries.put(outTradeNo, lagAfterFaultedCodepay);
        }
    }

    /** The next {@code queries} refund queries of {@code outRefundNo} answer 404, as a lagging replica would. */
    public synchronized void lagRefundQueries(String outRefundNo, int queries) {
        laggingRefundQueries.put(Objects.requireNonNull(outRefundNo, "outRefundNo"), requireCount(queries));
    }

    /** The answer to a re-sent payment for an order that is already paid. */
    public synchronized void alreadyPaid(WechatPaySimulatorAlreadyPaid answer) {
        alreadyPaid = Objects.requireNonNull(answer, "answer");
    }

    /** Forgets every order, refund and script; back to the default payer, refund script and already-paid answer. */
    public synchronized void reset() {
        orders.clear();
        byTransactionId.clear();
        refunds.clear();
        payersByOrder.clear();
        payersByAuthCode.clear();
        refundScripts.clear();
        laggingOrderQueries.clear();
        laggingRefundQueries.clear();
        lagAfterFaultedCodepay = 0;
        consumePaymentCodes = false;
        defaultCodepayPayer = WechatPaySimulatorPayer.paysAtOnce();
        defaultRefundScript = WechatPaySimulatorRefundScript.succeedsAfterQueries(0);
        alreadyPaid = WechatPaySimulatorAlreadyPaid.replay();
    }

    // ---------------------------------------------------------------- inspection

    /** A snapshot of {@code outTradeNo}. */
    public synchronized Optional<WechatPaySimulatorOrder> order(String outTradeNo) {
        return Optional.ofNullable(orders.get(outTradeNo)).map(OrderRecord::snapshot);
    }

    /** A snapshot of {@code outRefundNo}. */
    public synchronized Optional<WechatPaySimulatorRefund> refundSnapshot(String outRefundNo) {
        return Optional.ofNullable(refunds.get(outRefundNo)).map(RefundRecord::snapshot);
    }

    /** Every order, oldest first. */
    public synchronized List<WechatPaySimulatorOrder> ledger() {
        return orders.values().stream().map(OrderRecord::snapshot).toList();
    }

    /** The out_trade_no of {@code transactionId}, or {@code null}. */
    public synchronized String outTradeNoOfTransaction(String transactionId) {
        OrderRecord order = byTransactionId.get(transactionId);
        return order == null ? null : order.outTradeNo;
    }

    /** The out_trade_no the refund {@code outRefundNo} belongs to, or {@code null}. */
    public synchronized String outTradeNoOfRefund(String outRefundNo) {
        RefundRecord refund = refunds.get(outRefundNo);
        return refund == null ? null : refund.order.outTradeNo;
    }

    /** The transaction resource of a {@code TRANSACTION.SUCCESS} notification for a paid order. */
    public synchronized ObjectNode paidTransaction(String outTradeNo) {
        OrderRecord order = existing(outTradeNo);
        if (order.charges == 0) {
            throw new IllegalStateException("order " + outTradeNo + " is " + order.tradeState
                    + ": WeChat Pay notifies only paid orders");
        }
        ObjectNode transaction = transactionJson(order);
        transaction.put("trade_state", "SUCCESS").put("trade_state_desc", STATE_DESCRIPTIONS.get("SUCCESS"));
        return transaction;
    }

    /** The refund resource of a {@code REFUND.*} notification; the refund must have settled. */
    public synchronized ObjectNode settledRefund(String outRefundNo) {
        RefundRecord refund = refunds.get(outRefundNo);
        if (refund == null) {
            throw new IllegalArgumentException("no refund " + outRefundNo);
        }
        if ("PROCESSING".equals(refund.status)) {
            throw new IllegalStateException("refund " + outRefundNo
                    + " is PROCESSING: WeChat Pay notifies only SUCCESS, CLOSED or ABNORMAL refunds");
        }
        ObjectNode resource = Json.object();
        resource.put("mchid", merchant.mchId());
        resource.put("out_trade_no", refund.order.outTradeNo);
        resource.put("transaction_id", refund.order.transactionId);
        resource.put("out_refund_no", refund.outRefundNo);
        resource.put("refund_id", refund.refundId);
        resource.put("refund_status", refund.status);
        if (refund.successTime != null) {
            resource.put("success_time", Times.rfc3339(refund.successTime));
        }
        resource.put("user_received_account", "支付用户零钱");
        putRefundAmount(resource, refund);
        return resource;
    }

    // ---------------------------------------------------------------- internals

    private Answer query(OrderRecord order) {
        if (order == null) {
            return Answer.error(404, "ORDER_NOT_EXIST", "订单不存在");
        }
        if (order.awaitingPayer() && order.payer instanceof WechatPaySimulatorPayer.PaysAfterQueries later
                && order.queriesSincePayerScripted >= later.queries()) {
            pay(order);
        }
        order.queriesSincePayerScripted++;
        return Answer.ok(transactionJson(order));
    }

    /** Whether a lagging replica answers this query: counts one lagging query down. */
    private static boolean lags(Map<String, Integer> lagging, String id) {
        Integer left = lagging.get(id);
        if (left == null || left == 0) {
            return false;
        }
        lagging.put(id, left - 1);
        return true;
    }

    private static int requireCount(int queries) {
        if (queries < 0) {
            throw new IllegalArgumentException("queries must be >= 0, was " + queries);
        }
        return queries;
    }

    private Answer resentPrepay(OrderRecord order, String tradeType, ObjectNode request) {
        if (!order.tradeType.equals(tradeType) || !order.parameters.equals(request)) {
            return Answer.error(403, "OUT_TRADE_NO_USED", "商户订单号重复");
        }
        if (order.paidAndNotReversed()) {
            return alreadyPaid instanceof WechatPaySimulatorAlreadyPaid.Error error
                    ? Answer.error(error.status(), error.code(), error.message())
                    : credentialAnswer(order);
        }
        if ("CLOSED".equals(order.tradeState) || "REVOKED".equals(order.tradeState)) {
            return Answer.error(400, "ORDER_CLOSED", "订单已关闭");
        }
        return credentialAnswer(order);
    }

    private Answer resentCodepay(OrderRecord order, ObjectNode request) {
        if (!"MICROPAY".equals(order.tradeType) || !order.parameters.equals(request)) {
            return Answer.error(403, "OUT_TRADE_NO_USED", "商户订单号重复");
        }
        if (order.paidAndNotReversed()) {
            return alreadyPaid instanceof WechatPaySimulatorAlreadyPaid.Error error
                    ? Answer.error(error.status(), error.code(), error.message())
                    : Answer.ok(transactionJson(order));
        }
        if ("CLOSED".equals(order.tradeState) || "REVOKED".equals(order.tradeState)) {
            return Answer.error(400, "ORDER_CLOSED", "订单已关闭");
        }
        return codepayAnswer(order);
    }

    private Answer codepayAnswer(OrderRecord order) {
        return switch (order.tradeState) {
            case "SUCCESS" -> Answer.ok(transactionJson(order));
            case "PAYERROR" -> order.failure;
            default -> Answer.error(202, "USERPAYING", STATE_DESCRIPTIONS.get("USERPAYING"));
        };
    }

    private void applyPayer(OrderRecord order, WechatPaySimulatorPayer payer) {
        order.payer = payer;
        order.queriesSincePayerScripted = 0;
        if (payer instanceof WechatPaySimulatorPayer.PaysAtOnce) {
            pay(order);
        } else if (payer instanceof WechatPaySimulatorPayer.Fails fails) {
            order.tradeState = "PAYERROR";
            order.failure = Answer.error(fails.status(), fails.code(), fails.message());
            order.failureMessage = fails.message();
        }
    }

    private void pay(OrderRecord order) {
        order.tradeState = "SUCCESS";
        order.charges++;
        order.successTime = clock.instant();
        order.openId = order.parameters.path("payer").path("openid").asText("o" + Randomness.alphanumeric(27));
        if (order.transactionId == null) {
            order.transactionId = newTransactionId();
            byTransactionId.put(order.transactionId, order);
        }
    }

    private void settle(RefundRecord refund, String status) {
        refund.status = status;
        if ("SUCCESS".equals(status)) {
            refund.successTime = clock.instant();
            refund.order.returnedToPayer += refund.amount;
        }
    }

    private OrderRecord existing(String outTradeNo) {
        OrderRecord order = orders.get(outTradeNo);
        if (order == null) {
            throw new IllegalArgumentException("no order " + outTradeNo);
        }
        return order;
    }

    private OrderRecord orderOfRefundRequest(ObjectNode request) {
        String outTradeNo = request.path("out_trade_no").asText(null);
        String transactionId = request.path("transaction_id").asText(null);
        if (outTradeNo == null && transactionId == null) {
            throw new Rejection(Answer.paramError("/out_trade_no", null, "out_trade_no or transaction_id is required"));
        }
        return transactionId != null ? byTransactionId.get(transactionId) : orders.get(outTradeNo);
    }

    private ObjectNode transactionJson(OrderRecord order) {
        ObjectNode json = Json.object();
        json.put("appid", merchant.appId());
        json.put("mchid", merchant.mchId());
        json.put("out_trade_no", order.outTradeNo);
        if (order.transactionId != null) {
            json.put("transaction_id", order.transactionId);
        }
        json.put("trade_type", order.tradeType);
        json.put("trade_state", order.tradeState);
        json.put("trade_state_desc", "PAYERROR".equals(order.tradeState) && order.failureMessage != null
                ? order.failureMessage : STATE_DESCRIPTIONS.get(order.tradeState));
        if (order.charges > 0) {
            json.put("bank_type", "OTHERS");
        }
        if (order.attach != null) {
            json.put("attach", order.attach);
        }
        if (order.successTime != null) {
            json.put("success_time", Times.rfc3339(order.successTime));
        }
        if (order.openId != null) {
            json.putObject("payer").put("openid", order.openId);
        }
        ObjectNode amount = json.putObject("amount");
        amount.put("total", order.total);
        if (order.charges > 0) {
            amount.put("payer_total", order.total);
        }
        amount.put("currency", order.currency);
        amount.put("payer_currency", order.currency);
        return json;
    }

    private ObjectNode refundJson(RefundRecord refund) {
        ObjectNode json = Json.object();
        json.put("refund_id", refund.refundId);
        json.put("out_refund_no", refund.outRefundNo);
        json.put("transaction_id", refund.order.transactionId);
        json.put("out_trade_no", refund.order.outTradeNo);
        json.put("channel", "ORIGINAL");
        json.put("user_received_account", "支付用户零钱");
        if (refund.successTime != null) {
            json.put("success_time", Times.rfc3339(refund.successTime));
        }
        json.put("create_time", Times.rfc3339(refund.createTime));
        json.put("status", refund.status);
        json.put("funds_account", "AVAILABLE");
        ObjectNode amount = putRefundAmount(json, refund);
        amount.put("settlement_refund", refund.amount);
        amount.put("settlement_total", refund.order.total);
        amount.put("discount_refund", 0);
        amount.put("currency", "CNY");
        return json;
    }

    /** The {@code amount} object a refund answer and a refund notification both start with; returned to extend. */
    private static ObjectNode putRefundAmount(ObjectNode parent, RefundRecord refund) {
        ObjectNode amount = parent.putObject("amount");
        amount.put("total", refund.order.total);
        amount.put("refund", refund.amount);
        amount.put("payer_total", refund.order.total);
        amount.put("payer_refund", refund.amount);
        return amount;
    }

    private Answer credentialAnswer(OrderRecord order) {
        String field = switch (order.tradeType) {
            case "NATIVE" -> "code_url";
            case "MWEB" -> "h5_url";
            default -> "prepay_id";
        };
        return Answer.ok(Json.object().put(field, order.credential));
    }

    private String newCredential(String operation) {
        String prepayId = "wx" + Randomness.digits(14) + Randomness.hex(18).toLowerCase(java.util.Locale.ROOT);
        return switch (operation) {
            case "native" -> "weixin://wxpay/bizpayurl?pr=" + Randomness.alphanumeric(7);
            case "h5" -> "https://wx.tenpay.com/cgi-bin/mmpayweb-bin/checkmweb?prepay_id=" + prepayId
                    + "&package=" + Randomness.digits(10);
            default -> prepayId;
        };
    }

    private String newTransactionId() {
        sequence++;
        return "42000" + Randomness.digits(13) + String.format("%010d", sequence);
    }

    private Answer checkMchIdParameter(String mchId) {
        if (mchId == null) {
            return Answer.paramError("mchid", null, "query parameter is required");
        }
        if (!merchant.mchId().equals(mchId)) {
            return Answer.paramError("mchid", mchId, "must be the merchant's mchid");
        }
        return null;
    }

    private static ObjectNode parse(byte[] body) {
        return Json.parseObject(body).orElseThrow(() -> new Rejection(
                Answer.error(400, "PARAM_ERROR", "请求体不是合法的JSON")));
    }

    private void requireMerchant(ObjectNode request) {
        String appId = requireText(request, "appid", 32);
        String mchId = requireText(request, "mchid", 32);
        if (!merchant.appId().equals(appId) || !merchant.mchId().equals(mchId)) {
            throw new Rejection(Answer.error(400, "APPID_MCHID_NOT_MATCH", "appid和mch_id不匹配"));
        }
    }

    private static String outTradeNo(ObjectNode request) {
        String outTradeNo = requireText(request, "out_trade_no", 32);
        if (!OUT_TRADE_NO.matcher(outTradeNo).matches()) {
            throw new Rejection(Answer.paramError("/out_trade_no", outTradeNo,
                    "must be 6-32 characters of 0-9a-zA-Z_-|*"));
        }
        return outTradeNo;
    }

    private static long amountTotal(ObjectNode request) {
        JsonNode amount = request.path("amount");
        long total = positiveInt(amount.path("total"), "/amount/total");
        JsonNode currency = amount.path("currency");
        if (!currency.isMissingNode() && !"CNY".equals(currency.asText())) {
            throw new Rejection(Answer.paramError("/amount/currency", currency.asText(), "must be CNY"));
        }
        return total;
    }

    private static long positiveInt(JsonNode node, String field) {
        if (!node.isIntegralNumber() || node.asLong() <= 0) {
            throw new Rejection(Answer.paramError(field, node.isMissingNode() ? null : node.toString(),
                    "must be a positive integer (fen)"));
        }
        return node.asLong();
    }

    private static void timeExpire(ObjectNode request) {
        JsonNode timeExpire = request.get("time_expire");
        if (timeExpire == null) {
            return;
        }
        try {
            OffsetDateTime.parse(timeExpire.asText());
        } catch (DateTimeParseException e) {
            throw new Rejection(Answer.paramError("/time_expire", timeExpire.asText(), "must be RFC 3339"));
        }
    }

    private static String requireText(ObjectNode request, String field, int maxLength) {
        JsonNode node = request.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new Rejection(Answer.paramError("/" + field, null, "is required"));
        }
        return checkLength(field, node.asText(), maxLength);
    }

    private static String optionalText(ObjectNode request, String field, int maxLength) {
        JsonNode node = request.get(field);
        if (node == null) {
            return null;
        }
        if (!node.isTextual()) {
            throw new Rejection(Answer.paramError("/" + field, node.toString(), "must be a string"));
        }
        return checkLength(field, node.asText(), maxLength);
    }

    private static String checkLength(String field, String value, int maxLength) {
        if (value.codePointCount(0, value.length()) > maxLength) {
            throw new Rejection(Answer.paramError("/" + field, value, "must be at most " + maxLength + " characters"));
        }
        return value;
    }

    private static String requireNested(ObjectNode request, String parent, String field) {
        JsonNode node = request.path(parent).path(field);
        if (!node.isTextual() || node.asText().isEmpty()) {
            throw new Rejection(Answer.paramError("/" + parent + "/" + field, null, "is required"));
        }
        return node.asText();
    }

    /** Runs {@code reader} over every order under the book's lock (bills are made from it). */
    public synchronized <T> T inspect(java.util.function.Function<java.util.Collection<OrderRecord>, T> reader) {
        return reader.apply(orders.values());
    }

    /**
     * A refund made in the merchant portal, outside the API: succeeds at once under a generated
     * {@code out_refund_no}; it shows in refund queries and in the day's bill.
     */
    public synchronized WechatPaySimulatorRefund portalRefund(String outTradeNo, long amount) {
        OrderRecord order = existing(outTradeNo);
        if (!order.paidAndNotReversed()) {
            throw new IllegalStateException("order " + outTradeNo + " is " + order.tradeState + ", it cannot be refunded");
        }
        long refunded = order.refunds.stream().filter(r -> !"CLOSED".equals(r.status)).mapToLong(r -> r.amount).sum();
        if (amount <= 0 || amount > order.total - refunded) {
            throw new IllegalArgumentException("refund of " + amount + " fen exceeds what is left of " + outTradeNo);
        }
        String outRefundNo = "PORTAL" + Randomness.digits(12);
        RefundRecord refund = new RefundRecord(outRefundNo, "50" + Randomness.digits(28), order, amount,
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), clock.instant(),
                WechatPaySimulatorRefundScript.succeedsAtOnce());
        refunds.put(outRefundNo, refund);
        order.refunds.add(refund);
        order.tradeState = "REFUND";
        settle(refund, "SUCCESS");
        return refund.snapshot();
    }
}
