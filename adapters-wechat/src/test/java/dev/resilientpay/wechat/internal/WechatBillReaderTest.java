package dev.resilientpay.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.Money;
import dev.resilientpay.spi.BillRow;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Row-by-row parsing of the WeChat Pay ALL trade bill (backtick cells, summary lines). */
class WechatBillReaderTest {

    private static final String HEADER = "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
            + "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
            + "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\r\n";
    private static final String SUMMARY_HEADER = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\r\n";
    private static final String PAID = "`2025-06-10 10:00:05,`wx8888888888888888,`1900000109,`0,`,`4200000001202506100000000001,"
            + "`WX0001,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`MICROPAY,`SUCCESS,`OTHERS,`CNY,`88.80,`0.00,`,`,`0.00,`0.00,`,`,"
            + "`咖啡豆,`,`0.53000,`0.60%,`88.80,`0.00,`\r\n";
    private static final String REFUND = "`2025-06-10 18:30:00,`wx8888888888888888,`1900000109,`0,`,`4200000001202506100000000001,"
            + "`WX0001,`oUpF8uMuAJO_M2pxb1Q9zNjWeS6o,`MICROPAY,`REFUND,`OTHERS,`CNY,`0.00,`0.00,`50000000382019052709732678859,"
            + "`WR1,`8.80,`0.00,`ORIGINAL,`SUCCESS,`咖啡豆,`,`-0.05000,`0.60%,`88.80,`8.80,`\r\n";

    private static WechatBillReader reader(String text) {
        return new WechatBillReader(new BufferedReader(new StringReader(text)));
    }

    private static List<BillRow> readAll(WechatBillReader reader) {
        List<BillRow> rows = new ArrayList<>();
        reader.forEachRemaining(rows::add);
        reader.check();
        return rows;
    }

    @Test
    void paymentAndRefundRowsAreRead() {
        List<BillRow> rows = readAll(reader(HEADER + PAID + REFUND + SUMMARY_HEADER
                + "`2,`88.80,`8.80,`0.00,`0.48000,`88.80,`8.80\r\n"));
        assertThat(rows).containsExactly(
                new BillRow(BillRow.Type.PAYMENT, "WX0001", "4200000001202506100000000001", null, null,
                        Money.of("88.80", "CNY"), Instant.parse("2025-06-10T02:00:05Z"), "SUCCESS"),
                new BillRow(BillRow.Type.REFUND, "WX0001", "4200000001202506100000000001", "WR1",
                        "50000000382019052709732678859", Money.of("8.80", "CNY"), Instant.parse("2025-06-10T10:30:00Z"),
                        "REFUND"));
    }

    @Test
    void aRevokedPaymentIsAReversal() {
        List<BillRow> rows = readAll(reader(HEADER + PAID.replace("`SUCCESS", "`REVOKED") + SUMMARY_HEADER
                + "`1,`88.80,`0.00,`0.00,`0.53000,`88.80,`0.00\r\n"));
        assertThat(rows.get(0).type()).isEqualTo(BillRow.Type.REVERSAL);
    }

    @Test
    void anEmptyDayHasHeaderAndAZeroSummary() {
        assertThat(readAll(reader(HEADER + SUMMARY_HEADER + "`0,`0.00,`0.00,`0.00,`0.00000,`0.00,`0.00\r\n"))).isEmpty();
    }

    @Test
    void aCommaInTheProductNameStaysInTheCell() {
        List<BillRow> rows = readAll(reader(HEADER + PAID.replace("`咖啡豆,", "`咖啡豆, 深烘,") + SUMMARY_HEADER
                + "`1,`88.80,`0.00,`0.00,`0.53000,`88.80,`0.00\r\n"));
        assertThat(rows).hasSize(1);
    }

    @Test
    void aCountThatDisagreesIsMalformed() {
        WechatBillReader reader = reader(HEADER + PAID + SUMMARY_HEADER + "`2,`88.80,`0.00,`0.00,`0.53000,`88.80,`0.00\r\n");
        reader.forEachRemaining(row -> { });
        assertThatThrownBy(reader::check).isInstanceOf(WechatBillException.class).hasMessageContaining("总交易单数");
    }

    @Test
    void aTotalThatDisagreesIsMalformed() {
        WechatBillReader reader = reader(HEADER + PAID + SUMMARY_HEADER + "`1,`88.81,`0.00,`0.00,`0.53000,`88.80,`0.00\r\n");
        reader.forEachRemaining(row -> { });
        assertThatThrownBy(reader::check).isInstanceOf(WechatBillException.class).hasMessageContaining("应结订单总金额");
    }

    @Test
    void aBillWithoutSummaryIsTruncated() {
        WechatBillReader reader = reader(HEADER + PAID);
        reader.forEachRemaining(row -> { });
        assertThatThrownBy(reader::check).isInstanceOfSatisfying(WechatBillException.class,
                e -> assertThat(e.truncated()).isTrue());
    }

    @Test
    void aRowWithMissingCellsIsTruncated() {
        assertThatThrownBy(() -> readAll(reader(HEADER + PAID.substring(0, 80) + "\r\n")))
                .isInstanceOfSatisfying(WechatBillException.class, e -> assertThat(e.truncated()).isTrue());
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        assertThat(readAll(reader("\uFEFF" + HEADER + SUMMARY_HEADER + "`0,`0.00,`0.00,`0.00,`0.00000,`0.00,`0.00\r\n")))
                .isEmpty();
    }
}
