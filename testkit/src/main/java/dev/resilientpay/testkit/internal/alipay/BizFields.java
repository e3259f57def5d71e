package dev.resilientpay.testkit.internal.alipay;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Field rules of {@code biz_content} that the gateway enforces. */
final class BizFields {

    private static final Pattern OUT_TRADE_NO = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final Pattern AMOUNT = Pattern.compile("\\d{1,9}(\\.\\d{1,2})?");
    private static final Pattern AUTH_CODE = Pattern.compile("(2[5-9]|30)\\d{14,22}|fp[0-9A-Za-z]{33}");
    private static final BigDecimal MIN_AMOUNT = new BigDecimal("0.01");
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000.00");

    private BizFields() {
    }

    static boolean isOutTradeNo(String value) {
        return OUT_TRADE_NO.matcher(value).matches();
    }

    /** Alipay documents no character rule for out_request_no, only its length. */
    static boolean isOutRequestNo(String value) {
        return !value.isBlank() && value.length() <= 64;
    }

    static boolean isAuthCode(String value) {
        return AUTH_CODE.matcher(value).matches();
    }

    /** A yuan amount in [0.01, 100000000] with at most two decimals, scaled to 2; null when invalid. */
    static BigDecimal amount(String value) {
        if (!AMOUNT.matcher(value).matches()) {
            return null;
        }
        BigDecimal amount = new BigDecimal(value).setScale(2);
        return amount.compareTo(MIN_AMOUNT) < 0 || amount.compareTo(MAX_AMOUNT) > 0 ? null : amount;
    }
}
