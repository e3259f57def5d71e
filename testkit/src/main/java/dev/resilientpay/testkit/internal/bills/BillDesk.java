package dev.resilientpay.testkit.internal.bills;

import dev.resilientpay.testkit.BillFault;
import dev.resilientpay.testkit.BillFaults;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The download side of a simulated bill service: files published under one-shot tokens, served
 * once, broken as the fault attached to them says. Shared by both simulators.
 */
public final class BillDesk {

    /** What a download request gets. */
    public sealed interface Served {
        /**
         * The file's bytes (possibly cut short or corrupted by a fault).
         *
         * @param bytes     the body
         * @param truncated whether the body was cut short (the simulator announces the full length)
         * @param fullLength the full length
         */
        record File(byte[] bytes, boolean truncated, int fullLength) implements Served {}

        /** The token is unknown, used, or expired. */
        record Expired() implements Served {}
    }

    private record Published(byte[] bytes, BillFault fault) {}

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Published> files = new ConcurrentHashMap<>();
    private final BillFaults faults = new BillFaults();
    private volatile String baseUrl = "http://127.0.0.1";

    /** The fault queue tests fill. */
    public BillFaults faults() {
        return faults;
    }

    /** Sets the simulator's own base URL ({@code http://127.0.0.1:<port>}), once it listens. */
    public void baseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** The simulator's base URL. */
    public String baseUrl() {
        return baseUrl;
    }

    /**
     * Publishes a file under a new token, with the fault of this request (if any, other than NOT_READY).
     *
     * @return the token
     */
    public String publish(byte[] bytes, BillFault fault) {
        byte[] token = new byte[16];
        random.nextBytes(token);
        String id = HexFormat.of().formatHex(token);
        files.put(id, new Published(bytes, fault));
        return id;
    }

    /** Serves the file of {@code token} once. */
    public Served serve(String token) {
        Published published = token == null ? null : files.remove(token);
        if (published == null || published.fault() == BillFault.URL_EXPIRED) {
            return new Served.Expired();
        }
        byte[] bytes = published.bytes();
        if (published.fault() == BillFault.TRUNCATED) {
            return new Served.File(Arrays.copyOf(bytes, bytes.length / 2), true, bytes.length);
        }
        if (published.fault() == BillFault.DIGEST_MISMATCH) {
            byte[] corrupted = bytes.clone();
            for (int i = corrupted.length / 3; i < corrupted.length && i < corrupted.length / 3 + 16; i++) {
                corrupted[i] ^= 0x5A;
            }
            return new Served.File(corrupted, false, corrupted.length);
        }
        return new Served.File(bytes, false, bytes.length);
    }
}
