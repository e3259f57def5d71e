package dev.resilientpay.wechat.internal;

import dev.resilientpay.spi.BillRow;
import dev.resilientpay.spi.BillRows;
import dev.resilientpay.transport.internal.BillFiles;
import dev.resilientpay.transport.internal.BillReader;
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
import java.util.function.Function;
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
        verify(file, gzip, WechatBillReader::new);
    }

    /** The rows of a verified bill, streamed; closing deletes the file. */
    public static BillRows rows(Path file, boolean gzip) {
        return rows(file, gzip, in -> new TradeRows(new WechatBillReader(in), file, in));
    }

    /**
     * Reads the whole fund-flow bill once and checks it (format, summary counts and totals).
     *
     * @throws WechatBillException if it is cut short or malformed
     */
    public static void verifyFundFlow(Path file, boolean gzip) {
        verify(file, gzip, WechatFundFlowReader::new);
    }

    /** The rows of a verified fund-flow bill, streamed; closing deletes the file. */
    public static WechatFundFlowRows fundFlowRows(Path file, boolean gzip) {
        return rows(file, gzip, in -> new FundFlowRows(new WechatFundFlowReader(in), file, in));
    }

    private static void verify(Path file, boolean gzip, Function<BufferedReader, BillReader<?>> reader) {
        try (BufferedReader in = open(file, gzip)) {
            BillFiles.readAndCheck(reader.apply(in));
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

    private static <R> R rows(Path file, boolean gzip, Function<BufferedReader, R> rows) {
        try {
            return rows.apply(open(file, gzip));
        } catch (IOException e) {
            BillFiles.deleteQuietly(file);
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedReader open(Path file, boolean gzip) throws IOException {
        InputStream raw = Files.newInputStream(file);
        InputStream in = gzip ? new GZIPInputStream(raw, 64 * 1024) : raw;
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
    }

    private static final class TradeRows extends BillFiles.DeletingRows<BillRow> implements BillRows {
        TradeRows(WechatBillReader reader, Path file, BufferedReader in) {
            super(reader, file, in);
        }
    }

    private static final class FundFlowRows extends BillFiles.DeletingRows<WechatFundFlowRow>
            implements WechatFundFlowRows {
        FundFlowRows(WechatFundFlowReader reader, Path file, BufferedReader in) {
            super(reader, file, in);
        }
    }
}
