package dev.resilientpay.wechat.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.resilientpay.PaymentCodes;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * WeChat Pay's own rules on requests, checked before anything is sent, and the encodings of fields
 * that have a WeChat-specific form ({@code time_expire}, {@code attach}).
 */
public final class WechatRules {

    private static final Pattern OUT_TRADE_NO = Pattern.compile("[0-9a-zA-Z_\\-|*]{6,32}");
    private static final Pattern OUT_REFUND_NO = Pattern.compile("[0-9a-zA-Z_\\-|*@]{1,64}");
    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");
    private static final int MAX_DESCRIPTION = 127;
    private static final int MAX_ATTACH = 128;

    private WechatRules() {}

    /**
     * Checks a payment request against WeChat Pay's rules.
     *
     * @param defaultNotifyUrl the configured default, or {@code null}
     * @throws IllegalArgumentException naming the field and the rule
     */
    public static void validate(PaymentRequest request, Clock clock, String defaultNotifyUrl) {
        if (!OUT_TRADE_NO.matcher(request.orderId()).matches()) {
            throw new IllegalArgumentException("orderId must be 6 to 32 characters of 0-9 a-z A-Z _ - | * for WeChat"
                    + " Pay (out_trade_no), was '" + request.orderId() + "'");
        }
        if (request.subject().length() > MAX_DESCRIPTION) {
            throw new IllegalArgumentException("subject must be at most " + MAX_DESCRIPTION
                    + " characters for WeChat Pay (description), was " + request.subject().length());
        }
        if (!"CNY".equals(request.amount().currencyCode())) {
            throw new IllegalArgumentException("amount must be in CNY for WeChat Pay, was "
                    + request.amount().currencyCode());
        }
        if (request.amount().minorUnits() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("amount must be at most " + Integer.MAX_VALUE
                    + " fen for WeChat Pay (amount.total is an int)");
        }
        String attach = attach(request.metadata());
        if (attach != null && attach.length() > MAX_ATTACH) {
            throw new IllegalArgumentException("metadata must encode to at most " + MAX_ATTACH
                    + " characters for WeChat Pay (attach), was " + attach.length());
        }
        if (request.expiresAt() != null) {
            Instant now = clock.instant();
            if (request.expiresAt().isBefore(now.plus(Duration.ofMinutes(1)))) {
                throw new IllegalArgumentException("expiresAt must be at least 1 minute ahead for WeChat Pay"
                        + " (time_expire), was " + request.expiresAt());
            }
            if (request.expiresAt().isAfter(now.plus(Duration.ofDays(90)))) {
                throw new IllegalArgumentException("expiresAt must be at most 90 days ahead for WeChat Pay"
                        + " (time_expire), was " + request.expiresAt());
            }
        }
        PaymentMethod method = request.method();
        if (method instanceof PaymentMethod.Web web) {
            if (web.device() == PaymentMethod.Web.Device.DESKTOP) {
                throw new IllegalArgumentException("method Web(DESKTOP) is not offered by WeChat Pay: use QrCode"
                        + " (Native) for desktop browsers");
            }
            if (web.payerClientIp() == null || web.payerClientIp().isBlank() || web.payerClientIp().length() > 45) {
                throw new IllegalArgumentException("method Web(MOBILE) needs payerClientIp (1 to 45 characters) for"
                        + " WeChat Pay H5 (scene_info.payer_client_ip)");
            }
        }
        if (method instanceof PaymentMethod.PaymentCode code) {
            requireWechatCode(code.authCode());
        }
        if (!(method instanceof PaymentMethod.PaymentCode)) {
            String notify = request.notifyUrl() != null ? request.notifyUrl() : defaultNotifyUrl;
            if (notify == null) {
                throw new IllegalArgumentException("notifyUrl must be set on the request or in WechatPayConfig:"
                        + " WeChat Pay requires notify_url");
            }
            requireNotifyUrl("notifyUrl", notify);
        }
    }

