package dev.resilientpay.wechat.internal;

import dev.resilientpay.NotificationRejection;
import dev.resilientpay.spi.RsaSha256;
import dev.resilientpay.spi.Redaction;
import dev.resilientpay.transport.internal.LogSafe;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Verifies the signature of a WeChat Pay response or notification: SHA256withRSA over
 * {@code TIMESTAMP\nNONCE\nBODY\n} (raw body bytes) with the key named by {@code Wechatpay-Serial},
 * and a timestamp less than 5 minutes away from the injected clock, in either direction.
 *
 * <p>Header lookups go through a caller-supplied function so that names are matched without regard
 * to case. A missing header, a {@code WECHATPAY/SIGNTEST/} probe or an unknown serial is a failed
 * check, never an exception.
 */
public final class WechatResponseVerifier {

    /** How far a signed timestamp may be from now. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    /** The prefix of WeChat Pay's deliberate signature probes. */
    public static final String PROBE_PREFIX = "WECHATPAY/SIGNTEST/";

    private final PlatformKeyring keyring;
    private final Clock clock;

    /** A verifier over {@code keyring}, judging freshness by {@code clock}. */
    public WechatResponseVerifier(PlatformKeyring keyring, Clock clock) {
        this.keyring = keyring;
        this.clock = clock;
    }

    /**
     * Checks one message.
     *
     * @param header         header lookup by name, case-insensitive; returns {@code null} when absent
     * @param body           the raw body bytes
     * @param refreshTimeout how long a certificate refresh triggered by an unknown serial may take
     */
    public SignatureCheck verify(UnaryOperator<String> header, byte[] body, Duration refreshTimeout) {
        String timestamp = header.apply("Wechatpay-Timestamp");
        String nonce = header.apply("Wechatpay-Nonce");
        String signature = header.apply("Wechatpay-Signature");
        String serial = header.apply("Wechatpay-Serial");
        if (isBlank(timestamp) || isBlank(nonce) || isBlank(signature) || isBlank(serial)) {
            return SignatureCheck.failed(NotificationRejection.SIGNATURE_INVALID,
                    "signature headers missing (Wechatpay-Timestamp/Nonce/Signature/Serial)");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return SignatureCheck.failed(NotificationRejection.MALFORMED, "Wechatpay-Timestamp is not a number");
        }
        // Compared as bounds, not as |now - seconds|: that difference overflows for timestamps near
        // Long.MIN_VALUE, and Math.abs(Long.MIN_VALUE) is negative, i.e. "fresh".
        long now = clock.instant().getEpochSecond();
        long window = WINDOW.toSeconds();
        if (seconds <= now - window || seconds >= now + window) {
            return SignatureCheck.failed(NotificationRejection.STALE,
                    "Wechatpay-Timestamp " + seconds + " is not within " + window + " s of now (" + now + ")");
        }
        if (signature.startsWith(PROBE_PREFIX)) {
            return SignatureCheck.failed(NotificationRejection.SIGNATURE_INVALID,
                    "signature probe (" + PROBE_PREFIX + "…) rejected");
        }
        RsaSha256.Verifier verifier = keyring.verifierFor(serial.strip(), refreshTimeout);
        String shownSerial = LogSafe.of(serial.strip()); // not verified: kept out of logs unless made safe
        if (verifier == null) {
            return SignatureCheck.failed(NotificationRejection.UNKNOWN_KEY,
                    "Wechatpay-Serial " + shownSerial + " is not a trusted key");
        }
        if (!verifier.verify(message(timestamp.strip(), nonce.strip(), body), signature)) {
            return SignatureCheck.failed(NotificationRejection.SIGNATURE_INVALID,
                    "signature " + LogSafe.of(Redaction.abbreviate(signature)) + " does not verify with " + shownSerial);
        }
        return SignatureCheck.ok();
    }

    /** The exact bytes WeChat Pay signs. */
    public static byte[] message(String timestamp, String nonce, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        out.writeBytes((timestamp + "\n" + nonce + "\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        out.write('\n');
        return out.toByteArray();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
