package dev.resilientpay;

import static dev.resilientpay.Fixtures.AUTH_CODE;
import static dev.resilientpay.Fixtures.codePay;
import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.internal.RequestFingerprint;
import dev.resilientpay.spi.LedgerEntry;
import dev.resilientpay.spi.LedgerState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void thePaymentCodeIsNotInTheRequestsToString() {
        PaymentRequest request = codePay("o-1");

        assertThat(request.toString()).doesNotContain(AUTH_CODE).contains("2876…(18)");
    }

    @Test
    void thePaymentCodeIsNotInALedgerEntrysToString() {
        PaymentRequest request = codePay("o-1");
        LedgerEntry entry = LedgerEntry.start(Fixtures.payKey("o-1"), RequestFingerprint.of(request), request, null,
                "instance-1", Instant.EPOCH);

        assertThat(entry.toString()).doesNotContain(AUTH_CODE);
        assertThat(entry.payment().toString()).doesNotContain(AUTH_CODE);
        assertThat(((PaymentMethod.PaymentCode) entry.payment().method()).authCode()).doesNotContain(AUTH_CODE.substring(2));
    }

    @Test
    void theFingerprintLeavesThePaymentCodeOutButNotTheAmount() {
        PaymentRequest request = codePay("o-1");
        PaymentRequest otherCode = PaymentRequest.builder().orderId("o-1").amount(request.amount()).subject("Coffee")
                .method(new PaymentMethod.PaymentCode("134567890123456789")).build();
        PaymentRequest otherAmount = PaymentRequest.builder().orderId("o-1").amount(Money.cny(1)).subject("Coffee")
                .method(request.method()).build();

        assertThat(RequestFingerprint.of(otherCode)).isEqualTo(RequestFingerprint.of(request));
        assertThat(RequestFingerprint.of(otherAmount)).isNotEqualTo(RequestFingerprint.of(request));
        assertThat(RequestFingerprint.of(request)).doesNotContain(AUTH_CODE).hasSize(64);
    }

    @Test
    void theFingerprintTellsPayersApart() {
        PaymentRequest alice = PaymentRequest.builder().orderId("o-1").amount(Money.cny(100)).subject("Tea")
                .method(new PaymentMethod.InApp("openid-alice")).build();
        PaymentRequest bob = PaymentRequest.builder().orderId("o-1").amount(Money.cny(100)).subject("Tea")
                .method(new PaymentMethod.InApp("openid-bob")).build();

        assertThat(RequestFingerprint.of(alice)).isNotEqualTo(RequestFingerprint.of(bob));
    }
}
