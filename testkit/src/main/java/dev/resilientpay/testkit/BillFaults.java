package dev.resilientpay.testkit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Bill faults queued for the next bill requests, one fault per request, in order. Thread-safe.
 *
 * <pre>{@code
 * simulator.billFaults().next(BillFault.NOT_READY, BillFault.DIGEST_MISMATCH); // 1st and 2nd request
 * }</pre>
 */
public final class BillFaults {

    private final Deque<BillFault> queue = new ArrayDeque<>();

    /** A queue with no faults. */
    public BillFaults() {}

    /**
     * Queues faults for the following bill requests.
     *
     * @param faults one per request, in order
     * @return this queue
     */
    public synchronized BillFaults next(BillFault... faults) {
        for (BillFault fault : faults) {
            queue.addLast(Objects.requireNonNull(fault, "fault"));
        }
        return this;
    }

    /**
     * Takes the fault of the bill request being answered.
     *
     * @return the fault, or {@code null} to answer normally
     */
    public synchronized BillFault take() {
        return queue.pollFirst();
    }

    /** Forgets every queued fault. */
    public synchronized void clear() {
        queue.clear();
    }
}
