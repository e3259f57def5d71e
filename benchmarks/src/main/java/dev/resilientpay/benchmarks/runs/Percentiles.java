package dev.resilientpay.benchmarks.runs;

import java.util.Arrays;

/** Latencies in nanoseconds, read as percentiles in milliseconds. */
public final class Percentiles {

    private long[] values = new long[1024];
    private int size;

    /** Adds one latency. */
    public void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    /** Adds every latency of {@code other}. */
    public void addAll(Percentiles other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    /** How many latencies were added. */
    public int count() {
        return size;
    }

    /** The {@code p}-th percentile (0 to 100, nearest rank) in milliseconds, or NaN when empty. */
    public double millis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size - 1, rank - 1))] / 1e6;
    }

    /** The largest latency in milliseconds, or NaN when empty. */
    public double maxMillis() {
        return millis(100);
    }
}
