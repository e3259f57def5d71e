package dev.resilientpay;

import java.util.Locale;

/**
 * Why a call failed, independent of the provider. Each adapter maps its codes onto these values in
 * one table; the provider's own code is kept in {@link Failure}.
 *
 * <p>Every reason has a {@link Category}, says whether trying again with the same request can
 * succeed ({@link #retryable()}), and has a message for the end user in English and Chinese.
 */
public enum FailureReason {
    // payer
    /** The payer's balance or card cannot cover the amount. */
    INSUFFICIENT_FUNDS(Category.PAYER, false,
            "The payer's balance is not enough. Please use another card or payment method.",
            "余额不足，请更换银行卡或其他支付方式。"),
    /** The payment code shown by the payer is invalid or expired. */
    PAYMENT_CODE_INVALID(Category.PAYER, false,
            "The payment code is invalid or has expired. Please refresh the code and try again.",
            "付款码无效或已过期，请刷新付款码后重试。"),
    /** The payer's account may not pay now (frozen, risk control, limits). */
    PAYER_ACCOUNT_RESTRICTED(Category.PAYER, false,
            "The payer's account cannot pay right now. Please use another payment method.",
            "付款账户当前无法支付，请更换其他支付方式。"),
    /** The provider declined the payment without a more specific reason. */
    PAYMENT_DECLINED(Category.PAYER, false,
            "The payment was declined. Please try again or use another payment method.",
            "支付未成功，请重试或更换其他支付方式。"),
    /** The payer did not confirm before the deadline; the order was cancelled. */
    PAYER_DID_NOT_CONFIRM(Category.PAYER, false,
            "The payment was not confirmed in time and has been cancelled. Any amount taken is returned to the payer.",
            "支付未在规定时间内确认，订单已撤销，如有扣款将原路退回。"),

    /** The payment code payment was cancelled at its deadline after the payer had paid: the money was returned. */
    PAYMENT_REVERSED(Category.PAYER, false,
            "The payment was not confirmed in time and has been cancelled; the amount taken is being returned to the payer.",
            "支付未在规定时间内确认，订单已撤销，扣款将原路退回。"),

    // order
    /** The order was already paid (and is not this request's payment). */
    ORDER_ALREADY_PAID(Category.ORDER, false,
            "This order has already been paid.",
            "该订单已支付。"),
    /** The order is closed or cancelled and can no longer be paid. */
    ORDER_CLOSED(Category.ORDER, false,
            "This order is closed. Please place a new order.",
            "该订单已关闭，请重新下单。"),
    /** The provider has no order with this id. */
    ORDER_NOT_FOUND(Category.ORDER, false,
            "The order could not be found.",
            "未找到该订单。"),
    /** The order cannot be refunded (unpaid, too old, or refunds disabled). */
    REFUND_NOT_ALLOWED(Category.ORDER, false,
            "This order cannot be refunded.",
            "该订单不支持退款。"),
    /** The refund is larger than what remains refundable. */
    REFUND_AMOUNT_EXCEEDED(Category.ORDER, false,
            "The refund amount is larger than the amount that can still be refunded.",
            "退款金额超过可退金额。"),
    /** The refund could not reach the payer's account; the merchant must act. */
    REFUND_ABNORMAL(Category.ORDER, false,
            "The refund could not be paid out to the payer's account and needs the merchant's attention.",
            "退款无法退回至用户账户，需要商户处理。"),
    /** The merchant's balance cannot fund the refund now. */
    MERCHANT_BALANCE_INSUFFICIENT(Category.ORDER, false,
            "The merchant's balance is too low to refund right now. Please try again later.",
            "商户余额不足，暂时无法退款，请稍后重试。"),

    // caller
    /** The provider rejected a field of the request. */
    INVALID_REQUEST(Category.CALLER, false,
            "The payment request was not valid. Please contact the merchant.",
            "支付请求参数有误，请联系商家。"),
    /** The order id was already used for a different request; nothing was sent. */
    IDEMPOTENCY_CONFLICT(Category.CALLER, false,
            "This order number was already used for a different payment. Please place a new order.",
            "该订单号已用于其他支付，请重新下单。"),
    /** The provider rejected the merchant's credentials or signature. */
    AUTHENTICATION_FAILED(Category.CALLER, false,
            "The merchant's payment settings are not correct. Please contact the merchant.",
            "商户支付配置有误，请联系商家。"),
    /** The merchant may not use this product or method. */
    PERMISSION_DENIED(Category.CALLER, false,
            "The merchant is not allowed to use this payment method. Please use another one.",
            "商户暂不支持该支付方式，请更换其他支付方式。"),

