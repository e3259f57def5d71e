package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerKey;
import dev.resilientpay.spi.LedgerState;
import dev.resilientpay.spi.PaymentLedger;
import java.time.Duration;

/** Ledgers holding what a previous run left in doubt. */
final class StartupRecoveryTestSupport {

    private StartupRecoveryTestSupport() {}

    static PaymentLedger ledgerWithInDoubt(String provider, String account, String orderId) {
        PaymentLedger ledger = PaymentLedger.inMemory();
        addInDoubt(ledger, provider, account, orderId);
        return ledger;
    }

    static void addInDoubt(PaymentLedger ledger, String provider, String account, String orderId) {
        PaymentRequest request = PaymentRequest.builder().orderId(orderId).amount(Money.of("5.00", "CNY"))
                .subject("Coffee beans 1 kg").method(new PaymentMethod.QrCode()).build();
        LedgerEntry started = LedgerEntry.start(LedgerKey.payment(provider, account, orderId),
                "fingerprint-of-the-previous-run", request, null, "previous-run", ledger.now());
        LedgerEntry stored = ((PaymentLedger.Begin.Started) ledger.begin(started, Duration.ofSeconds(60))).entry();
        ledger.complete(stored, LedgerState.IN_DOUBT,
                new PaymentOutcome.InDoubt(orderId, Failure.of(FailureReason.TIMEOUT, "response lost")), 1)
                .orElseThrow();
    }
}
