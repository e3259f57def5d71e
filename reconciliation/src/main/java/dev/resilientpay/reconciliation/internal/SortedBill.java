package dev.resilientpay.reconciliation.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Bill rows in ledger key order, whatever order the bill lists them in, with bounded memory: an
 * external merge sort. Rows are read in chunks of {@code chunkRows}; each chunk is sorted in memory
 * and, when the bill has more than one chunk, written to a run file; the runs are then merged with
 * one small buffered reader each.
 *
 * <p>Memory: at most {@code chunkRows} rows while sorting (about 300 bytes each), then
 * {@value #RUN_BUFFER} bytes per run while merging ({@code rows / chunkRows} runs: 50 runs, 800 KiB,
 * for 1,000,000 rows at the default chunk). Disk: about 100 bytes per row, deleted on {@link #close}.
 * Equal keys keep the bill's order (the sort is stable and the merge prefers the earlier run).
 */
public final class SortedBill implements Iterator<KeyedRow>, Closeable {

    static final int RUN_BUFFER = 16 * 1024;

    private final List<Path> runFiles = new ArrayList<>();
    private final List<DataInputStream> readers = new ArrayList<>();
    private Iterator<KeyedRow> inMemory;
    private PriorityQueue<Head> heads;
    private KeyedRow next;

    private record Head(KeyedRow row, int run) {}

    private SortedBill() {}

    /**
     * Sorts {@code rows}, spilling to {@code directory} when they exceed one chunk.
     *
     * @param rows      the bill's rows, keyed
     * @param chunkRows rows sorted in memory at a time
     * @param directory where run files go (the system temp directory when {@code null})
     */
    public static <R> SortedBill sort(Iterator<R> rows, Function<R, KeyedRow> keyer, int chunkRows, Path directory) {
        SortedBill sorted = new SortedBill();
        try {
            sorted.fill(rows, keyer, chunkRows, directory);
            return sorted;
        } catch (IOException e) {
            sorted.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            sorted.close();
            throw e;
        }
    }

    private <R> void fill(Iterator<R> rows, Function<R, KeyedRow> keyer, int chunkRows, Path directory)
            throws IOException {
        List<KeyedRow> chunk = new ArrayList<>(Math.min(chunkRows, 1024));
        while (rows.hasNext()) {
            chunk.add(keyer.apply(rows.next()));
            if (chunk.size() == chunkRows) {
                spill(chunk, directory);
                chunk = new ArrayList<>(Math.min(chunkRows, 1024));
            }
        }
        chunk.sort(Comparator.comparing(KeyedRow::key));
        if (runFiles.isEmpty()) {
            inMemory = chunk.iterator();
        } else {
            if (!chunk.isEmpty()) {
                spill(chunk, directory);
            }
            heads = new PriorityQueue<>(Comparator.comparing((Head h) -> h.row().key()).thenComparingInt(Head::run));
            for (int i = 0; i < runFiles.size(); i++) {
                DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(runFiles.get(i)),
                        RUN_BUFFER));
                readers.add(in);
                KeyedRow first = RunFiles.read(in);
                if (first != null) {
                    heads.add(new Head(first, i));
                }
            }
        }
        advance();
    }

    private void spill(List<KeyedRow> chunk, Path directory) throws IOException {
        chunk.sort(Comparator.comparing(KeyedRow::key));
        Path file = directory == null ? Files.createTempFile("resilient-pay-bill-run", ".bin")
                : Files.createTempFile(directory, "resilient-pay-bill-run", ".bin");
        runFiles.add(file);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file),
                RUN_BUFFER))) {
            for (KeyedRow row : chunk) {
                RunFiles.write(out, row);
            }
        }
    }

    private void advance() {
        if (inMemory != null) {
            next = inMemory.hasNext() ? inMemory.next() : null;
            return;
        }
        Head head = heads.poll();
        if (head == null) {
            next = null;
            return;
        }
        next = head.row();
        try {
            KeyedRow following = RunFiles.read(readers.get(head.run()));
            if (following != null) {
                heads.add(new Head(following, head.run()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next row without taking it, or {@code null} at the end. */
    public KeyedRow peek() {
        return next;
    }

    @Override
    public boolean hasNext() {
        return next != null;
    }

    @Override
    public KeyedRow next() {
        if (next == null) {
            throw new NoSuchElementException();
        }
        KeyedRow current = next;
        advance();
        return current;
    }

    /** How many run files were written (0 when the bill fit in one chunk). */
    public int runs() {
        return runFiles.size();
    }

    @Override
    public void close() {
        for (DataInputStream in : readers) {
            try {
                in.close();
            } catch (IOException ignored) {
                // deleting below is what matters
            }
        }
        for (Path file : runFiles) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
        readers.clear();
        runFiles.clear();
    }
}
