package dev.resilientpay.testkit.internal.wechat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resilientpay.testkit.BillFault;
import dev.resilientpay.testkit.internal.bills.BillDesk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * {@code GET /v3/bill/tradebill} and the file behind its {@code download_url}: the day's bill made from
 * the simulator's own order book in WeChat Pay's {@code ALL} format (see
 * {@code adapters-wechat/docs/bills.md}): a {@code SUCCESS} row per order paid on the day, a
 * {@code REVOKED} row per reversed one, a {@code REFUND} row per refund that succeeded on the day, then
 * the summary lines. {@code hash_value} is the SHA-1 of the bytes served (gzip ones for
 * {@code tar_type=GZIP}).
 */
public final class BillService {

    /** Path of the download URLs this simulator hands out. */
    public static final String DOWNLOAD_PATH = "/v3/billdownload/file";

    private static final ZoneOffset CHINA = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);
    static final String HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
            + "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
            + "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注";
    static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额";

    private final Merchant merchant;
    private final OrderBook book;
    private final Clock clock;
    private final BillDesk desk = new BillDesk();

    /** A bill service over {@code book}. */
    public BillService(Merchant merchant, OrderBook book, Clock clock) {
        this.merchant = merchant;
        this.book = book;
        this.clock = clock;
    }

    /** The download desk (faults, base URL). */
    public BillDesk desk() {
        return desk;
    }

    /** {@code GET /v3/bill/tradebill?bill_date=…&bill_type=ALL[&tar_type=GZIP]}. */
    public Answer tradeBill(Endpoint endpoint) {
        String type = endpoint.queryParameter("bill_type");
        Answer invalid = type != null && !"ALL".equals(type)
                ? Answer.paramError("bill_type", type, "the simulator serves ALL bills only") : null;
        return billFile(endpoint, invalid, this::bill);
    }

    /**
     * {@code GET /v3/bill/fundflowbill?bill_date=…[&account_type=BASIC][&tar_type=GZIP]}: the basic
     * account's movements of the day from the order book — an income per payment, an expense per refund
     * that succeeded on the day — with a running balance starting at 0; the operation and fees accounts
     * of the simulator never move (their bills have no rows).
     */
    public Answer fundFlowBill(Endpoint endpoint) {
        String account = endpoint.queryParameter("account_type");
        Answer invalid = account != null && !java.util.Set.of("BASIC", "OPERATION", "FEES").contains(account)
                ? Answer.paramError("account_type", account, "must be BASIC, OPERATION or FEES") : null;
        boolean basic = account == null || "BASIC".equals(account);
        return billFile(endpoint, invalid, day -> fundFlow(day, basic));
    }

    /**
     * What both bill APIs answer: {@code bill_date} checked first, then the API's own parameter
     * ({@code invalid}, or null), then {@code tar_type}; a bill not ready (a fault, or today or later) is
     * {@code NO_STATEMENT_EXIST}; else the file is published and its SHA-1 and download URL answered.
     */
    private Answer billFile(Endpoint endpoint, Answer invalid, java.util.function.Function<LocalDate, String> text) {
        String date = endpoint.queryParameter("bill_date");
        String tar = endpoint.queryParameter("tar_type");
        LocalDate day;
        try {
            day = LocalDate.parse(date == null ? "" : date);
        } catch (DateTimeParseException e) {
            return Answer.paramError("bill_date", date, "must be yyyy-MM-dd");
        }
        if (invalid != null) {
            return invalid;
        }
        if (tar != null && !"GZIP".equals(tar)) {
            return Answer.paramError("tar_type", tar, "must be GZIP");
        }
        BillFault fault = desk.faults().take();
        LocalDate today = LocalDate.ofInstant(clock.instant(), CHINA);
        if (fault == BillFault.NOT_READY || !day.isBefore(today)) {
            return Answer.error(400, "NO_STATEMENT_EXIST", "账单文件不存在");
        }
        byte[] plain = text.apply(day).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = tar == null ? plain : gzip(plain);
        String token = desk.publish(bytes, fault);
        ObjectNode json = JsonNodeFactory.instance.objectNode()
                .put("hash_type", "SHA1")
                .put("hash_value", sha1(bytes))
                .put("download_url", desk.baseUrl() + DOWNLOAD_PATH + "?token=" + token);
        return Answer.ok(json);
    }

    static final String FUND_FLOW_HEADER = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额（元）,"
            + "账户结余（元）,资金变更提交申请人,备注,业务凭证号";
    static final String FUND_FLOW_SUMMARY_HEADER = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额";

    /** The fund-flow bill of {@code day} as text; movements in time order. */
    String fundFlow(LocalDate day, boolean basic) {
        java.util.List<String[]> moves = new java.util.ArrayList<>(); // time, business id, name, direction, amount, voucher
        if (basic) {
            book.inspect(orders -> {
                for (OrderRecord order : orders) {
                    if (order.charges > 0 && order.successTime != null && onDay(order.successTime, day)) {
                        moves.add(new String[] {TIME.format(order.successTime), nullToEmpty(order.transactionId), "交易",
                                "收入", yuan(order.total).toPlainString(), order.outTradeNo});
                    }
                    for (RefundRecord refund : order.refunds) {
                        if ("SUCCESS".equals(refund.status) && refund.successTime != null && onDay(refund.successTime, day)) {
                            moves.add(new String[] {TIME.format(refund.successTime), refund.refundId, "退款", "支出",
                                    yuan(refund.amount).toPlainString(), refund.outRefundNo});
                        }
                    }
                }
                return null;
            });
        }
        moves.sort(java.util.Comparator.comparing(m -> m[0]));
        StringBuilder out = new StringBuilder(FUND_FLOW_HEADER).append("\r\n");
        BigDecimal balance = BigDecimal.ZERO.setScale(2);
        BigDecimal income = BigDecimal.ZERO.setScale(2);
        BigDecimal expense = BigDecimal.ZERO.setScale(2);
        int incomes = 0;
        int n = 0;
        for (String[] m : moves) {
            BigDecimal amount = new BigDecimal(m[4]);
            boolean in = "收入".equals(m[3]);
            balance = in ? balance.add(amount) : balance.subtract(amount);
            if (in) {
                income = income.add(amount);
                incomes++;
            } else {
                expense = expense.add(amount);
            }
            n++;
            String flowId = merchant.mchId() + day.toString().replace("-", "") + String.format("%08d", n);
            String[] cells = {m[0], m[1], flowId, m[2], m[2], m[3], m[4], balance.toPlainString(),
                    in ? "system" : merchant.mchId() + "API", "", m[5]};
            for (int i = 0; i < cells.length; i++) {
                out.append(i == 0 ? "`" : ",`").append(cells[i]);
            }
            out.append("\r\n");
        }
        out.append(FUND_FLOW_SUMMARY_HEADER).append("\r\n");
        out.append('`').append(n).append(",`").append(incomes).append(",`").append(income.toPlainString())
                .append(",`").append(n - incomes).append(",`").append(expense.toPlainString()).append("\r\n");
        return out.toString();
    }

    /** The {@code ALL} bill of {@code day} as text. */
    String bill(LocalDate day) {
        StringBuilder out = new StringBuilder(HEADER.length() + 2);
        out.append(HEADER).append("\r\n");
        long[] count = {0};
        BigDecimal[] sums = {BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)};
        book.inspect(orders -> {
            for (OrderRecord order : orders) {
                if (order.charges > 0 && order.successTime != null && onDay(order.successTime, day)) {
                    String state = "REVOKED".equals(order.tradeState) || "CLOSED".equals(order.tradeState)
                            ? "REVOKED" : "SUCCESS";
                    BigDecimal amount = yuan(order.total);
                    row(out, TIME.format(order.successTime), order, state, amount, "", "", BigDecimal.ZERO, "", "", amount,
                            BigDecimal.ZERO);
                    count[0]++;
                    sums[0] = sums[0].add(amount);
                }
                for (RefundRecord refund : order.refunds) {
                    if ("SUCCESS".equals(refund.status) && refund.successTime != null && onDay(refund.successTime, day)) {
                        BigDecimal amount = yuan(refund.amount);
                        row(out, TIME.format(refund.successTime), order, "REFUND", BigDecimal.ZERO.setScale(2),
                                refund.refundId, refund.outRefundNo, amount, "ORIGINAL", "SUCCESS", yuan(order.total), amount);
                        count[0]++;
                        sums[1] = sums[1].add(amount);
                    }
                }
            }
            return null;
        });
        out.append(SUMMARY_HEADER).append("\r\n");
        out.append('`').append(count[0]).append(",`").append(sums[0].toPlainString()).append(",`")
                .append(sums[1].toPlainString()).append(",`0.00,`0.00000,`").append(sums[0].toPlainString())
                .append(",`").append(sums[1].toPlainString()).append("\r\n");
        return out.toString();
    }

    private void row(StringBuilder out, String time, OrderRecord order, String state, BigDecimal settlement,
                     String refundId, String outRefundNo, BigDecimal refundAmount, String refundType,
                     String refundStatus, BigDecimal orderAmount, BigDecimal requestedRefund) {
        String[] cells = {time, merchant.appId(), merchant.mchId(), "0", "", nullToEmpty(order.transactionId),
                order.outTradeNo, nullToEmpty(order.openId), order.tradeType, state, "OTHERS", "CNY",
                settlement.toPlainString(), "0.00", refundId, outRefundNo, refundAmount.setScale(2).toPlainString(),
                "0.00", refundType, refundStatus, "simulated order", "", "0.00000", "0.60%", orderAmount.toPlainString(),
                requestedRefund.setScale(2).toPlainString(), ""};
        for (int i = 0; i < cells.length; i++) {
            out.append(i == 0 ? "`" : ",`").append(cells[i]);
        }
        out.append("\r\n");
    }

    private static boolean onDay(java.time.Instant instant, LocalDate day) {
        return LocalDate.ofInstant(instant, CHINA).equals(day);
    }

    private static BigDecimal yuan(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static byte[] gzip(byte[] text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
