package dev.resilientpay.alipay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.Money;
import dev.resilientpay.spi.BillRow;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Row-by-row parsing of the Alipay 业务明细 CSV, from GBK bytes as the archive holds them. */
class AlipayBillReaderTest {

    private static final String HEAD = """
            #支付宝业务明细查询\r
            #账号：[20881020000000010156]\r
            #起始日期：[2025年06月10日 00:00:00]   终止日期：[2025年06月11日 00:00:00]\r
            #-----------------------------------------业务明细列表----------------------------------------\r
            支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注\r
            """;
    private static final String PAYMENT = "2025061022001400011000000001\t,A1\t,交易,咖啡豆 1kg,2025-06-10 10:00:00,"
            + "2025-06-10 10:00:05,,,,,159****5620\t,88.80,88.80,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,,-0.53,0.00,\r\n";
    private static final String REFUND = "2025061022001400011000000001\t,A1\t,退款,咖啡豆 1kg,2025-06-10 10:00:00,"
            + "2025-06-10 18:30:00,,,,,159****5620\t,-8.80,-8.80,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,R1\t,0.05,0.00,\r\n";

    private static String tail(int payments, int refunds) {
        return "#-----------------------------------------业务明细列表结束------------------------------------\r\n"
                + "#交易合计：" + payments + "笔，退款合计：" + refunds + "笔\r\n"
                + "#导出时间：[2025年06月11日 09:12:01]\r\n";
    }

    private static AlipayBillReader reader(String text) {
        byte[] gbk = text.getBytes(AlipayBillFile.GBK);
        return new AlipayBillReader(new BufferedReader(new InputStreamReader(new ByteArrayInputStream(gbk),
                AlipayBillFile.GBK)));
    }

    private static List<BillRow> readAll(AlipayBillReader reader) {
        List<BillRow> rows = new ArrayList<>();
        reader.forEachRemaining(rows::add);
        reader.check();
        return rows;
    }

    @Test
    void paymentRowsAreReadFromGbkWithTabsTrimmed() {
        List<BillRow> rows = readAll(reader(HEAD + PAYMENT + tail(1, 0)));
        assertThat(rows).containsExactly(new BillRow(BillRow.Type.PAYMENT, "A1", "2025061022001400011000000001", null,
                null, Money.of("88.80", "CNY"), Instant.parse("2025-06-10T02:00:05Z"), "交易"));
    }

    @Test
    void refundRowsCarryTheRequestNumberAndAPositiveAmount() {
        List<BillRow> rows = readAll(reader(HEAD + PAYMENT + REFUND + tail(1, 1)));
        assertThat(rows.get(1).type()).isEqualTo(BillRow.Type.REFUND);
        assertThat(rows.get(1).refundId()).isEqualTo("R1");
        assertThat(rows.get(1).amount()).isEqualTo(Money.of("8.80", "CNY"));
        assertThat(rows.get(1).time()).isEqualTo(Instant.parse("2025-06-10T10:30:00Z"));
    }

    @Test
    void aRefundWithoutRequestNumberIsKeyedByTheOrder() {
        List<BillRow> rows = readAll(reader(HEAD + REFUND.replace("R1\t", "") + tail(0, 1)));
        assertThat(rows.get(0).refundId()).isEqualTo("A1");
    }

    @Test
    void anEmptyDayHasHeaderAndSummaryOnly() {
        assertThat(readAll(reader(HEAD + tail(0, 0)))).isEmpty();
    }

    @Test
    void commasInTheSubjectAreFoldedBackIntoIt() {
        List<BillRow> rows = readAll(reader(HEAD + PAYMENT.replace("咖啡豆 1kg", "咖啡豆, 1kg, 深烘") + tail(1, 0)));
        assertThat(rows.get(0).amount()).isEqualTo(Money.of("88.80", "CNY"));
    }

    @Test
    void otherBusinessTypesAreSkippedAndCounted() {
        AlipayBillReader reader = reader(HEAD + PAYMENT.replace(",交易,", ",冻结,") + PAYMENT + tail(1, 0));
        assertThat(readAll(reader)).hasSize(1);
        assertThat(reader.skipped()).isEqualTo(1);
    }

    @Test
    void aSummaryThatDisagreesWithTheRowsIsMalformed() {
        AlipayBillReader reader = reader(HEAD + PAYMENT + tail(2, 0));
        reader.forEachRemaining(row -> { });
        assertThatThrownBy(reader::check).isInstanceOfSatisfying(AlipayBillException.class,
                e -> assertThat(e.truncated()).isFalse()).hasMessageContaining("summary says 2 payments");
    }

    @Test
    void aFileWithoutItsSummaryIsTruncated() {
        AlipayBillReader reader = reader(HEAD + PAYMENT);
        reader.forEachRemaining(row -> { });
        assertThatThrownBy(reader::check).isInstanceOfSatisfying(AlipayBillException.class,
                e -> assertThat(e.truncated()).isTrue());
    }

    @Test
    void aRowCutShortIsTruncated() {
        String cut = PAYMENT.substring(0, 60) + "\r\n";
        assertThatThrownBy(() -> readAll(reader(HEAD + cut))).isInstanceOfSatisfying(AlipayBillException.class,
                e -> assertThat(e.truncated()).isTrue());
    }

    @Test
    void aBadAmountNamesTheLineAndColumn() {
        assertThatThrownBy(() -> readAll(reader(HEAD + PAYMENT.replace("88.80,88.80", "abc,88.80") + tail(1, 0))))
                .isInstanceOf(AlipayBillException.class).hasMessageContaining("line 6").hasMessageContaining("订单金额");
    }
}
