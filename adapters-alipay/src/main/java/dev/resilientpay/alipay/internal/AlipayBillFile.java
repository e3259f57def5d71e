package dev.resilientpay.alipay.internal;

import dev.resilientpay.spi.BillRow;
import dev.resilientpay.spi.BillRows;
import dev.resilientpay.transport.internal.BillFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * A downloaded Alipay bill archive on disk: the zip holds {@code <account>_<date>_业务明细.csv} (the
 * rows) and {@code <account>_<date>_业务明细(汇总).csv} (per-store totals, not read); entry names
 * and contents are GBK.
 */
public final class AlipayBillFile {

    /** The charset of the archive's entry names and CSV files. */
    public static final Charset GBK = Charset.forName("GBK");

    private static final String DETAIL_SUFFIX = "业务明细.csv";

    private AlipayBillFile() {}

    /**
     * Reads the whole detail file once and checks it (format, end rule, summary counts).
     *
     * @throws AlipayBillException if it is cut short or malformed
     */
    public static void verify(Path zip) {
        try (ZipFile file = new ZipFile(zip.toFile(), GBK);
             BufferedReader in = detail(file)) {
            BillFiles.readAndCheck(new AlipayBillReader(in));
        } catch (ZipException e) {
            throw new AlipayBillException(true, "not a complete zip archive: " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof ZipException || e.getCause() instanceof java.io.EOFException) {
                throw new AlipayBillException(true, "archive entry cut short: " + e.getCause().getMessage());
            }
            throw e;
        }
    }

    /** The rows of a verified archive, streamed; closing deletes the archive. */
    public static BillRows rows(Path zip) {
        try {
            ZipFile file = new ZipFile(zip.toFile(), GBK);
            BufferedReader in = detail(file);
            return new Rows(new AlipayBillReader(in), zip, in, file);
        } catch (IOException e) {
            BillFiles.deleteQuietly(zip);
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedReader detail(ZipFile file) throws IOException {
        Enumeration<? extends ZipEntry> entries = file.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            String name = entry.getName();
            if (name.endsWith(DETAIL_SUFFIX) && !name.contains("汇总")) {
                return new BufferedReader(new InputStreamReader(file.getInputStream(entry), GBK), 64 * 1024);
            }
        }
        throw new AlipayBillException(false, "archive has no *_" + DETAIL_SUFFIX + " entry");
    }

    private static final class Rows extends BillFiles.DeletingRows<BillRow> implements BillRows {
        Rows(AlipayBillReader reader, Path zip, BufferedReader in, ZipFile file) {
            super(reader, zip, in, file);
        }
    }
}
