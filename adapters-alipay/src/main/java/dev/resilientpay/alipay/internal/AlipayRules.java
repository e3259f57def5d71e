package dev.resilientpay.alipay.internal;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentCodes;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.TradeState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Alipay's own field rules and formats: checked before anything is sent, with messages naming the
 * field and the rule.
 */
public final class AlipayRules {

    /** China Standard Time: Alipay's timestamps are GMT+8 local times. */
    public static final ZoneOffset CHINA = ZoneOffset.ofHours(8);

    /** {@code yyyy-MM-dd HH:mm:ss} in GMT+8. */
    public static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);

    private static final Pattern OUT_TRADE_NO = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern OUT_REQUEST_NO = Pattern.compile("[A-Za-z0-9_\\-|*]{1,64}");
    /** Alipay user ids ({@code buyer_id}) are 16 digits starting 2088; anything else is an open id. */
    private static final Pattern BUYER_ID = Pattern.compile("2088[0-9]{12}");
    private static final Pattern URL = Pattern.compile("https?://\\S{1,250}");

    private static final long MIN_FEN = 1;
    private static final long MAX_FEN = 100_000_000_00L;
    private static final Duration MAX_TIMEOUT = Duration.ofDays(15);
    private static final int MAX_PASSBACK = 512;

    private AlipayRules() {}

    /**
     * Checks a payment request against Alipay's rules at {@code now}.
     *
     * @throws IllegalArgumentException naming the field and the rule
     */
    public static void validate(PaymentRequest request, Instant now) {
        if (!OUT_TRADE_NO.matcher(request.orderId()).matches()) {
            throw new IllegalArgumentException("orderId must be 1 to 64 letters, digits or underscores for Alipay"
                    + " (out_trade_no), was '" + request.orderId() + "'");
        }
        requireAmount("amount", request.amount());
        String subject = request.subject();
        if (subject.indexOf('/') >= 0 || subject.indexOf('=') >= 0 || subject.indexOf('&') >= 0) {
            throw new IllegalArgumentException("subject must not contain '/', '=' or '&' for Alipay");
        }
        if (request.expiresAt() != null) {
            Duration left = Duration.between(now, request.expiresAt());
            if (left.isNegative() || left.isZero()) {
                throw new IllegalArgumentException("expiresAt must be in the future, was " + request.expiresAt());
            }
            if (left.compareTo(MAX_TIMEOUT) > 0) {
                throw new IllegalArgumentException("expiresAt must be at most 15 days ahead for Alipay (timeout_express)");
            }
        }
        if (!request.metadata().isEmpty() && passbackParams(request.metadata()).length() > MAX_PASSBACK) {
            throw new IllegalArgumentException("metadata must encode to at most " + MAX_PASSBACK
                    + " characters for Alipay (passback_params)");
        }
        PaymentMethod method = request.method();
        if (method instanceof PaymentMethod.PaymentCode code) {
            requireAlipayCode(code.authCode());
        }
        if (method instanceof PaymentMethod.Web web && web.returnUrl() != null && !URL.matcher(web.returnUrl()).matches()) {
            throw new IllegalArgumentException("returnUrl must be an http(s) URL of at most 256 characters");
        }
    }

    /**
     * An Alipay payment code ({@code auth_code}) is 16 to 24 digits starting 25 to 30, or a 35-character
     * face-pay code starting {@code fp}: Alipay Open Platform, face-to-face payment, {@code alipay.trade.pay}
     * {@code auth_code} (https://opendocs.alipay.com/open/194/106039); the format lives in core's
     * {@link PaymentCodes}, which a till uses to route a code to its wallet. A WeChat Pay code is named as
     * such, so that a till that sent it to the wrong client learns why.
     */
    private static void requireAlipayCode(String authCode) {
        if (PaymentCodes.isAlipay(authCode)) {
            return;
        }
        String rule = "authCode must be " + PaymentCodes.Wallet.ALIPAY.rule() + " for Alipay (auth_code)";
        if (PaymentCodes.isWechat(authCode)) {
            throw new IllegalArgumentException(rule + "; this is a WeChat Pay payment code: pay it through the"
                    + " WeChat Pay client (PaymentRouter routes a code to its wallet)");
        }
        throw new IllegalArgumentException(rule);
    }

    /**
     * Checks a refund against Alipay's rules.
     *
     * @throws IllegalArgumentException naming the field and the rule
     */
    public static void validate(RefundRequest request) {
        if (!OUT_TRADE_NO.matcher(request.orderId()).matches()) {
            throw new IllegalArgumentException("orderId must be 1 to 64 letters, digits or underscores for Alipay"
                    + " (out_trade_no), was '" + request.orderId() + "'");
        }
        if (!OUT_REQUEST_NO.matcher(request.refundId()).matches()) {
            throw new IllegalArgumentException("refundId must be 1 to 64 characters for Alipay (out_request_no)");
        }
        requireAmount("amount", request.amount());
        requireAmount("orderAmount", request.orderAmount());
    }

    /** The yuan string with exactly two decimals. */
    public static String yuan(Money amount) {
        return amount.toDecimalString();
    }

    /** {@code 88.88} as CNY, or {@code null} when absent or not an amount. */
    public static Money parseYuan(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Money.of(text, "CNY");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An Alipay GMT+8 timestamp as an instant, or {@code null} when absent or unreadable. */
    public static Instant parseTime(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text.strip(), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toInstant(CHINA);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code timeout_express} for an order expiring at {@code expiresAt}: whole minutes rounded up, 1m to 15d. */
    public static String timeoutExpress(Instant now, Instant expiresAt) {
        long seconds = Duration.between(now, expiresAt).getSeconds();
        long minutes = Math.max(1, (seconds + 59) / 60);
        return Math.min(minutes, MAX_TIMEOUT.toMinutes()) + "m";
    }

    /**
     * {@code passback_params}: the metadata as a form ({@code k=v&k=v}, each part encoded), URL-encoded
     * once more as a whole as Alipay asks; it comes back the same way in the notification.
     */
    public static String passbackParams(Map<String, String> metadata) {
        return FormCodec.encode(FormCodec.encode(metadata));
    }

    /** Whether {@code payerId} is an Alipay user id ({@code buyer_id}) rather than an open id. */
    public static boolean isBuyerId(String payerId) {
        return BUYER_ID.matcher(payerId).matches();
    }

    /**
     * The provider-neutral state of a {@code trade_status}: {@code TRADE_SUCCESS} and {@code TRADE_FINISHED}
     * are paid, {@code TRADE_CLOSED} is closed (unpaid, or fully refunded), {@code WAIT_BUYER_PAY} waits.
     */
    public static TradeState tradeState(String raw) {
        if (raw == null) {
            return TradeState.UNKNOWN;
        }
        return switch (raw) {
            case "WAIT_BUYER_PAY" -> TradeState.AWAITING_PAYMENT;
            case "TRADE_SUCCESS", "TRADE_FINISHED" -> TradeState.PAID;
            case "TRADE_CLOSED" -> TradeState.CLOSED;
            default -> TradeState.UNKNOWN;
        };
    }

    private static void requireAmount(String field, Money amount) {
        if (!"CNY".equals(amount.currencyCode())) {
            throw new IllegalArgumentException(field + " must be in CNY for Alipay, was " + amount.currencyCode());
        }
        if (amount.minorUnits() < MIN_FEN || amount.minorUnits() > MAX_FEN) {
            throw new IllegalArgumentException(field + " must be 0.01 to 100000000.00 CNY for Alipay, was " + amount);
        }
    }
}
