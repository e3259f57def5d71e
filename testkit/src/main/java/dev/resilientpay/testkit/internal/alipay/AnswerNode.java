package dev.resilientpay.testkit.internal.alipay;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds one response node in the gateway's field order: {@code code}, {@code msg}, {@code sub_code},
 * {@code sub_msg}, then the fields in the order they are put (the methods put them alphabetically, as
 * the gateway does). Empty values are left out, as the gateway leaves out absent fields.
 */
final class AnswerNode {

    static final String SUCCESS = "10000";
    static final String PROCESSING = "10003";
    static final String UNAVAILABLE = "20000";
    static final String MISSING_ARGUMENT = "40001";
    static final String INVALID_ARGUMENT = "40002";
    static final String BUSINESS_FAILED = "40004";

    private static final Map<String, String> CODE_MESSAGES = Map.of(
            SUCCESS, "Success",
            PROCESSING, " order success pay inprocess",
            UNAVAILABLE, "Service Currently Unavailable",
            MISSING_ARGUMENT, "Missing Required Arguments",
            INVALID_ARGUMENT, "Invalid Arguments",
            BUSINESS_FAILED, "Business Failed");

    /** The gateway's own wording of the sub-codes the simulator answers. */
    private static final Map<String, String> SUB_MESSAGES = Map.ofEntries(
            Map.entry("ACQ.SYSTEM_ERROR", "系统错误"),
            Map.entry("isp.unknow-error", "服务暂不可用（业务系统不可用）"),
            Map.entry("ACQ.TRADE_HAS_SUCCESS", "交易已被支付"),
            Map.entry("ACQ.TRADE_HAS_CLOSE", "交易已经关闭"),
            Map.entry("ACQ.CONTEXT_INCONSISTENT", "交易信息被篡改"),
            Map.entry("ACQ.PAYMENT_AUTH_CODE_INVALID", "支付授权码无效"),
            Map.entry("ACQ.BUYER_BALANCE_NOT_ENOUGH", "买家余额不足"),
            Map.entry("ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH", "用户银行卡余额不足"),
            Map.entry("ACQ.PAYMENT_FAIL", "支付失败"),
            Map.entry("ACQ.TRADE_NOT_EXIST", "交易不存在"),
            Map.entry("ACQ.TRADE_STATUS_ERROR", "交易状态不合法"),
            Map.entry("ACQ.TRADE_HAS_FINISHED", "交易已完结"),
            Map.entry("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限"),
            Map.entry("ACQ.DISCORDANT_REPEAT_REQUEST", "不一致的请求"),
            Map.entry("ACQ.REASON_TRADE_REFUND_FEE_ERR", "退款金额无效"),
            Map.entry("ACQ.INVALID_PARAMETER", "参数无效"),
            Map.entry("isv.invalid-signature", "验签出错"),
            Map.entry("isv.invalid-app-id", "无效的AppID参数"),
            Map.entry("isv.invalid-method", "不存在的方法名"),
            Map.entry("isv.invalid-signature-type", "无效的签名类型"),
            Map.entry("isv.invalid-charset", "字符集错误"),
            Map.entry("isv.invalid-format", "无效的数据格式"),
            Map.entry("isv.invalid-timestamp", "非法的时间戳参数"),
            Map.entry("isv.invalid-parameter", "参数无效"),
            Map.entry("isv.missing-method", "缺少方法名参数"),
            Map.entry("isv.missing-signature", "缺少签名参数"),
            Map.entry("isv.missing-signature-type", "缺少签名类型参数"),
            Map.entry("isv.missing-app-id", "缺少appId参数"),
            Map.entry("isv.missing-timestamp", "缺少时间戳参数"),
            Map.entry("isv.missing-version", "缺少版本参数"));

    private final String nodeName;
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private AnswerNode(String nodeName, String code, String subCode, String subMessage) {
        this.nodeName = nodeName;
        fields.put("code", code);
        fields.put("msg", CODE_MESSAGES.getOrDefault(code, "Unknown"));
        if (subCode != null) {
            fields.put("sub_code", subCode);
            fields.put("sub_msg", subMessage != null ? subMessage : SUB_MESSAGES.getOrDefault(subCode, subCode));
        }
    }

    /** A {@code 10000} node for {@code method}. */
    static AnswerNode success(String method) {
        return new AnswerNode(GatewayAnswer.nodeNameFor(method), SUCCESS, null, null);
    }

    /** A node with {@code code} and no sub-code (e.g. {@code 10003}). */
    static AnswerNode code(String method, String code) {
        return new AnswerNode(GatewayAnswer.nodeNameFor(method), code, null, null);
    }

    /** A {@code 40004} node with {@code subCode}. */
    static AnswerNode businessFailure(String method, String subCode) {
        return new AnswerNode(GatewayAnswer.nodeNameFor(method), BUSINESS_FAILED, subCode, null);
    }

    /** A {@code 40004} node with {@code subCode} and a specific explanation. */
    static AnswerNode businessFailure(String method, String subCode, String subMessage) {
        return new AnswerNode(GatewayAnswer.nodeNameFor(method), BUSINESS_FAILED, subCode, subMessage);
    }

    /** The system error of {@code method}, in the configured wording. */
    static AnswerNode systemError(String method, boolean as20000) {
        String nodeName = method.isEmpty() ? "error_response" : GatewayAnswer.nodeNameFor(method);
        return as20000
                ? new AnswerNode(nodeName, UNAVAILABLE, "isp.unknow-error", null)
                : new AnswerNode(nodeName, BUSINESS_FAILED, "ACQ.SYSTEM_ERROR", null);
    }

    /** A gateway-level rejection (bad signature, unknown app...): under {@code nodeName}, never signed. */
    static GatewayAnswer rejection(String nodeName, String code, String subCode, String detail) {
        String subMessage = SUB_MESSAGES.getOrDefault(subCode, subCode) + (detail == null ? "" : ": " + detail);
        return new AnswerNode(nodeName, code, subCode, subMessage).answer(false, false);
    }

    /** Adds a field unless its value is null or an empty string. */
    AnswerNode put(String name, Object value) {
        if (value != null && !(value instanceof String text && text.isEmpty())) {
            fields.put(name, value);
        }
        return this;
    }

    /** The signed answer of a request that reached the trade logic. */
    GatewayAnswer signed() {
        return answer(true, true);
    }

    GatewayAnswer answer(boolean signed, boolean processed) {
        return new GatewayAnswer(nodeName, fields, signed, processed);
    }
}