    /**
     * A WeChat Pay payment code ({@code payer.auth_code}) is 18 digits starting 10 to 15: WeChat Pay,
     * payment-code pay product rules ("用户付款码条形码规则：18位纯数字，以10、11、12、13、14、15开头",
     * https://pay.weixin.qq.com/wiki/doc/api/micropay.php?chapter=5_1); the format lives in core's
     * {@link PaymentCodes}, which a till uses to route a code to its wallet. Without this check an Alipay
     * code was sent to codepay. An Alipay code is named as such, so that a till that sent it to the wrong
     * client learns why.
     */
    private static void requireWechatCode(String authCode) {
        if (PaymentCodes.isWechat(authCode)) {
            return;
        }
        String rule = "authCode must be " + PaymentCodes.Wallet.WECHAT.rule() + " for WeChat Pay (payer.auth_code)";
        if (PaymentCodes.isAlipay(authCode)) {
            throw new IllegalArgumentException(rule + "; this is an Alipay payment code: pay it through the"
                    + " Alipay client (PaymentRouter routes a code to its wallet)");
        }
        throw new IllegalArgumentException(rule);
    }

    /**
     * Checks a refund request against WeChat Pay's rules.
     *
     * @throws IllegalArgumentException naming the field and the rule
     */
    public static void validate(RefundRequest request) {
        if (!OUT_REFUND_NO.matcher(request.refundId()).matches()) {
            throw new IllegalArgumentException("refundId must be 1 to 64 characters of 0-9 a-z A-Z _ - | * @ for"
                    + " WeChat Pay (out_refund_no), was '" + request.refundId() + "'");
        }
        if (!OUT_TRADE_NO.matcher(request.orderId()).matches()) {
            throw new IllegalArgumentException("orderId must be 6 to 32 characters of 0-9 a-z A-Z _ - | * for WeChat"
                    + " Pay (out_trade_no), was '" + request.orderId() + "'");
        }
        if (!"CNY".equals(request.amount().currencyCode())) {
            throw new IllegalArgumentException("amount must be in CNY for WeChat Pay, was "
                    + request.amount().currencyCode());
        }
        if (request.orderAmount().minorUnits() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("orderAmount must be at most " + Integer.MAX_VALUE
                    + " fen for WeChat Pay (amount.total is an int)");
        }
        if (request.notifyUrl() != null) {
            requireNotifyUrl("notifyUrl", request.notifyUrl());
        }
    }

    /**
     * Checks a {@code notify_url}: HTTPS, at most 255 characters, no query string.
     *
     * @throws IllegalArgumentException naming {@code field}
     */
    public static void requireNotifyUrl(String field, String url) {
        HttpUrl parsed = HttpUrl.parse(url);
        if (parsed == null || !parsed.isHttps() || url.length() > 255 || parsed.encodedQuery() != null) {
            throw new IllegalArgumentException(field + " must be an https URL of at most 255 characters without a"
                    + " query string (WeChat Pay notify_url rule), was '" + url + "'");
        }
    }

    /** {@code time_expire}: RFC 3339 in China time, e.g. {@code 2023-11-15T18:00:00+08:00}. */
    public static String timeExpire(Instant expiresAt) {
        return expiresAt == null ? null : RFC3339.format(expiresAt.truncatedTo(ChronoUnit.SECONDS).atOffset(CHINA));
    }

    /**
     * {@code attach} from the metadata: absent when empty; the value itself when the only key is
     * {@code attach}; otherwise the metadata as a compact JSON object (returned unchanged by WeChat Pay).
     */
    public static String attach(Map<String, String> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return null;
        }
        if (metadata.size() == 1 && metadata.containsKey("attach")) {
            return metadata.get("attach");
        }
        try {
            return WechatJson.MAPPER.writeValueAsString(metadata);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("metadata cannot be encoded as JSON for attach");
        }
    }
}
