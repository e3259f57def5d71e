package dev.resilientpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.Money;
import dev.resilientpay.PaymentClient;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.spi.BillProblem;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.VirtualTime;
import dev.resilientpay.testkit.BillFault;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorPayer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fund-flow bill fetched from the simulator and verified like the trade bill. */
class WechatFundFlowBillTest {

    private static final LocalDate DAY = LocalDate.parse("2025-06-10");

    private final VirtualTime time = new VirtualTime(Instant.parse("2025-06-10T02:00:00Z"));
    private WechatPaySimulator simulator;
    private WechatPayProvider provider;

    @BeforeEach
    void start() {
        simulator = WechatPaySimulator.builder().clock(time.clock()).start();
        provider = WechatPayProvider.create(WechatPayConfig.builder()
                .mchId(simulator.mchId())
                .appId(simulator.appId())
                .merchantPrivateKey(simulator.merchantPrivateKeyPem())
                .merchantSerialNumber(simulator.merchantSerialNumber())
                .apiV3Key(simulator.apiV3Key())
                .wechatPayPublicKey(simulator.publicKeyId(), simulator.platformPublicKeyPem())
                .host(simulator.baseUrl())
                .notifyUrl("https://shop.example.com/notify/wechat")
                .clock(time.clock())
                .build());
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void paymentsAreIncomeAndRefundsExpenseWithARunningBalance() {
        try (PaymentClient client = PaymentClient.builder().provider(provider)
                .ledger(PaymentLedger.inMemory(time.clock(), PaymentLedger.DEFAULT_RETENTION)).timeSource(time).build()) {
            for (int i = 1; i <= 2; i++) {
                String code = "13" + String.format("%016d", 1_000_000_000_000_000L + i);
                simulator.scriptPaymentCode(code, WechatPaySimulatorPayer.paysAtOnce());
                PaymentOutcome paid = client.pay(PaymentRequest.builder().orderId("WX000" + i)
                        .amount(Money.of(i + "0.00", "CNY")).subject("Coffee")
                        .method(new PaymentMethod.PaymentCode(code)).build());
                assertThat(paid).isInstanceOf(PaymentOutcome.Paid.class);
                time.advance(Duration.ofMinutes(30));
            }
        }
        String refundId = simulator.portalRefund("WX0002", 500).outRefundNo();
        time.advance(Duration.ofDays(1));

        for (boolean gzip : new boolean[] {true, false}) {
            WechatFundFlowAnswer answer = provider.bills().gzip(gzip).fundFlowBill(DAY, WechatPayBills.FundAccount.BASIC);

            assertThat(answer).isInstanceOf(WechatFundFlowAnswer.Ready.class);
            List<WechatFundFlowRow> rows = new ArrayList<>();
            try (WechatFundFlowRows it = ((WechatFundFlowAnswer.Ready) answer).rows()) {
                it.forEachRemaining(rows::add);
            }
            assertThat(rows).extracting(WechatFundFlowRow::direction, r -> r.amount().toString(),
                            r -> r.balance().toString(), WechatFundFlowRow::voucherId)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(WechatFundFlowRow.Direction.INCOME,
                                    Money.of("10.00", "CNY").toString(), Money.of("10.00", "CNY").toString(), "WX0001"),
                            org.assertj.core.groups.Tuple.tuple(WechatFundFlowRow.Direction.INCOME,
                                    Money.of("20.00", "CNY").toString(), Money.of("30.00", "CNY").toString(), "WX0002"),
                            org.assertj.core.groups.Tuple.tuple(WechatFundFlowRow.Direction.EXPENSE,
                                    Money.of("5.00", "CNY").toString(), Money.of("25.00", "CNY").toString(), refundId));
        }
    }

    @Test
    void otherAccountsOfTheSimulatorHaveEmptyBills() {
        time.advance(Duration.ofDays(1));
        WechatFundFlowAnswer answer = provider.bills().fundFlowBill(DAY, WechatPayBills.FundAccount.FEES);
        try (WechatFundFlowRows rows = ((WechatFundFlowAnswer.Ready) answer).rows()) {
            assertThat(rows.hasNext()).isFalse();
        }
    }

    @Test
    void faultsAreTypedLikeTheTradeBills() {
        time.advance(Duration.ofDays(1));
        simulator.billFaults().next(BillFault.NOT_READY, BillFault.DIGEST_MISMATCH, BillFault.URL_EXPIRED);
        WechatPayBills bills = provider.bills();

        assertThat(bills.fundFlowBill(DAY, WechatPayBills.FundAccount.BASIC))
                .isInstanceOf(WechatFundFlowAnswer.NotReady.class);
        assertThat(((WechatFundFlowAnswer.Failed) bills.fundFlowBill(DAY, WechatPayBills.FundAccount.BASIC)).problem())
                .isEqualTo(BillProblem.DIGEST_MISMATCH);
        assertThat(((WechatFundFlowAnswer.Failed) bills.fundFlowBill(DAY, WechatPayBills.FundAccount.BASIC)).problem())
                .isEqualTo(BillProblem.URL_EXPIRED);
    }

    @Test
    void todaysBillIsNotReady() {
        assertThat(provider.bills().fundFlowBill(DAY, WechatPayBills.FundAccount.BASIC))
                .isInstanceOf(WechatFundFlowAnswer.NotReady.class);
    }
}
