package dev.resilientpay.alipay;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resilientpay.FailureReason;
import dev.resilientpay.alipay.internal.AlipayBillException;
import dev.resilientpay.alipay.internal.AlipayBillFile;
import dev.resilientpay.alipay.internal.AlipayGateway;
import dev.resilientpay.alipay.internal.GatewayReply;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.BillAnswer;
import dev.resilientpay.spi.BillProblem;
import dev.resilientpay.spi.BillSource;
import dev.resilientpay.transport.FileDownload;
import dev.resilientpay.transport.GatewayUrls;
import dev.resilientpay.transport.internal.BillFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alipay trade bills ({@code alipay.data.dataservice.bill.downloadurl.query}, {@code bill_type=trade}):
 * the download URL asked for with a signed, verified gateway call, the archive fetched at once (the
 * URL expires within about 30 seconds), the GBK detail CSV checked against its summary line, and only
 * then its rows handed out, streamed from the copy on disk. Get one from {@link AlipayProvider#bills()}.
 *
 * <p>"Bill not ready yet" ({@code isp.bill_not_exist}) is {@link BillAnswer.NotReady}. See
 * {@code adapters-alipay/docs/bills.md} for every protocol fact relied on.
 */
public final class AlipayBills implements BillSource {

    /** The gateway method that gives a bill's download URL. */
    public static final String METHOD = "alipay.data.dataservice.bill.downloadurl.query";

    /** Zone of Alipay's bill days. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** Largest archive accepted: 2 GiB. */
    public static final long MAX_BYTES = 2L << 30;

    private static final Logger log = LoggerFactory.getLogger(AlipayBills.class);
    private static final Duration QUERY_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(10);

    private final AlipayGateway gateway;
    private final Path directory;

    AlipayBills(AlipayGateway gateway, Path directory) {
        this.gateway = gateway;
        this.directory = directory;
    }

    /**
     * The same bills, downloaded into {@code directory} instead of the system temp directory.
     *
     * @param directory an existing, writable directory
     * @return a bill source writing there
     */
    public AlipayBills downloadingTo(Path directory) {
        return new AlipayBills(gateway, Objects.requireNonNull(directory, "directory must not be null"));
    }

    @Override
    public String provider() {
        return "alipay";
    }

    @Override
    public String merchant() {
        return gateway.settings().appId();
    }

    /** Alipay refund ids ({@code out_request_no}) are unique per order: {@code false}. */
    @Override
    public boolean refundIdsUniquePerMerchant() {
        return false;
    }

    @Override
    public ZoneId zone() {
        return ZONE;
    }

    /** The daily trade bill ({@code bill_date=yyyy-MM-dd}). */
    @Override
    public BillAnswer tradeBill(LocalDate day) {
        Objects.requireNonNull(day, "day must not be null");
        return fetch(day.toString());
    }

    /**
     * The monthly trade bill ({@code bill_date=yyyy-MM}).
     *
     * @param month the month
     * @return the rows, not ready, or why not
     */
    public BillAnswer monthlyTradeBill(YearMonth month) {
        Objects.requireNonNull(month, "month must not be null");
        return fetch(month.toString());
    }

    private BillAnswer fetch(String billDate) {
        ObjectNode biz = JsonNodeFactory.instance.objectNode().put("bill_type", "trade").put("bill_date", billDate);
        AttemptContext context = new AttemptContext("bill:" + billDate, 1, QUERY_TIMEOUT,
                gateway.now().plus(QUERY_TIMEOUT));
        GatewayReply reply = gateway.call(METHOD, biz.toString(), null, context);
        if (reply instanceof GatewayReply.Problem problem) {
            boolean untrusted = problem.failure().reason() == FailureReason.RESPONSE_SIGNATURE_INVALID;
            return new BillAnswer.Failed(untrusted ? BillProblem.UNTRUSTED : BillProblem.NETWORK, true,
                    "bill " + billDate + ": " + problem.failure().providerMessage());
        }
        GatewayReply.Answer answer = (GatewayReply.Answer) reply;
        String subCode = answer.text("sub_code");
        if (!"10000".equals(answer.code())) {
            String detail = "bill " + billDate + ": " + answer.code() + " " + subCode + " " + answer.text("sub_msg");
            if ("isp.bill_not_exist".equals(subCode) || "BILL_NOT_EXIST".equals(subCode)) {
                return new BillAnswer.NotReady(detail);
            }
            boolean transient_ = answer.code().startsWith("2") || (subCode != null && subCode.startsWith("isp.unknow"));
            return new BillAnswer.Failed(transient_ ? BillProblem.NETWORK : BillProblem.REFUSED, transient_, detail);
        }
        if (!answer.signed()) {
            return new BillAnswer.Failed(BillProblem.UNTRUSTED, true, "bill " + billDate + ": unsigned success answer");
        }
        String url = answer.text("bill_download_url");
        HttpUrl parsed;
        try {
            parsed = GatewayUrls.requireHttpsOrLoopback("bill_download_url", url);
        } catch (IllegalArgumentException e) {
            return new BillAnswer.Failed(BillProblem.UNTRUSTED, false, "bill " + billDate + ": " + e.getMessage());
        }
        return download(billDate, parsed);
    }

    private BillAnswer download(String billDate, HttpUrl url) {
        Path file;
        try {
            file = directory == null ? Files.createTempFile("alipay-bill-", ".zip")
                    : Files.createTempFile(directory, "alipay-bill-", ".zip");
        } catch (IOException e) {
            return new BillAnswer.Failed(BillProblem.LOCAL_IO, true, "no temp file for the bill: " + e.getMessage());
        }
        FileDownload.Result result = FileDownload.download(gateway.settings().http().okHttpClient(),
                new Request.Builder().url(url).get().build(), file, MAX_BYTES, DOWNLOAD_TIMEOUT, null);
        if (result instanceof FileDownload.Result.Refused refused) {
            BillFiles.deleteQuietly(file);
            // The download host answers an expired or used URL with an error page (status unclear: docs/bills.md).
            boolean expired = refused.status() == 403 || refused.status() == 404 || refused.status() == 410
                    || refused.bodyPrefix().contains("expire") || refused.bodyPrefix().contains("过期");
            return new BillAnswer.Failed(expired ? BillProblem.URL_EXPIRED : BillProblem.NETWORK, true,
                    "bill " + billDate + ": download answered HTTP " + refused.status());
        }
        if (result instanceof FileDownload.Result.Failed failed) {
            return new BillAnswer.Failed(failed.truncated() ? BillProblem.TRUNCATED : BillProblem.NETWORK, true,
                    "bill " + billDate + ": " + failed.reason());
        }
        try {
            AlipayBillFile.verify(file);
        } catch (AlipayBillException e) {
            BillFiles.deleteQuietly(file);
            log.warn("alipay bill {} rejected: {}", billDate, e.getMessage());
            return new BillAnswer.Failed(e.truncated() ? BillProblem.TRUNCATED : BillProblem.MALFORMED, e.truncated(),
                    "bill " + billDate + ": " + e.getMessage());
        } catch (UncheckedIOException e) {
            BillFiles.deleteQuietly(file);
            return new BillAnswer.Failed(BillProblem.LOCAL_IO, true, "bill " + billDate + ": " + e.getCause().getMessage());
        }
        try {
            return new BillAnswer.Ready(AlipayBillFile.rows(file));
        } catch (UncheckedIOException e) {
            return new BillAnswer.Failed(BillProblem.LOCAL_IO, true, "bill " + billDate + ": " + e.getCause().getMessage());
        }
    }

    @Override
    public String toString() {
        return "AlipayBills[" + merchant() + "]";
    }
}
