package dev.resilientpay;

import java.util.regex.Pattern;

/**
 * Tells from a scanned payment code ({@link PaymentMethod.PaymentCode#authCode()}) which wallet
 * issued it, so that one till can take both wallets ({@link PaymentRouter}) and each adapter can
 * refuse a code that is not its own before anything is sent.
 *
 * <table>
 *   <caption>Payment-code formats</caption>
 *   <tr><th>wallet</th><th>format</th><th>source</th></tr>
 *   <tr><td>Alipay</td><td>16 to 24 digits starting {@code 25} to {@code 30}; or a 35-character face-pay
 *       code: {@code fp} and 33 letters or digits</td>
 *       <td>Alipay Open Platform, face-to-face payment / {@code alipay.trade.pay}, field {@code auth_code}
 *       ("25~30 开头的长度为 16~24 位的数字"), https://opendocs.alipay.com/open/194/106039</td></tr>
 *   <tr><td>WeChat Pay</td><td>18 digits starting {@code 10} to {@code 15}</td>
 *       <td>WeChat Pay, payment-code pay product rules ("用户付款码条形码规则：18位纯数字，以10、11、12、13、14、15开头"),
 *       https://pay.weixin.qq.com/wiki/doc/api/micropay.php?chapter=5_1; the v3 {@code codepay}
 *       {@code payer.auth_code} takes the same codes</td></tr>
 * </table>
 *
 * <p>Digits are ASCII {@code 0-9} only. The two formats cannot overlap (their first two digits
 * differ), so a code belongs to at most one wallet. The wallets may issue new prefixes; the gateways
 * stay the final judges ({@link FailureReason#PAYMENT_CODE_INVALID}).
 */
public final class PaymentCodes {

    private static final Pattern ALIPAY = Pattern.compile("(?:2[5-9]|30)[0-9]{14,22}|fp[A-Za-z0-9]{33}");
    private static final Pattern WECHAT = Pattern.compile("1[0-5][0-9]{16}");

    /** The rule of an Alipay code, for error messages. */
    static final String ALIPAY_RULE = "16 to 24 digits starting 25 to 30 (or a 35-character face-pay code starting fp)";
    /** The rule of a WeChat Pay code, for error messages. */
    static final String WECHAT_RULE = "18 digits starting 10 to 15";

    /** The wallets a till can tell apart by their payment codes. */
    public enum Wallet {
        /** Alipay: provider {@code alipay}. */
        ALIPAY("alipay", PaymentCodes.ALIPAY_RULE),
        /** WeChat Pay: provider {@code wechat}. */
        WECHAT("wechat", PaymentCodes.WECHAT_RULE);

        private final String providerName;
        private final String rule;

        Wallet(String providerName, String rule) {
            this.providerName = providerName;
            this.rule = rule;
        }

        /** @return the name of this wallet's provider adapter ({@code PaymentClient#providerName()}) */
        public String providerName() {
            return providerName;
        }

        /** @return the format of this wallet's codes, in words ({@code 18 digits starting 10 to 15}) */
        public String rule() {
            return rule;
        }

        /**
         * @param authCode a scanned payment code
         * @return whether {@code authCode} has this wallet's format
         */
        public boolean issued(String authCode) {
            return authCode != null && (this == ALIPAY ? PaymentCodes.ALIPAY : PaymentCodes.WECHAT)
                    .matcher(authCode).matches();
        }
    }

    private PaymentCodes() {}

    /**
     * The wallet that issued {@code authCode}.
     *
     * @param authCode the code read from the payer's phone
     * @return {@link Wallet#ALIPAY} or {@link Wallet#WECHAT}
     * @throws IllegalArgumentException naming {@code authCode} and both rules, if it has neither format
     */
    public static Wallet providerOf(String authCode) {
        if (authCode == null) {
            throw new IllegalArgumentException("authCode must not be null");
        }
        for (Wallet wallet : Wallet.values()) {
            if (wallet.issued(authCode)) {
                return wallet;
            }
        }
        throw new IllegalArgumentException("authCode must be an Alipay payment code (" + ALIPAY_RULE
                + ") or a WeChat Pay payment code (" + WECHAT_RULE + "), was " + describe(authCode));
    }

    /**
     * @param authCode a scanned payment code, or {@code null}
     * @return whether it is an Alipay payment code
     */
    public static boolean isAlipay(String authCode) {
        return Wallet.ALIPAY.issued(authCode);
    }

    /**
     * @param authCode a scanned payment code, or {@code null}
     * @return whether it is a WeChat Pay payment code
     */
    public static boolean isWechat(String authCode) {
        return Wallet.WECHAT.issued(authCode);
    }

    /**
     * The code as it may appear in a message: its length and first two characters only, since a
     * payment code is a bearer credential until used.
     */
    static String describe(String authCode) {
        return authCode.length() + " characters starting '" + authCode.substring(0, Math.min(2, authCode.length()))
                + "'";
    }
}
