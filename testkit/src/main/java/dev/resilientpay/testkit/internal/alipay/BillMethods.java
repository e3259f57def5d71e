package dev.resilientpay.testkit.internal.alipay;

import dev.resilientpay.testkit.BillFault;
import dev.resilientpay.testkit.internal.bills.BillDesk;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code alipay.data.dataservice.bill.downloadurl.query} ({@code bill_type=trade}) and the bill file
 * it points to: a zip of two GBK CSV files made from the simulator's own trade book, in Alipay's
 * format (see {@code adapters-alipay/docs/bills.md}): {@code 交易} rows for payments finished on the
 * day, {@code 退款} rows for refunds made on the day.
 */
final class BillMethods {

    static final String DOWNLOAD_URL_QUERY = "alipay.data.dataservice.bill.downloadurl.query";
    /** Path of the download URLs this simulator hands out. */
    static final String DOWNLOAD_PATH = "/downloadBillFile.resource";

    private static final Charset GBK = Charset.forName("GBK");
    private static final String RULE = "-----------------------------------------";
    private static final DateTimeFormatter CHINESE_DATE = DateTimeFormatter.ofPattern("yyyy年MM月dd日");

    private final GatewaySettings settings;
    private final BillDesk desk;

    BillMethods(GatewaySettings settings, BillDesk desk) {
        this.settings = settings;
        this.desk = desk;
    }

    GatewayAnswer downloadUrl(TradeBook book, GatewayRequest request) {
        String type = request.biz("bill_type");
        String date = request.biz("bill_date");
        if (!"trade".equals(type) && !"signcustomer".equals(type)) {
            return AnswerNode.businessFailure(DOWNLOAD_URL_QUERY, "INVALID_PARAMETER",
                    "bill_type must be trade or signcustomer").signed();
        }
        LocalDate from;
        LocalDate to;
        try {
            if (date.length() == 7) {
                YearMonth month = YearMonth.parse(date);
                from = month.atDay(1);
                to = month.plusMonths(1).atDay(1);
            } else {
                from = LocalDate.parse(date);
                to = from.plusDays(1);
            }
        } catch (DateTimeParseException e) {
            return AnswerNode.businessFailure(DOWNLOAD_URL_QUERY, "INVALID_PARAMETER",
                    "bill_date must be yyyy-MM-dd or yyyy-MM").signed();
        }
        BillFault fault = desk.faults().take();
        LocalDate today = LocalDate.parse(settings.now().substring(0, 10));
        if (fault == BillFault.NOT_READY || !to.isBefore(today.plusDays(1))) {
            return AnswerNode.businessFailure(DOWNLOAD_URL_QUERY, "isp.bill_not_exist", "账单不存在").signed();
        }
        byte[] zip = zip(book, date, from, to);
        String token = desk.publish(zip, fault);
        String url = desk.baseUrl() + DOWNLOAD_PATH + "?bizType=trade&fileType=csv.zip&bizDates=" + date.replace("-", "")
                + "&downloadFileName=" + settings.appId() + "_" + date.replace("-", "") + ".csv.zip&fileId=" + token;
        return AnswerNode.success(DOWNLOAD_URL_QUERY).put("bill_download_url", url).signed();
    }

    /** The bill archive of {@code [from, to)}. */
    byte[] zip(TradeBook book, String date, LocalDate from, LocalDate to) {
        List<String> rows = new ArrayList<>();
        int[] counts = new int[2];
        BigDecimal[] sums = {BigDecimal.ZERO.setScale(2), BigDecimal.ZERO.setScale(2)};
        for (SimulatedTrade trade : book.tradesLocked()) {
            if (trade.charges > 0 && inRange(trade.paidAt, from, to)) {
                rows.add(row(trade, "交易", trade.totalAmount, trade.totalAmount, trade.paidAt, ""));
                counts[0]++;
                sums[0] = sums[0].add(trade.totalAmount);
            }
            trade.refunds.forEach((requestNo, refund) -> {
                if (inRange(refund.acceptedAt, from, to)) {
                    rows.add(row(trade, "退款", refund.amount.negate(), refund.amount.negate(), refund.acceptedAt,
                            requestNo));
                    counts[1]++;
                    sums[1] = sums[1].add(refund.amount);
                }
            });
        }
        String prefix = GatewaySettings.SELLER_ID + "0156_" + date.replace("-", "");
        String end = settings.now().replace(' ', 'T');
        StringBuilder detail = new StringBuilder(256 + rows.size() * 200);
        line(detail, "#支付宝业务明细查询");
        line(detail, "#账号：[" + GatewaySettings.SELLER_ID + "0156]");
        line(detail, "#起始日期：[" + from.format(CHINESE_DATE) + " 00:00:00]   终止日期：[" + to.format(CHINESE_DATE)
                + " 00:00:00]");
        line(detail, "#" + RULE + "业务明细列表" + RULE);
        line(detail, "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,"
                + "订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,"
                + "券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注");
        rows.forEach(r -> line(detail, r));
        line(detail, "#" + RULE + "业务明细列表结束" + RULE);
        line(detail, "#交易合计：" + counts[0] + "笔，退款合计：" + counts[1] + "笔");
        line(detail, "#导出时间：[" + LocalDate.parse(end.substring(0, 10)).format(CHINESE_DATE) + " "
                + end.substring(11) + "]");
        StringBuilder summary = new StringBuilder();
        line(summary, "#支付宝业务汇总查询");
        line(summary, "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）");
        line(summary, ",,"+ counts[0] + "," + counts[1] + "," + sums[0].subtract(sums[1]).toPlainString() + ","
                + sums[0].subtract(sums[1]).toPlainString());
        line(summary, "#导出时间：[" + LocalDate.parse(end.substring(0, 10)).format(CHINESE_DATE) + " "
                + end.substring(11) + "]");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes, GBK)) {
            entry(zip, prefix + "_业务明细.csv", detail);
            entry(zip, prefix + "_业务明细(汇总).csv", summary);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void entry(ZipOutputStream zip, String name, CharSequence text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Writer writer = new OutputStreamWriter(zip, GBK);
        writer.append(text);
        writer.flush();
        zip.closeEntry();
    }

    private static String row(SimulatedTrade trade, String type, BigDecimal amount, BigDecimal received, String when,
                              String requestNo) {
        // Alipay appends a tab to ids so that spreadsheets keep them as text.
        return trade.tradeNo + "\t," + trade.outTradeNo + "\t," + type + "," + trade.subject.replace('\n', ' ') + ","
                + trade.createdAt + "," + when + ",,,,,159****5620\t," + amount.toPlainString() + ","
                + received.toPlainString() + ",0.00,0.00,0.00,0.00,0.00,,0.00,0.00," + (requestNo.isEmpty() ? ""
                : requestNo + "\t") + ",0.00,0.00,";
    }

    private static boolean inRange(String time, LocalDate from, LocalDate to) {
        if (time == null || time.length() < 10) {
            return false;
        }
        LocalDate day = LocalDate.parse(time.substring(0, 10));
        return !day.isBefore(from) && day.isBefore(to);
    }

    private static void line(StringBuilder out, String text) {
        out.append(text).append("\r\n");
    }
}
