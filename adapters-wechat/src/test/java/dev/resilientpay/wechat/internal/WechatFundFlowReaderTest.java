package dev.resilientpay.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.Money;
import dev.resilientpay.wechat.WechatFundFlowRow;
import java.io.BufferedReader;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Row-by-row parsing of the WeChat Pay fund-flow bill (资金账单). */
class WechatFundFlowReaderTest {

    // The layout of WeChat Pay's published sample (header names with their unit, backtick cells, summary).
    private static final String HEADER = "记账时间,微信支付业务单号,资金流水单号,业务名称,业务类型,收支类型,收支金额（元）,"
            + "账户结余（元）,资金变更提交申请人,备注,业务凭证号\r\n";
    private static final String INCOME = "`2025-06-10 10:00:05,`4200000001202506100000000001,`1900000109202506100000001,"
            + "`交易,`交易,`收入,`88.80,`88.97,`system,`,`WX0001\r\n";
    private static final String REFUND = "`2018-02-01 04:21:23,`50000305742018020103387128253,`1900009231201802015884652186,"
            + "`退款,`退款,`支出,`0.02,`0.17,`system,`缺货,`REF4200000068201801293084726067\r\n";
    private static final String SUMMARY_HEADER = "资金流水总笔数,收入笔数,收入金额,支出笔数,支出金额\r\n";

    private static WechatFundFlowReader reader(String text) {
        return new WechatFundFlowReader(new BufferedReader(new StringReader(text)));
    }

    private static List<WechatFundFlowRow> readAll(WechatFundFlowReader reader) {
        List<WechatFundFlowRow> rows = new ArrayList<>();
        reader.forEachRemaining(rows::add);
        reader.check();
        return rows;
    }

    @Test
    void incomeAndExpenseRowsAreReadWithEveryColumn() {
        List<WechatFundFlowRow> rows = readAll(reader(HEADER + INCOME + REFUND + SUMMARY_HEADER
                + "`2,`1,`88.80,`1,`0.02\r\n"));

        assertThat(rows).hasSize(2);
        WechatFundFlowRow refund = rows.get(1);
        assertThat(refund.bookedAt()).isEqualTo(Instant.parse("2018-01-31T20:21:23Z"));
        assertThat(refund.businessId()).isEqualTo("50000305742018020103387128253");
        assertThat(refund.flowId()).isEqualTo("1900009231201802015884652186");
        assertThat(refund.businessName()).isEqualTo("退款");
        assertThat(refund.businessType()).isEqualTo("退款");
        assertThat(refund.direction()).isEqualTo(WechatFundFlowRow.Direction.EXPENSE);
        assertThat(refund.amount()).isEqualTo(Money.of("0.02", "CNY"));
        assertThat(refund.balance()).isEqualTo(Money.of("0.17", "CNY"));
        assertThat(refund.appliedBy()).isEqualTo("system");
        assertThat(refund.remark()).isEqualTo("缺货");
        assertThat(refund.voucherId()).isEqualTo("REF4200000068201801293084726067");
        assertThat(rows.get(0).direction()).isEqualTo(WechatFundFlowRow.Direction.INCOME);
    }

    @Test
    void countsWrittenAsDecimalsAreAccepted() {
        assertThat(readAll(reader(HEADER + REFUND + SUMMARY_HEADER + "`1.0,`0.0,`0.00,`1.0,`0.02\r\n"))).hasSize(1);
    }

    @Test
    void emptyDayHasOnlyHeaderAndSummary() {
        assertThat(readAll(reader("\uFEFF" + HEADER + SUMMARY_HEADER + "`0,`0,`0.00,`0,`0.00\r\n"))).isEmpty();
    }

    @Test
    void summaryCountThatDisagreesIsMalformed() {
        WechatFundFlowReader reader = reader(HEADER + INCOME + SUMMARY_HEADER + "`2,`1,`88.80,`0,`0.00\r\n");
        reader.forEachRemaining(r -> { });
        assertThatThrownBy(reader::check).isInstanceOf(WechatBillException.class)
                .hasMessageContaining("资金流水总笔数 is 2, the bill has 1")
                .satisfies(e -> assertThat(((WechatBillException) e).truncated()).isFalse());
    }

    @Test
    void expenseTotalThatDisagreesIsMalformed() {
        WechatFundFlowReader reader = reader(HEADER + REFUND + SUMMARY_HEADER + "`1,`0,`0.00,`1,`0.20\r\n");
        reader.forEachRemaining(r -> { });
        assertThatThrownBy(reader::check).isInstanceOf(WechatBillException.class).hasMessageContaining("支出金额");
    }

    @Test
    void billWithoutSummaryIsTruncated() {
        WechatFundFlowReader reader = reader(HEADER + INCOME);
        reader.forEachRemaining(r -> { });
        assertThatThrownBy(reader::check).isInstanceOf(WechatBillException.class)
                .satisfies(e -> assertThat(((WechatBillException) e).truncated()).isTrue());
    }

    @Test
    void unknownDirectionIsRejectedNamingTheColumn() {
        assertThatThrownBy(() -> reader(HEADER + INCOME.replace("`收入", "`其他")))
                .isInstanceOf(WechatBillException.class).hasMessageContaining("收支类型 '其他'");
    }

    @Test
    void headerWithoutTheAmountColumnIsRejected() {
        assertThatThrownBy(() -> reader(HEADER.replace("收支金额（元）", "金额") + SUMMARY_HEADER))
                .isInstanceOf(WechatBillException.class).hasMessageContaining("收支金额");
    }
}
