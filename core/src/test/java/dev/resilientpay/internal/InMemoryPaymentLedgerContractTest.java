package dev.resilientpay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import dev.resilientpay.testing.PaymentLedgerContract;
import dev.resilientpay.testing.VirtualTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryPaymentLedgerContractTest extends PaymentLedgerContract {

    private final VirtualTime time = new VirtualTime();

    @Override
    protected PaymentLedger newLedger() {
        return PaymentLedger.inMemory(time.clock(), Duration.ofDays(1));
    }

    @Override
    protected void advance(Duration by) {
        time.advance(by);
    }

    @Test
    void completedEntriesOlderThanTheRetentionArePurgedAsNewCallsBegin() {
        LedgerEntry old = started(begin("OLD"));
        ledger.complete(old, LedgerState.COMPLETED, paid("OLD"), 1).orElseThrow();
        LedgerEntry doubtful = started(begin("DOUBT"));
        ledger.complete(doubtful, LedgerState.IN_DOUBT, inDoubt("DOUBT"), 1).orElseThrow();
        time.advance(Duration.ofDays(1).plusSeconds(1));

        for (int i = 0; i < 4096; i++) {
            begin("N" + i);
        }

        assertThat(ledger.find(payKey("OLD"))).isEmpty();
        assertThat(ledger.find(payKey("DOUBT"))).as("unresolved entries are never purged").isPresent();
        assertThat(ledger.find(payKey("N0"))).isPresent();
    }
}
