package dev.resilientpay.wechat.internal;

import dev.resilientpay.spi.PemKeys;
import dev.resilientpay.spi.RsaSha256;
import dev.resilientpay.transport.HttpOutcome;
import dev.resilientpay.transport.internal.LogSafe;
import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys WeChat Pay signs with, by {@code Wechatpay-Serial}: the WeChat Pay public key
 * ({@code PUB_KEY_ID_…}) and/or the platform certificates downloaded from {@code GET /v3/certificates}.
 *
 * <p>Certificates are decrypted with the APIv3 key, kept by serial until they expire, refreshed
 * hourly (judged by the injected clock, on the calling thread: no thread per merchant) and when a
 * message names a serial that is not known yet (bounded, so forged serials in public notification
 * posts cannot turn into a flood of downloads).
 *
 * <p><b>Trust.</b> A download is accepted only when its own response signature verifies with a key
 * that is already trusted (the public key, or a certificate from an earlier download). The very first
 * download in pure certificate mode has nothing to check against; it is then accepted on first use
 * only if (1) every certificate in it decrypts and authenticates with the APIv3 key, a secret only
 * WeChat Pay and the merchant share, so nobody else can have produced it, and (2) the certificate
 * named by the response's {@code Wechatpay-Serial} is in the download and its key verifies the
 * response signature. The issuing CA is not checked: the WeChat Pay CA root is not bundled.
 *
 * <p>Thread-safe: lookups read an immutable map; refreshes run under a lock, one at a time.
 */
public final class PlatformKeyring {

    /** How often certificates are downloaded again. */
    public static final Duration REFRESH_INTERVAL = Duration.ofHours(1);
    /** The wait after a failed download before a periodic refresh is tried again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);
    /** An unknown serial triggers at most one download per this period. */
    static final Duration SAME_SERIAL_PERIOD = Duration.ofMinutes(1);
    /** At most this many unknown-serial downloads per {@link #MISS_WINDOW}. */
    static final int MISS_BUDGET = 10;
    static final Duration MISS_WINDOW = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(PlatformKeyring.class);

    /** Fetches {@code GET /v3/certificates}, signed as a merchant request. */
    @FunctionalInterface
    public interface CertificateSource {
        /** One exchange, bounded by {@code timeout}. */
        HttpOutcome fetch(Duration timeout);
    }

    private record CertificateKey(String serial, RsaSha256.Verifier verifier, Instant notBefore, Instant notAfter) {}

