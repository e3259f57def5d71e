package dev.resilientpay.transport;

import dev.resilientpay.transport.internal.BillFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Downloads a file (a provider's bill) straight to disk, never holding it in memory, with a size cap,
 * a whole-exchange timeout and, optionally, a digest computed as the bytes arrive. Never throws for
 * network faults: they come back as {@link Result}s. Download URLs are one-shot and short-lived, so a
 * failed download is not retried here: the caller asks the provider for a fresh URL.
 */
public final class FileDownload {

    private static final int BUFFER = 64 * 1024;
    private static final int ERROR_BODY_PREFIX = 512;

    private FileDownload() {}

    /** What a download produced. */
    public sealed interface Result {
        /**
         * The whole body is on disk.
         *
         * @param file   where
         * @param bytes  how many bytes
         * @param digest the lower-case hex digest of the bytes, or {@code null} when none was asked for
         */
        record Saved(Path file, long bytes, String digest) implements Result {}

        /**
         * The server answered with a non-2xx status; nothing was kept.
         *
         * @param status     the HTTP status
         * @param bodyPrefix the first bytes of the body as UTF-8 text (for error codes)
         */
        record Refused(int status, String bodyPrefix) implements Result {}

        /**
         * The download did not complete; nothing was kept.
         *
         * @param reason    what happened
         * @param truncated whether the body ended before its announced length or was cut off
         */
        record Failed(String reason, boolean truncated) implements Result {}
    }

    /**
     * Downloads {@code request}'s body to {@code target} (replaced).
     *
     * @param client    the client (e.g. {@link GatewayHttp#okHttpClient()})
     * @param request   the GET request, headers (such as a signature) included
     * @param target    the file to write
     * @param maxBytes  the size cap; a larger body is a {@link Result.Failed}
     * @param timeout   limit of the whole exchange
     * @param algorithm a {@link MessageDigest} algorithm ({@code SHA-1}) or {@code null}
     * @return what happened; on anything but {@link Result.Saved} the target is deleted
     */
    public static Result download(OkHttpClient client, Request request, Path target, long maxBytes, Duration timeout,
                                  String algorithm) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(target, "target");
        Call call = client.newCall(request);
        call.timeout().timeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        Result result;
        try (Response response = call.execute()) {
            ResponseBody body = response.body();
            if (!response.isSuccessful()) {
                String prefix = "";
                if (body != null) {
                    okio.BufferedSource source = body.source();
                    source.request(ERROR_BODY_PREFIX);
                    prefix = source.readString(Math.min(ERROR_BODY_PREFIX, source.getBuffer().size()),
                            StandardCharsets.UTF_8);
                }
                return new Result.Refused(response.code(), prefix);
            }
            if (body == null) {
                return new Result.Failed("empty response", true);
            }
            if (body.contentLength() > maxBytes) {
                return new Result.Failed("file of " + body.contentLength() + " bytes exceeds the cap of " + maxBytes, false);
            }
            MessageDigest digest = algorithm == null ? null : MessageDigest.getInstance(algorithm);
            long total = 0;
            try (InputStream in = body.byteStream(); OutputStream out = Files.newOutputStream(target)) {
                byte[] buffer = new byte[BUFFER];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    total += n;
                    if (total > maxBytes) {
                        result = new Result.Failed("file exceeds the cap of " + maxBytes + " bytes", false);
                        BillFiles.deleteQuietly(target);
                        return result;
                    }
                    out.write(buffer, 0, n);
                    if (digest != null) {
                        digest.update(buffer, 0, n);
                    }
                }
            }
            if (body.contentLength() >= 0 && total != body.contentLength()) {
                BillFiles.deleteQuietly(target);
                return new Result.Failed("got " + total + " of " + body.contentLength() + " bytes", true);
            }
            return new Result.Saved(target, total, digest == null ? null : HexFormat.of().formatHex(digest.digest()));
        } catch (ProtocolException e) { // "unexpected end of stream": fewer bytes than Content-Length
            result = new Result.Failed("download cut off: " + e.getMessage(), true);
        } catch (IOException e) {
            result = new Result.Failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    false);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest algorithm " + algorithm, e);
        }
        BillFiles.deleteQuietly(target);
        return result;
    }
}