    /** A different call with the same id is running on another instance; its outcome was not known in time. */
    CALL_IN_PROGRESS(Category.TRANSIENT, true,
            "This order is still being processed. Please check its status in a moment.",
            "该订单正在处理中，请稍后查询结果。"),

    // security
    /** An answer failed verification and was not trusted. */
    RESPONSE_SIGNATURE_INVALID(Category.SECURITY, true,
            "The payment service's answer could not be verified. Please try again.",
            "支付服务的应答未通过验证，请重试。"),
    /** A notification failed verification and was ignored. */
    NOTIFICATION_REJECTED(Category.SECURITY, false,
            "A payment notification could not be verified and was ignored.",
            "支付通知未通过验证，已忽略。"),
    /**
     * The provider reports the order paid with another amount or currency than requested: never taken
     * as {@code Paid}; the order stays in doubt for a person to check.
     */
    AMOUNT_MISMATCH(Category.SECURITY, false,
            "The amount paid does not match the order. The merchant will check it.",
            "支付金额与订单不符，商家将进行核实。"),

    // transient
    /** The provider asked to slow down (HTTP 429 or its own busy code). */
    RATE_LIMITED(Category.TRANSIENT, true,
            "The payment service is busy. Please try again in a moment.",
            "支付服务繁忙，请稍后重试。"),
    /** The provider is down or the circuit breaker is open; nothing was charged. */
    PROVIDER_UNAVAILABLE(Category.TRANSIENT, true,
            "The payment service is temporarily unavailable. Please try again in a moment.",
            "支付服务暂时不可用，请稍后重试。"),
    /** The provider could not be reached. */
    NETWORK_ERROR(Category.TRANSIENT, true,
            "The payment service could not be reached. Please try again in a moment.",
            "无法连接支付服务，请稍后重试。"),
    /** The provider did not answer in time. */
    TIMEOUT(Category.TRANSIENT, true,
            "The payment service did not answer in time. Please try again in a moment.",
            "支付服务响应超时，请稍后重试。"),
    /** The request never reached the payment service (every attempt provably unsent): nothing was charged. */
    NOT_SENT(Category.TRANSIENT, true,
            "The payment service could not be reached; nothing was charged. Please try again in a moment.",
            "未能连接支付服务，未发生扣款，请稍后重试。"),
    /** The idempotency ledger (the service's database) could not be reached: nothing was sent. */
    LEDGER_UNAVAILABLE(Category.TRANSIENT, true,
            "The payment could not be started right now; nothing was charged. Please try again in a moment.",
            "暂时无法发起支付，未发生扣款，请稍后重试。"),

    // unmapped
    /** A provider code the adapter's table does not map; the raw codes are kept. */
    PROVIDER_ERROR(Category.PROVIDER, false,
            "The payment could not be completed. Please try again later or use another payment method.",
            "支付未完成，请稍后重试或更换其他支付方式。");

    /** Who can act on a failure. */
    public enum Category {
        /** The payer: another card, a fresh payment code. */
        PAYER,
        /** The order's state at the provider. */
        ORDER,
        /** The calling code or its configuration. */
        CALLER,
        /** A signature or notification did not verify. */
        SECURITY,
        /** Passing trouble: network, load, outage. */
        TRANSIENT,
        /** A provider code the library does not map; the raw code is kept. */
        PROVIDER
    }

    private final Category category;
    private final boolean retryable;
    private final String messageEn;
    private final String messageZh;

    FailureReason(Category category, boolean retryable, String messageEn, String messageZh) {
        this.category = category;
        this.retryable = retryable;
        this.messageEn = messageEn;
        this.messageZh = messageZh;
    }

    /** {@return who can act on this failure} */
    public Category category() {
        return category;
    }

    /** {@return whether the same request may succeed if sent again later} */
    public boolean retryable() {
        return retryable;
    }

    /**
     * A message an end user can act on: Chinese for a Chinese locale, English otherwise.
     *
     * @param locale the language of the message
     * @return a message an end user can act on: Chinese for a Chinese locale, English otherwise
     */
    public String userMessage(Locale locale) {
        return locale != null && "zh".equals(locale.getLanguage()) ? messageZh : messageEn;
    }
}
