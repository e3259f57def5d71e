package dev.resilientpay.testkit.internal.alipay;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * What one simulated gateway knows: the merchant app it serves, the keys on its side, its clock,
 * and how it words a system error.
 *
 * @param appId              the only {@code app_id} accepted
 * @param appPublicKey       verifies request signatures
 * @param gatewayPrivateKey  signs responses and notifications
 * @param clock              the source of {@code gmt_*} and {@code notify_time} values
 * @param systemErrorAs20000 answer system errors as {@code 20000 isp.unknow-error} instead of
 *                           {@code 40004 ACQ.SYSTEM_ERROR}
 * @param contentType        the {@code Content-Type} of gateway answers
 */
public record GatewaySettings(String appId, PublicKey appPublicKey, PrivateKey gatewayPrivateKey, Clock clock,
                              boolean systemErrorAs20000, String contentType) {

    /** The seller (merchant) user id the simulator reports. */
    public static final String SELLER_ID = "2088102000000001";

    /** The buyer user id the simulator reports when the request names none. */
    public static final String BUYER_ID = "2088102000000000";

    private static final DateTimeFormatter CHINA_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.ofHours(8));

    /** Validates. */
    public GatewaySettings {
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appPublicKey, "appPublicKey");
        Objects.requireNonNull(gatewayPrivateKey, "gatewayPrivateKey");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(contentType, "contentType");
    }

    /** Now, as the gateway writes times: {@code yyyy-MM-dd HH:mm:ss}, China time (GMT+8). */
    public String now() {
        return format(clock.instant());
    }

    /** {@code instant} as the gateway writes times. */
    public static String format(Instant instant) {
        return CHINA_TIME.format(instant);
    }
}
