package dev.resilientpay.wechat.internal;

import dev.resilientpay.spi.BillRow;
import dev.resilientpay.spi.BillRows;
import dev.resilientpay.wechat.WechatFundFlowRow;
import dev.resilientpay.wechat.WechatFundFlowRows;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** A downloaded WeChat Pay bill on disk (plain or gzip), read as UTF-8 text. */
public final class WechatBillFile {

    private WechatBillFile() {}

    /**
     * Reads the whole bill once and checks it (format, summary counts and totals).
     *
     * @throws WechatBillException if it is cut short or malformed
     */
    public static void verify(Path file, boolean gzip) {
        try (BufferedReader in = open(file, gzip)) {
            WechatBillReader reader = new WechatBillReader(in);
            while (reader.hasNext()) {
                reader.next();
            }
            reader.check();
        } catch (ZipException | EOFException e) {
            throw new WechatBillException(true, "gzip stream cut short or corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ZipException || e.getCause() instanceof EOFException) {
                throw new WechatBillException(true, "gzip stream cut short or corrupt: " + e.getCause().getMessage());
            }
            throw e;
        }
    }

    /** The rows of a verified bill, streamed; closing deletes the file. */
    public static BillRows rows(Path file, boolean gzip) {
        try {
            BufferedReader in = open(file, gzip);
            WechatBillReader reader = new WechatBillReader(in);
            return new BillRows() {
                private boolean closed;

                @Override
                public boolean hasNext() {
                    return reader.hasNext();
                }

                @Override
                public BillRow next() {
                    return reader.next();
                }

                @Override
                public void close() {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // deleting is what matters
                    }
                    deleteQuietly(file);
                }
            };
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the whole fund-flow bill once and checks it (format, summary counts and totals).
     *
     * @throws WechatBillException if it is cut short or malformed
     */
    public static void verifyFundFlow(Path file, boolean gzip) {
        try (BufferedReader in = open(file, gzip)) {
            WechatFundFlowReader reader = new WechatFundFlowReader(in);
            while (reader.hasNext()) {
                reader.next();
            }
            reader.check();
        } catch (ZipException | EOFException e) {
            throw new WechatBillException(true, "gzip stream cut short or corrupt: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ZipException || e.getCause() instanceof EOFException) {
                throw new WechatBillException(true, "gzip stream cut short or corrupt: " + e.getCause().getMessage());
            }
            throw e;
        }
    }

    /** The rows of a verified fund-flow bill, streamed; closing deletes the file. */
    public static WechatFundFlowRows fundFlowRows(Path file, boolean gzip) {
        try {
            BufferedReader in = open(file, gzip);
            WechatFundFlowReader reader = new WechatFundFlowReader(in);
            return new WechatFundFlowRows() {
                private boolean closed;

                @Override
                public boolean hasNext() {
                    return reader.hasNext();
                }

                @Override
                public WechatFundFlowRow next() {
                    return reader.next();
                }

                @Override
                public void close() {
                    if (closed) {
                        return;
                    }
                    closed = true;
                    try {
                        in.close();
                    } catch (IOException ignored) {
                        // deleting is what matters
                    }
                    deleteQuietly(file);
                }
            };
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedReader open(Path file, boolean gzip) throws IOException {
        InputStream raw = Files.newInputStream(file);
        InputStream in = gzip ? new GZIPInputStream(raw, 64 * 1024) : raw;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
    }

    /** Deletes a file, ignoring failures. */
    public static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
