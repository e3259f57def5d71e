package dev.resilientpay.spi;

import java.util.Iterator;

/**
 * The rows of one verified bill, read as they are consumed: an implementation keeps at most a
 * buffer in memory, never the whole bill. Close it to release the downloaded file.
 *
 * <p>Reading may fail only for local I/O (the downloaded copy on disk), as
 * {@link java.io.UncheckedIOException}: every check of the bill's content (digest, format, summary
 * lines) is done before the rows are handed out.
 */
public interface BillRows extends Iterator<BillRow>, AutoCloseable {

    /** Releases the downloaded copy; idempotent. */
    @Override
    void close();
}
