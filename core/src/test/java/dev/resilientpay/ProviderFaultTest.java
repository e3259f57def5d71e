package dev.resilientpay;

import static dev.resilientpay.Fixtures.AMOUNT;
import static dev.resilientpay.Fixtures.client;
import static dev.resilientpay.Fixtures.qrPay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.testing.Answers;
import dev.resilientpay.testing.CapturedLogs;
import dev.resilientpay.testing.ScriptedProvider;
import dev.resilientpay.testing.ScriptedProvider.Endpoint;
import dev.resilientpay.testing.VirtualTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class ProviderFaultTest {

    private final VirtualTime time = new VirtualTime();
    private final ScriptedProvider provider = new ScriptedProvider();

    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    @Test
    void anAdapterExceptionDoesNotEscapeAndIsReadAsUnknown() {
        provider.onPay(context -> {
            throw new IllegalStateException("adapter bug");
        }).onQuery(Answers.paidStatus("o-1", AMOUNT));

        PaymentOutcome outcome = client(provider, time).build().pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Paid.class);
        assertThat(provider.executions(Endpoint.QUERY)).isEqualTo(1);
    }

    @Test
    void anAdapterExceptionIsLoggedOnceWithItsStackTrace() {
        provider.onPay(context -> {
            throw new IllegalStateException("adapter bug");
        }).onQuery(Answers.paidStatus("o-1", AMOUNT));

        client(provider, time).build().pay(qrPay("o-1"));

        assertThat(CapturedLogs.events()).filteredOn(e -> e.thrown() != null).singleElement().satisfies(e -> {
            assertThat(e.level()).isEqualTo(Level.WARN);
            assertThat(e.thrown()).hasMessage("adapter bug");
        });
    }

    @Test
    void anAdapterThatAlwaysThrowsEndsInDoubtNotInAnException() {
        provider.add(Endpoint.PAY, context -> {
            throw new IllegalStateException("adapter bug");
        });
        provider.add(Endpoint.QUERY, context -> {
            throw new NullPointerException("adapter bug");
        });

        PaymentOutcome outcome = client(provider, time).build().pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOfSatisfying(PaymentOutcome.InDoubt.class,
                d -> assertThat(d.lastFailure().reason()).isEqualTo(FailureReason.PROVIDER_ERROR));
    }

    @Test
    void anAdapterReturningNothingIsReadAsUnknown() {
        provider.onPay(context -> null).onQuery(Answers.status("o-1", TradeState.CLOSED));

        PaymentOutcome outcome = client(provider, time).build().pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.Failed.class);
        assertThat(provider.executions(Endpoint.QUERY)).isEqualTo(1);
    }

    @Test
    void aThrowingListenerIsLoggedAndIgnored() {
        provider.onPay(Answers.awaitingPayer("o-1"));
        PaymentListener broken = new PaymentListener() {
            @Override
            public void onAttempt(AttemptFinished event) {
                throw new IllegalStateException("metrics down");
            }

            @Override
            public void onOutcome(CallFinished event) {
                throw new IllegalStateException("metrics down");
            }
        };
        Fixtures.RecordingListener after = new Fixtures.RecordingListener();

        PaymentOutcome outcome = client(provider, time).listener(broken).listener(after).build().pay(qrPay("o-1"));

        assertThat(outcome).isInstanceOf(PaymentOutcome.AwaitingPayer.class);
        assertThat(after.outcomes).hasSize(1);
        assertThat(CapturedLogs.events()).filteredOn(e -> e.message().contains("listener")).hasSize(2)
                .allSatisfy(e -> assertThat(e.level()).isEqualTo(Level.WARN));
    }
}
