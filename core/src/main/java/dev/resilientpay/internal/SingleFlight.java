package dev.resilientpay.internal;

import dev.resilientpay.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * At most one call per idempotency key at a time in this process: a second caller with the same
 * key waits for the first one's outcome instead of sending the request again.
 */
final class SingleFlight {

    private record Flight(String fingerprint, CompletableFuture<Outcome> result) {}

    private final ConcurrentMap<String, Flight> flights = new ConcurrentHashMap<>();

    /**
     * Runs {@code work} for {@code key}, or joins the call already under way.
     *
     * @param fingerprint the caller's request fingerprint, or {@code null} for a caller without a
     *                    request of its own (resolve), which joins any flight
     * @param onConflict  the answer to a caller whose fingerprint differs from the running call's
     */
    Outcome run(String key, String fingerprint, Supplier<Outcome> work, Supplier<Outcome> onConflict) {
        Flight mine = new Flight(fingerprint, new CompletableFuture<>());
        Flight running = flights.putIfAbsent(key, mine);
        if (running != null) {
            if (fingerprint != null && running.fingerprint() != null && !running.fingerprint().equals(fingerprint)) {
                return onConflict.get();
            }
            return join(running.result());
        }
        try {
            Outcome outcome = work.get();
            mine.result().complete(outcome);
            return outcome;
        } catch (RuntimeException | Error e) {
            mine.result().completeExceptionally(e);
            throw e;
        } finally {
            flights.remove(key, mine);
        }
    }

    /** Whether a call for {@code key} is under way in this process. */
    boolean isRunning(String key) {
        return flights.containsKey(key);
    }

    private static Outcome join(CompletableFuture<Outcome> result) {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
