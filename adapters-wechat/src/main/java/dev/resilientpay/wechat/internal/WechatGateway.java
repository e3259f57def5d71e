package dev.resilientpay.wechat.internal;

import dev.resilientpay.transport.GatewayHttp;
import dev.resilientpay.transport.HttpOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Sends one signed request to WeChat Pay through the shared {@link GatewayHttp}. The canonical URL in
 * the signature is taken from the URL actually sent, and the body bytes signed are the bytes sent.
 *
 * <p>When a backup host is configured and the primary could not even be connected to
 * ({@link HttpOutcome.NotSent}), the following requests go to the backup host for a minute: a request
 * that was never sent can safely go elsewhere, and both hosts serve the same orders.
 */
public final class WechatGateway {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final String USER_AGENT = "resilient-pay-wechat/0.1 (Java " + Runtime.version().feature() + ")";
    private static final Duration BACKUP_PERIOD = Duration.ofMinutes(1);

    private final GatewayHttp http;
    private final HttpUrl primary;
    private final HttpUrl backup;
    private final WechatRequestSigner signer;
    private final Supplier<String> wechatpaySerial;
    private final Clock clock;
    private volatile Instant useBackupUntil = Instant.MIN;

    /**
     * @param http            the shared transport
     * @param primary         the host (scheme, host, port; its path is ignored)
     * @param backup          the backup host, or {@code null}
     * @param signer          signs every request
     * @param wechatpaySerial the serial to name in {@code Wechatpay-Serial}, or a supplier of {@code null}
     * @param clock           the signature timestamp
     */
    public WechatGateway(GatewayHttp http, HttpUrl primary, HttpUrl backup, WechatRequestSigner signer,
            Supplier<String> wechatpaySerial, Clock clock) {
        this.http = http;
        this.primary = primary;
        this.backup = backup;
        this.signer = signer;
        this.wechatpaySerial = wechatpaySerial;
        this.clock = clock;
    }

    /**
     * Percent-encodes one path segment: everything but {@code A-Z a-z 0-9 - . _ ~} as {@code %XX}
     * (so {@code |} and {@code *} of an out_trade_no travel as {@code %7C} and {@code %2A}).
     *
     * @param segment an id to put in the path
     * @return the encoded segment
     * @throws IllegalArgumentException if the segment is {@code .} or {@code ..}: URL parsers remove such a
     *     dot-segment (even as {@code %2E}), so the request would go to, and be signed for, another path;
     *     no WeChat Pay id has that form
     */
    public static String encodeSegment(String segment) {
        if (segment.equals(".") || segment.equals("..")) {
            throw new IllegalArgumentException("an id in a WeChat Pay path must not be '.' or '..', was '" + segment + "'");
        }
        StringBuilder out = new StringBuilder(segment.length() + 8);
        for (byte b : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The canonical URL of {@code url}: raw path plus {@code ?query} when there is one. */
    public static String canonicalUrl(HttpUrl url) {
        String query = url.encodedQuery();
        return url.encodedPath() + (query == null ? "" : "?" + query);
    }

    /**
     * Sends one request once.
     *
     * @param method       {@code GET} or {@code POST}
     * @param pathAndQuery the already encoded path and query, e.g. {@code /v3/pay/transactions/native}
     * @param body         the exact body bytes ({@code null} for GET)
     * @param timeout      the whole exchange's limit
     */
    public HttpOutcome send(String method, String pathAndQuery, byte[] body, Duration timeout) {
        boolean toBackup = backup != null && clock.instant().isBefore(useBackupUntil);
        HttpUrl host = toBackup ? backup : primary;
        HttpUrl url = HttpUrl.get(host.scheme() + "://" + hostAndPort(host) + pathAndQuery);
        byte[] bytes = body == null ? new byte[0] : body;
        long timestamp = clock.instant().getEpochSecond();
        Request.Builder request = new Request.Builder()
                .url(url)
                .header("Authorization", signer.authorization(method, canonicalUrl(url), timestamp, bytes))
                .header("Accept", "application/json")
                .header("User-Agent", USER_AGENT);
        String serial = wechatpaySerial.get();
        if (serial != null) {
            request.header("Wechatpay-Serial", serial);
        }
        request.method(method, "GET".equals(method) ? null : RequestBody.create(bytes, JSON));
        HttpOutcome outcome = http.execute(request.build(), timeout);
        if (outcome instanceof HttpOutcome.NotSent && backup != null && !toBackup) {
            useBackupUntil = clock.instant().plus(BACKUP_PERIOD);
        }
        return outcome;
    }

    private static String hostAndPort(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }
}