    private final String publicKeyId;
    private final RsaSha256.Verifier publicKey;
    private final CertificateSource source;
    private final AesGcmDecryptor decryptor;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Map<String, CertificateKey> certificates = Map.of();
    private volatile Instant lastRefresh;
    private volatile Instant lastAttempt;
    private final Map<String, Instant> recentMisses = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > 64;
        }
    };
    private final Deque<Instant> missDownloads = new ArrayDeque<>();

    /**
     * @param publicKeyId the WeChat Pay public key id, or {@code null} without one
     * @param publicKey   the WeChat Pay public key, or {@code null} without one
     * @param source      the certificate download, or {@code null} when certificates are not used
     * @param decryptor   decrypts downloaded certificates
     * @param clock       judges expiry and refresh times
     */
    public PlatformKeyring(String publicKeyId, PublicKey publicKey, CertificateSource source,
            AesGcmDecryptor decryptor, Clock clock) {
        this.publicKeyId = publicKeyId;
        this.publicKey = publicKey == null ? null : RsaSha256.verifier(publicKey);
        this.source = source;
        this.decryptor = decryptor;
        this.clock = clock;
    }

    /**
     * The verifier for {@code serial}, or {@code null} when it is not trusted even after a refresh.
     *
     * @param timeout how long this lookup may take in all: waiting for another thread's download and any
     *                downloads of its own together (a caller passes what is left of its attempt)
     */
    public RsaSha256.Verifier verifierFor(String serial, Duration timeout) {
        if (publicKeyId != null && publicKeyId.equals(serial)) {
            return publicKey;
        }
        if (source == null) {
            return null;
        }
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        refreshIfDue(deadline);
        RsaSha256.Verifier known = current(serial);
        if (known != null) {
            return known;
        }
        return refreshForUnknown(serial, deadline) ? current(serial) : null;
    }

    /** The time left until {@code deadline} ({@link System#nanoTime()} based), never negative. */
    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    /** Takes the lock, waiting at most until {@code deadline}. */
    private boolean lockBefore(long deadline) {
        try {
            return lock.tryLock(left(deadline).toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The serial to name in a request's {@code Wechatpay-Serial} header: the public key id when there is
     * one (during a migration it makes WeChat Pay sign with the public key), else the newest certificate.
     */
    public String preferredSerial() {
        if (publicKeyId != null) {
            return publicKeyId;
        }
        return certificates.values().stream()
                .max(Comparator.comparing(CertificateKey::notBefore))
                .map(CertificateKey::serial)
                .orElse(null);
    }

    /** The serials of the certificates currently trusted. */
    public java.util.Set<String> certificateSerials() {
        return certificates.keySet();
    }

    private RsaSha256.Verifier current(String serial) {
        CertificateKey key = certificates.get(serial);
        return key != null && key.notAfter().isAfter(clock.instant()) ? key.verifier() : null;
    }

    private void refreshIfDue(long deadline) {
        if (!due()) {
            return;
        }
        if (certificates.isEmpty()) {
            if (!lockBefore(deadline)) { // nothing to verify with yet: wait for whoever is downloading, in time
                return;
            }
        } else if (!lock.tryLock()) {
            return; // someone else refreshes; the current keys stay good meanwhile
        }
        try {
            if (due()) {
                download(deadline);
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean due() {
        Instant now = clock.instant();
        if (lastRefresh != null && Duration.between(lastRefresh, now).compareTo(REFRESH_INTERVAL) < 0) {
            return false;
        }
        boolean lastFailed = lastAttempt != null && !lastAttempt.equals(lastRefresh);
        return !lastFailed || Duration.between(lastAttempt, now).compareTo(RETRY_AFTER_FAILURE) >= 0;
    }

    private boolean refreshForUnknown(String serial, long deadline) {
        if (!lockBefore(deadline)) {
            return false;
        }
        try {
            if (current(serial) != null) {
                return true;
            }
            Instant now = clock.instant();
            Instant missed = recentMisses.get(serial);
            if (missed != null && Duration.between(missed, now).compareTo(SAME_SERIAL_PERIOD) < 0) {
                return false;
            }
            while (!missDownloads.isEmpty()
                    && Duration.between(missDownloads.peekFirst(), now).compareTo(MISS_WINDOW) >= 0) {
                missDownloads.removeFirst();
            }
            if (missDownloads.size() >= MISS_BUDGET) {
                LOG.warn("wechat: unknown Wechatpay-Serial {}: certificate download budget used up", LogSafe.of(serial));
                return false;
            }
            recentMisses.put(serial, now);
            missDownloads.addLast(now);
            LOG.debug("wechat: unknown Wechatpay-Serial {}: downloading platform certificates", LogSafe.of(serial));
            download(deadline);
            return current(serial) != null;
        } finally {
            lock.unlock();
        }
    }

    /** Downloads, checks and merges the certificates, if there is time left before {@code deadline}. Runs under the lock. */
    private void download(long deadline) {
        Duration timeout = left(deadline);
        if (timeout.toMillis() < 1) {
            LOG.debug("wechat: no time left for a platform certificate download");
            return;
        }
        Instant now = clock.instant();
        lastAttempt = now;
        HttpOutcome outcome = source.fetch(timeout);
        if (!(outcome instanceof HttpOutcome.Received received)) {
            LOG.warn("wechat: platform certificate download failed: {}", outcome);
            return;
        }
        if (received.status() == 404) {
            LOG.warn("wechat: no platform certificates for this merchant (404, request-id {}): configure the"
                    + " WeChat Pay public key instead", received.header("Request-ID"));
            return;
        }
        if (!received.isSuccessful()) {
            LOG.warn("wechat: platform certificate download answered {} (request-id {})",
                    received.status(), received.header("Request-ID"));
            return;
        }
        Map<String, CertificateKey> downloaded;
        try {
            downloaded = decryptAll(WechatJson.read(received.body(), WechatJson.Certificates.class), now);
        } catch (IOException | DecryptionFailedException | IllegalArgumentException e) {
            LOG.warn("wechat: platform certificate download rejected: {}", e.getMessage());
            return;
        }
        String signedBy = received.header("Wechatpay-Serial");
        String problem = checkSignature(received, signedBy, downloaded, now);
        if (problem != null) {
            LOG.warn("wechat: platform certificate download rejected: {}", problem);
            return;
        }
        Map<String, CertificateKey> merged = new HashMap<>();
        certificates.forEach((serial, key) -> {
            if (key.notAfter().isAfter(now)) {
                merged.put(serial, key);
            }
        });
        merged.putAll(downloaded);
        certificates = Map.copyOf(merged);
        lastRefresh = now;
        lastAttempt = now;
        LOG.debug("wechat: platform certificates now {}", merged.keySet());
    }

    private String checkSignature(HttpOutcome.Received r, String signedBy, Map<String, CertificateKey> downloaded,
            Instant now) {
        String timestamp = r.header("Wechatpay-Timestamp");
        String nonce = r.header("Wechatpay-Nonce");
        String signature = r.header("Wechatpay-Signature");
        if (signedBy == null || timestamp == null || nonce == null || signature == null) {
            return "unsigned response";
        }
        try {
            long skew = Math.abs(now.getEpochSecond() - Long.parseLong(timestamp.strip()));
            if (skew >= WechatResponseVerifier.WINDOW.toSeconds()) {
                return "stale timestamp (" + skew + " s)";
            }
        } catch (NumberFormatException e) {
            return "Wechatpay-Timestamp is not a number";
        }
        RsaSha256.Verifier verifier;
        if (publicKeyId != null && publicKeyId.equals(signedBy.strip())) {
            verifier = publicKey;
        } else if (current(signedBy.strip()) != null) {
            verifier = current(signedBy.strip());
        } else if (publicKeyId == null && certificates.isEmpty() && downloaded.containsKey(signedBy.strip())) {
            // Trust on first use, anchored in the APIv3 key (see the class comment).
            verifier = downloaded.get(signedBy.strip()).verifier();
        } else {
            return "signed by " + signedBy + ", which is not trusted";
        }
        if (signature.startsWith(WechatResponseVerifier.PROBE_PREFIX)
                || !verifier.verify(WechatResponseVerifier.message(timestamp.strip(), nonce.strip(), r.body()),
                        signature)) {
            return "signature does not verify with " + signedBy;
        }
        return null;
    }

    private Map<String, CertificateKey> decryptAll(WechatJson.Certificates answer, Instant now)
            throws DecryptionFailedException {
        if (answer.data() == null || answer.data().isEmpty()) {
            throw new IllegalArgumentException("no certificates in the answer");
        }
        Map<String, CertificateKey> out = new HashMap<>();
        for (WechatJson.CertificateEntry entry : answer.data()) {
            WechatJson.EncryptedResource enc = entry.encryptCertificate();
            if (entry.serialNo() == null || enc == null) {
                throw new IllegalArgumentException("certificate entry without serial_no or encrypt_certificate");
            }
            String pem = decryptor.decrypt(enc.associatedData(), enc.nonce(), enc.ciphertext());
            X509Certificate cert = PemKeys.certificate("platform certificate " + entry.serialNo(), pem);
            String serial = entry.serialNo().strip().toUpperCase(Locale.ROOT);
            if (!cert.getSerialNumber().equals(new BigInteger(serial, 16))) {
                throw new IllegalArgumentException("serial_no " + serial + " is not the certificate's serial");
            }
            Instant notAfter = cert.getNotAfter().toInstant();
            if (!notAfter.isAfter(now)) {
                LOG.debug("wechat: skipping expired platform certificate {}", serial);
                continue;
            }
            out.put(serial, new CertificateKey(serial, RsaSha256.verifier(cert.getPublicKey()),
                    cert.getNotBefore().toInstant(), notAfter));
        }
        return out;
    }
}
