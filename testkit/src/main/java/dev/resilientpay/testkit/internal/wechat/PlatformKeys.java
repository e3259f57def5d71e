package dev.resilientpay.testkit.internal.wechat;

import dev.resilientpay.testkit.WechatPaySimulatorKeyMode;
import dev.resilientpay.testkit.internal.crypto.RsaKeyPairs;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The gateway's signing keys (the WeChat Pay public key and the platform certificates) and the
 * choice of which one signs a response or a notification. Thread-safe.
 */
public final class PlatformKeys {

    /** How long before "now" a new certificate becomes effective. */
    private static final Duration BACKDATE = Duration.ofDays(1);
    /** Platform certificates are valid for five years. */
    private static final Duration VALIDITY = Duration.ofDays(5 * 365);

    private final WechatPaySimulatorKeyMode mode;
    private final Clock clock;
    private final SigningKey publicKey;
    private final Map<String, SigningKey> certificates = new LinkedHashMap<>();
    private final Deque<String> scripted = new ArrayDeque<>();
    private String fixed;
    private int rotations;
    private SigningKey firstCertificate;

    /** Creates the keys; in a certificate mode, issues the first certificate. */
    public PlatformKeys(WechatPaySimulatorKeyMode mode, Clock clock, String publicKeyId) {
        this.mode = Objects.requireNonNull(mode, "mode");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publicKey = new SigningKey(publicKeyId, RsaKeyPairs.shared("wechat platform public key"), null);
        if (servesCertificates()) {
            firstCertificate = issue(RsaKeyPairs.shared("wechat first platform certificate"));
        }
    }

    /** Back to the first certificate only, signers chosen automatically. */
    public synchronized void reset() {
        certificates.clear();
        if (firstCertificate != null) {
            certificates.put(firstCertificate.id(), firstCertificate);
        }
        scripted.clear();
        fixed = null;
    }

    /** The key mode. */
    public WechatPaySimulatorKeyMode mode() {
        return mode;
    }

    /** Whether {@code GET /v3/certificates} serves certificates. */
    public boolean servesCertificates() {
        return mode != WechatPaySimulatorKeyMode.PUBLIC_KEY;
    }

    /** The WeChat Pay public key. */
    public SigningKey publicKey() {
        return publicKey;
    }

    /** The impostor's key, for forged signatures (generated on first use). */
    public SigningKey forger() {
        return new SigningKey("FORGER", RsaKeyPairs.shared("wechat forger"), null);
    }

    /** The certificates served, oldest first. */
    public synchronized List<SigningKey> certificates() {
        return List.copyOf(certificates.values());
    }

    /** The newest certificate, which signs by default in certificate mode. */
    public synchronized SigningKey newestCertificate() {
        requireCertificateMode();
        SigningKey newest = null;
        for (SigningKey key : certificates.values()) {
            newest = key;
        }
        if (newest == null) {
            throw new IllegalStateException("no platform certificate is served any more");
        }
        return newest;
    }

    /** Issues a new certificate with a fresh key; it becomes the default signer. Returns its serial. */
    public synchronized String rotate() {
        requireCertificateMode();
        return issue(RsaKeyPairs.shared("wechat rotated platform certificate " + ++rotations)).id();
    }

    /** Stops serving and signing with the certificate {@code serial}. */
    public synchronized void remove(String serial) {
        if (!certificates.containsKey(serial)) {
            throw new IllegalArgumentException("serial names no served certificate: " + serial);
        }
        if (certificates.size() == 1) {
            throw new IllegalStateException("cannot remove the last platform certificate " + serial);
        }
        certificates.remove(serial);
    }

    /** The key named {@code id}: the public key id or a served certificate's serial. */
    public synchronized SigningKey byId(String id) {
        if (publicKey.id().equals(id)) {
            return publicKey;
        }
        SigningKey key = certificates.get(id);
        if (key == null) {
            throw new IllegalArgumentException("keyId names neither the public key nor a served certificate: " + id);
        }
        return key;
    }

    /** Signs every response with the key {@code id} from now on ({@code null}: choose automatically again). */
    public synchronized void signWith(String id) {
        if (id != null) {
            byId(id);
        }
        fixed = id;
    }

    /** Signs the next responses, one each, with these keys, before falling back to the usual choice. */
    public synchronized void signNextWith(List<String> ids) {
        ids.forEach(this::byId);
        scripted.addAll(ids);
    }

    /**
     * The key for a response: a scripted or fixed choice first; during a migration, the public key
     * whenever the request's {@code Wechatpay-Serial} names it; otherwise the certificate list is
     * signed by the oldest certificate still served (the one a client that trusted the previous list
     * can verify, so it learns about a rotation), and other responses follow the mode: the public key
     * or the newest certificate.
     */
    public synchronized SigningKey forResponse(String requestedSerial, boolean certificateList) {
        while (!scripted.isEmpty()) {
            String id = scripted.poll();
            if (id.equals(publicKey.id()) || certificates.containsKey(id)) {
                return byId(id);
            }
        }
        if (fixed != null && (fixed.equals(publicKey.id()) || certificates.containsKey(fixed))) {
            return byId(fixed);
        }
        if (mode == WechatPaySimulatorKeyMode.BOTH && requestedSerial != null
                && requestedSerial.startsWith("PUB_KEY_ID_")) {
            return publicKey;
        }
        if (certificateList && !certificates.isEmpty()) {
            return certificates.values().iterator().next();
        }
        return switch (mode) {
            case PUBLIC_KEY -> publicKey;
            case PLATFORM_CERTIFICATE -> newestCertificate();
            case BOTH -> newestCertificate();
        };
    }

    /** The key for a notification: {@code requested} when given, else the mode's default. */
    public synchronized SigningKey forNotification(String requested) {
        if (requested != null) {
            return byId(requested);
        }
        return mode == WechatPaySimulatorKeyMode.PLATFORM_CERTIFICATE ? newestCertificate() : publicKey;
    }

    private SigningKey issue(KeyPair keys) {
        byte[] serialBytes = new byte[20];
        ThreadLocalRandom.current().nextBytes(serialBytes);
        // first byte 0x10..0x7F: positive, and exactly 40 hex digits like WeChat Pay's serials
        serialBytes[0] = (byte) (0x10 + ThreadLocalRandom.current().nextInt(0x70));
        BigInteger serial = new BigInteger(1, serialBytes);
        Instant now = clock.instant();
        X509Certificate certificate = SelfSignedCertificate.create(keys, serial, "Tenpay.com",
                now.minus(BACKDATE), now.plus(VALIDITY));
        SigningKey key = new SigningKey(serial.toString(16).toUpperCase(java.util.Locale.ROOT), keys, certificate);
        certificates.put(key.id(), key);
        return key;
    }

    private void requireCertificateMode() {
        if (!servesCertificates()) {
            throw new IllegalStateException("platform certificates are not served in " + mode + " mode");
        }
    }
}
