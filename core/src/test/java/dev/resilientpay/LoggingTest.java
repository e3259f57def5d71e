package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.AUTH_CODE;
import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.codePay;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.internal.CallPipeline;
import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.CapturedLogs;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.VirtualTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.event.Level;

class LoggingTest {

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider("alipay");

    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    private List<CapturedLogs.Event> outcomeLines() {
        return CapturedLogs.events().stream().filter(e -> e.logger().equals(CallPipeline.class.getName())).toList();
    }

    @Test
    void mdcNamesProviderOrderAndAttemptDuringTheCallAndIsClearedAfter() {
        provider.onPay(Answers.notSent(FailureReason.NETWORK_ERROR), Answers.awaitingPayer("o-1"));
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        PaymentListener spy = new PaymentListener() {
            @Override
            public void onAttempt(AttemptFinished event) {
                seen.add(MDC.getCopyOfContextMap());
            }
        };

        client(provider, time).listener(spy).build().pay(qrPay("o-1"));

        assertThat(seen).extracting(m -> m.get("payment.attempt")).containsExactly("1", "2");
        assertThat(seen).allSatisfy(m -> {
            assertThat(m).containsEntry("payment.provider", "alipay").containsEntry("payment.orderId", "o-1");
        });
        assertThat(MDC.get("payment.provider")).isNull();
        assertThat(MDC.get("payment.orderId")).isNull();
        assertThat(MDC.get("payment.attempt")).isNull();
    }

    @Test
    void oneInfoLineForTheOutcomeAndOneDebugLinePerAttempt() {
        provider.onPay(Answers.notSent(FailureReason.NETWORK_ERROR), Answers.awaitingPayer("o-1"));

        client(provider, time).build().pay(qrPay("o-1"));

        assertThat(outcomeLines()).singleElement().satisfies(e -> {
            assertThat(e.level()).isEqualTo(Level.INFO);
            assertThat(e.message()).contains("o-1", "AwaitingPayer");
        });
        assertThat(CapturedLogs.events()).filteredOn(e -> e.message().contains(" attempt ") && e.level() == Level.DEBUG)
                .hasSize(2);
    }

    @Test
    void anInDoubtOutcomeIsLoggedAtWarn() {
        provider.onPay(Answers.unknown(FailureReason.TIMEOUT)).onQuery(Answers.unknown(FailureReason.NETWORK_ERROR));

        client(provider, time).build().pay(qrPay("o-1"));

        assertThat(outcomeLines()).singleElement().satisfies(e -> {
            assertThat(e.level()).isEqualTo(Level.WARN);
            assertThat(e.message()).contains("InDoubt(NETWORK_ERROR)");
        });
    }

    @Test
    void aPayersBusinessFailureIsNeverLoggedAsAnError() {
        provider.onPay(Answers.rejected(FailureReason.INSUFFICIENT_FUNDS));

        client(provider, time).build().pay(codePay("o-1"));

        assertThat(CapturedLogs.events()).isNotEmpty().noneMatch(e -> e.level() == Level.ERROR);
        assertThat(outcomeLines()).singleElement().satisfies(e -> assertThat(e.level()).isEqualTo(Level.INFO));
    }

    @Test
    void thePaymentCodeIsNeverLogged() {
        provider.onPay(Answers.notSent(FailureReason.NETWORK_ERROR), Answers.pending())
                .onQuery(Answers.paidStatus("o-1", AMOUNT));

        client(provider, time).build().pay(codePay("o-1"));

        assertThat(CapturedLogs.events()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.message()).doesNotContain(AUTH_CODE);
            assertThat(e.mdc().values()).noneMatch(v -> v.contains(AUTH_CODE));
        });
    }
}
