package dev.resilientpay.transport;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.HttpUrl;

/** Checks of gateway URLs and parsing of HTTP details the adapters share. */
public final class GatewayUrls {

    private GatewayUrls() {}

    /**
     * Parses a gateway URL and requires HTTPS, except for loopback hosts (tests and simulators).
     *
     * @param field the configuration field, named in errors
     * @param url the URL
     * @return the parsed URL
     * @throws IllegalArgumentException if the URL is malformed or plain HTTP to a non-loopback host
     */
    public static HttpUrl requireHttpsOrLoopback(String field, String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        HttpUrl parsed = HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw new IllegalArgumentException(field + " is not a valid http(s) URL: '" + url + "'");
        }
        if (!parsed.isHttps() && !isLoopback(parsed.host())) {
            throw new IllegalArgumentException(field + " must use https (plain http is allowed for loopback only): '"
                    + url + "'");
        }
        return parsed;
    }

    /**
     * Whether {@code host} is {@code localhost} or a loopback address literal.
     *
     * @param host a host name or address literal
     * @return whether {@code host} is {@code localhost} or a loopback address literal
     */
    public static boolean isLoopback(String host) {
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        if (!host.matches("[0-9.]+|\\[?[0-9a-fA-F:]+]?")) {
            return false; // a name: never resolved here
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The wait a {@code Retry-After} header asks for (seconds, or an HTTP date relative to
     * {@code now}), or {@code null} when absent or unreadable. Capped at one hour.
     *
     * @param header the {@code Retry-After} header value, or {@code null}
     * @param now the time the answer arrived, for an HTTP date
     * @return the wait, or {@code null}
     */
    public static Duration retryAfter(String header, ZonedDateTime now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.strip();
        try {
            long seconds = Long.parseLong(v);
            return seconds < 0 ? null : Duration.ofSeconds(Math.min(seconds, 3600));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME));
                if (d.isNegative()) {
                    return Duration.ZERO;
                }
                return d.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : d;
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
