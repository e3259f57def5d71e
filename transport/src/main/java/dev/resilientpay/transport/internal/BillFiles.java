package dev.resilientpay.transport.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/** The handling of a downloaded bill file on disk that both adapters share. */
public final class BillFiles {

    private BillFiles() {}

    /**
     * Reads a whole bill once and checks it: every row, then the summary.
     *
     * @param reader the reader over the bill
     * @throws RuntimeException whatever the reader throws for a bill cut short or malformed
     */
    public static void readAndCheck(BillReader<?> reader) {
        while (reader.hasNext()) {
            reader.next();
        }
        reader.check();
    }

    /**
     * Deletes a file, ignoring failures.
     *
     * @param file the file
     */
    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }

    /**
     * The rows of a verified bill, streamed from its file on disk; closing releases what was opened to
     * read it and deletes the file. An adapter subclasses it to implement its rows interface
     * ({@code class Rows extends DeletingRows<BillRow> implements BillRows}). Not thread-safe.
     *
     * @param <T> the row type
     */
    public static class DeletingRows<T> implements Iterator<T>, AutoCloseable {

        private final Iterator<T> rows;
        private final Path file;
        private final List<Closeable> opened;
        private boolean closed;

        /**
         * Rows read from {@code file}.
         *
         * @param rows   the reader
         * @param file   the file to delete on {@link #close()}
         * @param opened what to close first, in this order (the first failure skips the rest)
         */
        protected DeletingRows(Iterator<T> rows, Path file, Closeable... opened) {
            this.rows = Objects.requireNonNull(rows, "rows");
            this.file = Objects.requireNonNull(file, "file");
            this.opened = List.of(opened);
        }

        @Override
        public final boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public final T next() {
            return rows.next();
        }

        /** Closes what was opened and deletes the file; idempotent. */
        @Override
        public final void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                for (Closeable c : opened) {
                    c.close();
                }
            } catch (IOException ignored) {
                // deleting is what matters
            }
            deleteQuietly(file);
        }
    }
}
