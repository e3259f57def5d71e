package dev.resilientpay.internal;

import dev.resilientpay.Outcome;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * At most one call per idempotency key at a time in this process: a second caller with the same
 * key waits for the first one's outcome instead of sending the request again (a blocking caller
 * blocks; an asynchronous one holds no thread while it waits).
 */
final class SingleFlight {

    private record Flight(String fingerprint, CompletableFuture<Outcome> result) {}

    private final ConcurrentMap<String, Flight> flights = new ConcurrentHashMap<>();

    /**
     * Runs {@code work} for {@code key}, or joins the call already under way.
     *
     * @param <O>         the outcome's type; every call of one key has the same
     * @param fingerprint the caller's request fingerprint, or {@code null} for a caller without a
     *                    request of its own (resolve), which joins any flight
     * @param work        the call, as a flow; the flight ends when the flow does
     * @param onConflict  the answer to a caller whose fingerprint differs from the running call's
     */
    @SuppressWarnings("unchecked")
    <O extends Outcome> Flow<O> run(String key, String fingerprint, Supplier<Flow<O>> work, Supplier<O> onConflict) {
        Flight mine = new Flight(fingerprint, new CompletableFuture<>());
        Flight running = flights.putIfAbsent(key, mine);
        if (running != null) {
            if (fingerprint != null && running.fingerprint() != null && !running.fingerprint().equals(fingerprint)) {
                return Flow.done(onConflict.get());
            }
            return new Flow.Join<>(running.result(), () -> Flow.done((O) Flow.valueOf(running.result())));
        }
        return Flow.ensure(work, (outcome, failure) -> {
            if (failure != null) {
                mine.result().completeExceptionally(failure);
            } else {
                mine.result().complete(outcome);
            }
            flights.remove(key, mine);
        });
    }
}
