package dev.resilientpay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PaymentRouterTest {

    private static final String ALIPAY_CODE = "287634438256643941";
    private static final String WECHAT_CODE = "134567890123456789";
    private static final Money AMOUNT = Money.cny(2350);

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider alipay = new ScriptedProvider("alipay");
    private final ScriptedProvider wechat = new ScriptedProvider("wechat");
    private final PaymentClient alipayClient = PaymentClient.builder().provider(alipay).timeSource(time).build();
    private final PaymentClient wechatClient = PaymentClient.builder().provider(wechat).timeSource(time).build();
    private final PaymentRouter till = PaymentRouter.of(alipayClient, wechatClient);

    @AfterEach
    void close() {
        alipayClient.close();
        wechatClient.close();
    }

    @Test
    void alipayCodeIsPaidThroughTheAlipayClientOnly() {
        alipay.onPay(Answers.paid("T1", AMOUNT));

        PaymentOutcome outcome = till.pay(codePay("T1", ALIPAY_CODE));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(alipay.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(wechat.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void wechatCodeIsPaidThroughTheWechatClientOnly() {
        wechat.onPay(Answers.paid("T2", AMOUNT));

        PaymentOutcome outcome = till.pay(codePay("T2", WECHAT_CODE), Policies.defaults().of(Operation.PAY_BY_CODE));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(wechat.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(alipay.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void payAsyncRoutesTheCodeToItsWalletsClient() throws Exception {
        wechat.onPay(Answers.paid("T4", AMOUNT));

        PaymentOutcome outcome = till.payAsync(codePay("T4", WECHAT_CODE)).get(10, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(wechat.executions(Endpoint.PAY)).isEqualTo(1);
        assertThat(alipay.executions(Endpoint.PAY)).isZero();
        assertThatThrownBy(() -> till.payAsync(codePay("T5", "620000000000000000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authCode");
    }

    @Test
    void codeOfNeitherWalletIsRejectedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> till.pay(codePay("T3", "620000000000000000")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("authCode");

        assertThat(alipay.executions(Endpoint.PAY) + wechat.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void codeOfAWalletWithoutAClientIsRejectedNamingTheMissingProvider() {
        PaymentRouter alipayOnly = PaymentRouter.of(List.of(alipayClient));

        assertThatThrownBy(() -> alipayOnly.pay(codePay("T4", WECHAT_CODE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("authCode is a wechat payment code")
                .hasMessageContaining("[alipay]");
        assertThat(wechat.executions(Endpoint.PAY)).isZero();
    }

    @Test
    void otherMethodsAreNotRoutedAndNeedAnExplicitProvider() {
        PaymentRequest qr = PaymentRequest.builder().orderId("T5").amount(AMOUNT).subject("Flat white")
                .method(new PaymentMethod.QrCode()).build();
        wechat.onPay(Answers.awaitingPayer("T5"));

        assertThatThrownBy(() -> till.pay(qr))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("method must be PaymentCode")
                .hasMessageContaining("client(provider)");
        assertThat(till.client("wechat").pay(qr)).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
    }

    @Test
    void clientsAreFoundByProviderOrByCode() {
        assertThat(till.client("alipay")).isSameAs(alipayClient);
        assertThat(till.clientForCode(WECHAT_CODE)).isSameAs(wechatClient);
        assertThat(till.providers()).containsExactly("alipay", "wechat");
        assertThatThrownBy(() -> till.client("unionpay"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provider must be one of [alipay, wechat]");
        assertThatThrownBy(() -> till.client(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void routerNeedsOneClientPerProvider() {
        PaymentClient second = PaymentClient.builder().provider(new ScriptedProvider("alipay")).build();
        try {
            assertThatThrownBy(() -> PaymentRouter.of(alipayClient, second))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two for 'alipay'");
        } finally {
            second.close();
        }
        assertThatThrownBy(() -> PaymentRouter.of(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clients");
        assertThatThrownBy(() -> PaymentRouter.of(alipayClient, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clients");
        assertThatThrownBy(() -> till.pay(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request");
    }

    private static PaymentRequest codePay(String orderId, String code) {
        return PaymentRequest.builder().orderId(orderId).amount(AMOUNT).subject("Flat white")
                .method(new PaymentMethod.PaymentCode(code)).build();
    }
}
