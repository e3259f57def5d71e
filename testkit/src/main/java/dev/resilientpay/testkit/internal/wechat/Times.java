package dev.resilientpay.testkit.internal.wechat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** RFC 3339 times in Beijing time ({@code +08:00}), the way WeChat Pay writes them. */
public final class Times {

    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private Times() {}

    /** e.g. {@code 2018-06-08T10:34:56+08:00}. */
    public static String rfc3339(Instant instant) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS).atOffset(BEIJING));
    }
}
