package dev.resilientpay.testkit.internal.wechat;

import dev.resilientpay.testkit.internal.crypto.Sha256WithRsa;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks a request's {@code Authorization: WECHATPAY2-SHA256-RSA2048 …} header the way the gateway
 * does: the five fields in any order, the merchant id and certificate serial, the timestamp window,
 * and the SHA256withRSA signature over {@code METHOD\nURL\nTIMESTAMP\nNONCE\nBODY\n} with the raw
 * path and query as received and the exact body bytes.
 */
public final class RequestAuthorization {

    private static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048 ";
    private static final Set<String> FIELDS = Set.of("mchid", "nonce_str", "signature", "timestamp", "serial_no");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final Merchant merchant;
    private final Clock clock;

    /** Checks requests for {@code merchant} against {@code clock}. */
    public RequestAuthorization(Merchant merchant, Clock clock) {
        this.merchant = merchant;
        this.clock = clock;
    }

    /** Why the request is not authorized, or {@code null} when it is. */
    public String problem(String method, String url, String authorization, byte[] body) {
        if (authorization == null) {
            return "缺少Authorization请求头";
        }
        if (!authorization.startsWith(SCHEMA)) {
            return "Authorization认证类型不是WECHATPAY2-SHA256-RSA2048";
        }
        Map<String, String> fields = parse(authorization.substring(SCHEMA.length()));
        if (fields == null || !fields.keySet().equals(FIELDS)) {
            return "Authorization格式错误";
        }
        if (!merchant.mchId().equals(fields.get("mchid"))) {
            return "商户号与Authorization中的mchid不一致";
        }
        if (!merchant.serialNumber().equalsIgnoreCase(fields.get("serial_no"))) {
            return "商户证书序列号有误";
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(fields.get("timestamp"));
        } catch (NumberFormatException e) {
            return "时间戳格式错误";
        }
        if (Math.abs(clock.instant().getEpochSecond() - timestamp) >= WINDOW.toSeconds()) {
            return "请求时间戳已过期";
        }
        if (fields.get("nonce_str").isEmpty()) {
            return "随机串为空";
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes((method + "\n" + url + "\n" + timestamp + "\n" + fields.get("nonce_str") + "\n")
                .getBytes(StandardCharsets.UTF_8));
        message.writeBytes(body == null ? new byte[0] : body);
        message.write('\n');
        if (!Sha256WithRsa.verify(merchant.keys().getPublic(), message.toByteArray(), fields.get("signature"))) {
            return "签名错误";
        }
        return null;
    }

    /** {@code k="v"} pairs separated by commas (optional blanks); {@code null} on bad syntax or a repeated key. */
    private static Map<String, String> parse(String text) {
        Map<String, String> fields = new HashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == ',')) {
                i++;
            }
            if (i == n) {
                break;
            }
            int equals = text.indexOf('=', i);
            if (equals < 0 || equals + 1 >= n || text.charAt(equals + 1) != '"') {
                return null;
            }
            int close = text.indexOf('"', equals + 2);
            if (close < 0) {
                return null;
            }
            String key = text.substring(i, equals).trim();
            if (fields.put(key, text.substring(equals + 2, close)) != null) {
                return null;
            }
            i = close + 1;
            if (i < n && text.charAt(i) != ',' && text.charAt(i) != ' ') {
                return null;
            }
        }
        return fields;
    }
}
