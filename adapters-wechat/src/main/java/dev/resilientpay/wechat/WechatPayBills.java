package dev.resilientpay.wechat;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.resilientpay.spi.BillAnswer;
import dev.resilientpay.spi.BillProblem;
import dev.resilientpay.spi.BillSource;
import dev.resilientpay.transport.FileDownload;
import dev.resilientpay.transport.GatewayUrls;
import dev.resilientpay.transport.HttpOutcome;
import dev.resilientpay.transport.internal.BillFiles;
import dev.resilientpay.wechat.internal.SignatureCheck;
import dev.resilientpay.wechat.internal.WechatBillException;
import dev.resilientpay.wechat.internal.WechatBillFile;
import dev.resilientpay.wechat.internal.WechatGateway;
import dev.resilientpay.wechat.internal.WechatRequestSigner;
import dev.resilientpay.wechat.internal.WechatResponseVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * WeChat Pay v3 trade bills: {@code GET /v3/bill/tradebill} (signed request, verified answer), the file
 * fetched at once from {@code download_url} with a signed request, its SHA-1 digest
 * ({@code hash_type}/{@code hash_value}) checked before anything in it is read, gzip
 * ({@code tar_type=GZIP}) unpacked, the summary lines checked against the rows, and only then the
 * rows handed out, streamed from the copy on disk. Get one from {@link WechatPayProvider#bills()}.
 *
 * <p>"Bill not ready yet" ({@code NO_STATEMENT_EXIST}, {@code STATEMENT_CREATING}) is
 * {@link BillAnswer.NotReady}. See {@code adapters-wechat/docs/bills.md} for every protocol fact
 * relied on.
 */
public final class WechatPayBills implements BillSource {

    /** Zone of WeChat Pay's bill days. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Largest file accepted: 2 GiB. */
    public static final long MAX_BYTES = 2L << 30;

    private static final Logger log = LoggerFactory.getLogger(WechatPayBills.class);
    private static final ObjectMapper JSON = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

    private final WechatGateway gateway;
    private final WechatResponseVerifier verifier;
    private final WechatRequestSigner signer;
    private final OkHttpClient http;
    private final String mchId;
    private final Clock clock;
    private final boolean gzip;
    private final Path directory;

    WechatPayBills(WechatGateway gateway, WechatResponseVerifier verifier, WechatRequestSigner signer, OkHttpClient http,
                   String mchId, Clock clock, boolean gzip, Path directory) {
        this.gateway = gateway;
        this.verifier = verifier;
        this.signer = signer;
        this.http = http;
        this.mchId = mchId;
        this.clock = clock;
        this.gzip = gzip;
        this.directory = directory;
    }

    /**
     * The same bills, asked for uncompressed (no {@code tar_type}) or gzip ({@code tar_type=GZIP}, the default).
     *
     * @param gzip whether to ask for gzip
     * @return a bill source asking so
     */
    public WechatPayBills gzip(boolean gzip) {
        return new WechatPayBills(gateway, verifier, signer, http, mchId, clock, gzip, directory);
    }

    /**
     * The same bills, downloaded into {@code directory} instead of the system temp directory.
     *
     * @param directory an existing, writable directory
     * @return a bill source writing there
     */
    public WechatPayBills downloadingTo(Path directory) {
        return new WechatPayBills(gateway, verifier, signer, http, mchId, clock, gzip,
                Objects.requireNonNull(directory, "directory must not be null"));
    }

    @Override
    public String provider() {
        return "wechat";
    }

    @Override
    public String merchant() {
        return mchId;
    }

    /** WeChat Pay refund ids ({@code out_refund_no}) are unique per merchant: {@code true}. */
    @Override
    public boolean refundIdsUniquePerMerchant() {
        return true;
    }

    @Override
    public ZoneId zone() {
        return ZONE;
    }

    /** The trade bill of {@code day}, {@code bill_type=ALL}. */
    @Override
    public BillAnswer tradeBill(LocalDate day) {
        Objects.requireNonNull(day, "day must not be null");
        String path = "/v3/bill/tradebill?bill_date=" + day + "&bill_type=ALL" + (gzip ? "&tar_type=GZIP" : "");
        String what = "bill " + day;
        Fetched fetched = fetch(path, what);
        if (fetched.problem() != null) {
            return fetched.problem();
        }
        Path file = fetched.file();
        try {
            WechatBillFile.verify(file, gzip);
        } catch (WechatBillException e) {
            BillFiles.deleteQuietly(file);
            log.warn("wechat {} rejected: {}", what, e.getMessage());
            return new BillAnswer.Failed(e.truncated() ? BillProblem.TRUNCATED : BillProblem.MALFORMED, e.truncated(),
                    what + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            BillFiles.deleteQuietly(file);
            return new BillAnswer.Failed(BillProblem.LOCAL_IO, true, what + ": " + e.getCause().getMessage());
        }
        try {
            return new BillAnswer.Ready(WechatBillFile.rows(file, gzip));
        } catch (UncheckedIOException e) {
            return new BillAnswer.Failed(BillProblem.LOCAL_IO, true, what + ": " + e.getCause().getMessage());
        }
    }

    /**
     * The fund-flow bill (资金账单, {@code GET /v3/bill/fundflowbill}) of {@code day} for one fund account:
     * every movement of money in or out of it, fetched and verified exactly like the trade bill (signed
     * answer, SHA-1 of the download checked before anything is read, summary checked against the rows).
     *
     * @param day     the day (Asia/Shanghai)
     * @param account which account
     * @return the rows (close them), not ready, or failed
     * @throws NullPointerException if an argument is null
     */
    public WechatFundFlowAnswer fundFlowBill(LocalDate day, FundAccount account) {
        Objects.requireNonNull(day, "day must not be null");
        Objects.requireNonNull(account, "account must not be null");
        String path = "/v3/bill/fundflowbill?bill_date=" + day + "&account_type=" + account.name()
                + (gzip ? "&tar_type=GZIP" : "");
        String what = "fund-flow bill " + day + " " + account;
        Fetched fetched = fetch(path, what);
        if (fetched.problem() instanceof BillAnswer.NotReady notReady) {
            return new WechatFundFlowAnswer.NotReady(notReady.detail());
        }
        if (fetched.problem() instanceof BillAnswer.Failed failed) {
            return new WechatFundFlowAnswer.Failed(failed.problem(), failed.retryable(), failed.detail());
        }
        Path file = fetched.file();
        try {
            WechatBillFile.verifyFundFlow(file, gzip);
            return new WechatFundFlowAnswer.Ready(WechatBillFile.fundFlowRows(file, gzip));
        } catch (WechatBillException e) {
            BillFiles.deleteQuietly(file);
            log.warn("wechat {} rejected: {}", what, e.getMessage());
            return new WechatFundFlowAnswer.Failed(e.truncated() ? BillProblem.TRUNCATED : BillProblem.MALFORMED,
                    e.truncated(), what + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            BillFiles.deleteQuietly(file);
            return new WechatFundFlowAnswer.Failed(BillProblem.LOCAL_IO, true, what + ": " + e.getCause().getMessage());
        }
    }

    /** A WeChat Pay fund account, as {@code account_type} names it. */
    public enum FundAccount {
        /** 基本账户: where payments settle and refunds are paid from. */
        BASIC,
        /** 运营账户. */
        OPERATION,
        /** 手续费账户. */
        FEES
    }

    /** A downloaded file whose digest matched, or why there is none (a not-ready or failed answer). */
    private record Fetched(Path file, BillAnswer problem) {}

    /** Asks for a bill at {@code path} and downloads it; shared by the trade and fund-flow bills. */
    private Fetched fetch(String path, String what) {
        HttpOutcome outcome = gateway.send("GET", path, null, QUERY_TIMEOUT);
        if (outcome instanceof HttpOutcome.NotSent notSent) {
            return failed(BillProblem.NETWORK, true, what + ": not sent: " + notSent.reason());
        }
        if (outcome instanceof HttpOutcome.Lost lost) {
            return failed(BillProblem.NETWORK, true, what + ": answer lost: " + lost.reason());
        }
        HttpOutcome.Received r = (HttpOutcome.Received) outcome;
        if (r.status() == 429 || r.status() >= 500) {
            return failed(BillProblem.NETWORK, true, what + ": HTTP " + r.status());
        }
        SignatureCheck check = verifier.verify(r::header, r.body(), QUERY_TIMEOUT);
        if (!check.passed()) {
            log.warn("wechat {}: answer not trusted: {}", what, check.detail());
            return failed(BillProblem.UNTRUSTED, true, what + ": answer not trusted: " + check.detail());
        }
        JsonNode body;
        try {
            body = JSON.readTree(r.body());
        } catch (IOException e) {
            return failed(BillProblem.UNTRUSTED, true, what + ": answer is not JSON");
        }
        if (!r.isSuccessful()) {
            String code = body.path("code").asText("");
            String detail = what + ": HTTP " + r.status() + " " + code + " " + body.path("message").asText("");
            if ("NO_STATEMENT_EXIST".equals(code) || "STATEMENT_CREATING".equals(code)) {
                return new Fetched(null, new BillAnswer.NotReady(detail));
            }
            return failed(BillProblem.REFUSED, "SYSTEM_ERROR".equals(code), detail);
        }
        String hashType = body.path("hash_type").asText("");
        String hashValue = body.path("hash_value").asText("");
        String url = body.path("download_url").asText("");
        if (!"SHA1".equalsIgnoreCase(hashType) || !hashValue.matches("[0-9A-Fa-f]{40}")) {
            return failed(BillProblem.UNTRUSTED, false, what + ": unsupported hash_type '" + hashType
                    + "' or malformed hash_value");
        }
        HttpUrl download;
        try {
            download = GatewayUrls.requireHttpsOrLoopback("download_url", url);
        } catch (IllegalArgumentException e) {
            return failed(BillProblem.UNTRUSTED, false, what + ": " + e.getMessage());
        }
        return download(what, download, hashValue.toLowerCase(Locale.ROOT));
    }

    private static Fetched failed(BillProblem problem, boolean retryable, String detail) {
        return new Fetched(null, new BillAnswer.Failed(problem, retryable, detail));
    }

    private Fetched download(String what, HttpUrl url, String expectedSha1) {
        Path file;
        try {
            file = directory == null ? Files.createTempFile("wechat-bill-", ".bin")
                    : Files.createTempFile(directory, "wechat-bill-", ".bin");
        } catch (IOException e) {
            return failed(BillProblem.LOCAL_IO, true, what + ": no temp file: " + e.getMessage());
        }
        // The download is a v3 GET like any other: signed over the download URL's path and query.
        String authorization = signer.authorization("GET", WechatGateway.canonicalUrl(url), clock.instant().getEpochSecond(),
                new byte[0]);
        Request request = new Request.Builder().url(url).get().header("Authorization", authorization)
                .header("Accept", "*/*").build();
        FileDownload.Result result = FileDownload.download(http, request, file, MAX_BYTES, DOWNLOAD_TIMEOUT, "SHA-1");
        if (result instanceof FileDownload.Result.Refused refused) {
            BillFiles.deleteQuietly(file);
            boolean expired = refused.status() == 400 || refused.status() == 403 || refused.status() == 404
                    || refused.bodyPrefix().contains("EXPIRE") || refused.bodyPrefix().contains("过期");
            return failed(expired ? BillProblem.URL_EXPIRED : BillProblem.NETWORK, true,
                    what + ": download answered HTTP " + refused.status());
        }
        if (result instanceof FileDownload.Result.Failed f) {
            return failed(f.truncated() ? BillProblem.TRUNCATED : BillProblem.NETWORK, true, what + ": " + f.reason());
        }
        FileDownload.Result.Saved saved = (FileDownload.Result.Saved) result;
        if (!expectedSha1.equals(saved.digest())) {
            BillFiles.deleteQuietly(file);
            log.warn("wechat {}: digest mismatch, {} bytes discarded unread", what, saved.bytes());
            return failed(BillProblem.DIGEST_MISMATCH, true, what + ": SHA-1 of the " + saved.bytes()
                    + " bytes downloaded is " + saved.digest() + ", the signed hash_value " + expectedSha1);
        }
        return new Fetched(file, null);
    }

    @Override
    public String toString() {
        return "WechatPayBills[" + mchId + (gzip ? ", gzip" : "") + "]";
    }
}
