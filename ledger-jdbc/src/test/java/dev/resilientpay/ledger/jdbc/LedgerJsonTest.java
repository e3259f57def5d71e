package dev.resilientpay.ledger.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.Money;
import dev.resilientpay.OperationPolicy;
import dev.resilientpay.Outcome;
import dev.resilientpay.PayerAction;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentOutcome;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.RefundOutcome;
import dev.resilientpay.RefundRequest;
import dev.resilientpay.RefundState;
import dev.resilientpay.RefundStatus;
import dev.resilientpay.testing.PaymentLedgerContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerJsonTest {

    private final LedgerJson json = new LedgerJson();

    @Test
    void everyOutcomeTypeReadsBackEqualAndIsWrittenInTheCurrentFormat() {
        for (Outcome outcome : PaymentLedgerContract.everyOutcome("RT1")) {
            String written = json.write(outcome);

            assertThat(written).startsWith("{\"v\":1,");
            assertThat(json.readOutcome(written)).isEqualTo(outcome);
        }
    }

    @Test
    void aPaymentCodeIsWrittenRedacted() {
        PaymentRequest request = PaymentRequest.builder().orderId("C1").amount(Money.cny(1)).subject("s")
                .method(new PaymentMethod.PaymentCode("284012345678901234")).build();

        String written = json.write(request);

        assertThat(written).doesNotContain("284012345678901234").doesNotContain("12345678").contains("28****************");
        assertThat(json.readPayment(written)).isEqualTo(request.withoutSecrets());
    }

    @Test
    void aPaymentCodeFoundUnredactedInARowIsRedactedOnRead() {
        String tampered = "{\"v\":1,\"type\":\"payment\",\"orderId\":\"C1\",\"amount\":{\"minor\":1,\"currency\":\"CNY\"},"
                + "\"subject\":\"s\",\"method\":{\"type\":\"PAYMENT_CODE\",\"authCode\":\"284012345678901234\"}}";

        PaymentMethod.PaymentCode code = (PaymentMethod.PaymentCode) json.readPayment(tampered).method();

        assertThat(code.isRedacted()).isTrue();
        assertThat(code.authCode()).isEqualTo("28****************");
    }

    @Test
    void aPaymentRequestWrittenByThePreviousFormatStillReads() {
        PaymentRequest request = json.readPayment(fixture("v0-payment-request.json"));
        LedgerJson.StoredRequest stored = json.readRequest(fixture("v0-payment-request.json"), true);

        PaymentRequest expected = PaymentRequest.builder().orderId("OLD-1").amount(Money.cny(4600))
                .subject("Two bags of tea").method(new PaymentMethod.PaymentCode("28****************")).build();
        assertThat(request).isEqualTo(expected);
        assertThat(stored).isEqualTo(new LedgerJson.StoredRequest(expected, null, null));
    }

    @Test
    void aRequestWrittenBeforeRequestsCarriedAPolicyReadsWithoutOne() {
        LedgerJson.StoredRequest stored = json.readRequest(fixture("v1-payment-request.json"), true);

        assertThat(stored.payment().orderId()).isEqualTo("NEW-1");
        assertThat(stored.refund()).isNull();
        assertThat(stored.policy()).isNull();
    }

    @Test
    void theCallsPolicyIsWrittenWithItsRequestInTheCurrentFormatAndReadsBackEqual() {
        PaymentRequest payment = PaymentRequest.builder().orderId("NEW-2").amount(Money.cny(4600)).subject("Tea")
                .method(new PaymentMethod.QrCode()).build();
        RefundRequest refund = RefundRequest.builder().orderId("NEW-2").refundId("NEW-2-R1").amount(Money.cny(100))
                .orderAmount(Money.cny(4600)).build();

        String paymentJson = json.write(payment, policy());
        String refundJson = json.write(refund, policy());

        assertThat(paymentJson).as("the checked-in row").isEqualTo(fixture("v1-payment-request-with-policy.json"));
        assertThat(paymentJson).startsWith("{\"v\":1,").contains("\"attemptTimeout\":\"PT2.5S\"");
        assertThat(json.readRequest(paymentJson, true)).isEqualTo(new LedgerJson.StoredRequest(payment, null, policy()));
        assertThat(json.readPayment(paymentJson)).isEqualTo(payment);
        assertThat(json.readRequest(refundJson, false)).isEqualTo(new LedgerJson.StoredRequest(null, refund, policy()));
        assertThat(json.write(payment, null)).isEqualTo(json.write(payment)).doesNotContain("policy");
    }

    @Test
    void aPolicyThisVersionCannotReadLeavesTheRequestReadableWithoutAPolicy() {
        String valid = fixture("v1-payment-request-with-policy.json");
        for (String unreadable : new String[] {
                valid.replace("\"deadline\":\"PT7S\",", ""),             // a field missing
                valid.replace("\"PT7S\"", "\"seven seconds\""),          // not ISO-8601
                valid.replace("\"maxAttempts\":2", "\"maxAttempts\":0"),   // out of range
                valid.replace("\"maxAttempts\":2", "\"maxAttempts\":\"2\"")}) {
            LedgerJson.StoredRequest stored = json.readRequest(unreadable, true);

            assertThat(stored.payment().orderId()).as(unreadable).isEqualTo("NEW-2");
            assertThat(stored.policy()).as(unreadable).isNull();
        }
    }

    @Test
    void outcomesWrittenByThePreviousFormatStillRead() {
        assertThat(json.readOutcome(fixture("v0-outcome-paid.json"))).isEqualTo(new PaymentOutcome.Paid("OLD-1",
                "2025010122001400001", Money.cny(4600), Instant.parse("2025-01-01T08:00:01Z")));
        assertThat(json.readOutcome(fixture("v0-outcome-failed.json"))).isEqualTo(new PaymentOutcome.Failed("OLD-2",
                new Failure(FailureReason.INSUFFICIENT_FUNDS, "40004", "ACQ.BUYER_BALANCE_NOT_ENOUGH",
                        "balance not enough", null, 0)));
    }

    @Test
    void aRefundRequestWrittenByThePreviousFormatStillReads() {
        RefundRequest expected = RefundRequest.builder()
                .orderId("OLD-1").refundId("OLD-1-R1").amount(Money.cny(100)).orderAmount(Money.cny(4600)).build();

        assertThat(json.readRefund(fixture("v0-refund-request.json"))).isEqualTo(expected);
        assertThat(json.readRequest(fixture("v0-refund-request.json"), false))
                .isEqualTo(new LedgerJson.StoredRequest(null, expected, null));
    }

    @Test
    void checkedInRowsOfTheCurrentFormatRead() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("appId", "wx8888888888888888");
        parameters.put("timeStamp", "1414561699");
        parameters.put("package", "prepay_id=wx201410272009395522657a690389285100");
        parameters.put("signType", "RSA");
        parameters.put("paySign", "oR9d8PuhnIc");

        assertThat(json.readOutcome(fixture("v1-outcome-awaiting-payer.json")))
                .isEqualTo(new PaymentOutcome.AwaitingPayer("NEW-1", new PayerAction.InvokeClient(parameters)));
        assertThat(json.readOutcome(fixture("v1-outcome-refund-processing.json"))).isEqualTo(new RefundOutcome.Processing(
                new RefundStatus("NEW-1", "NEW-1-R1", "50300000012025", Money.cny(100), RefundState.PROCESSING, null,
                        "PROCESSING")));
        assertThat(json.readPayment(fixture("v1-payment-request.json"))).isEqualTo(PaymentRequest.builder()
                .orderId("NEW-1").amount(Money.cny(8888)).subject("茶叶")
                .method(new PaymentMethod.Web(PaymentMethod.Web.Device.MOBILE, "https://shop.example.com/back", "203.0.113.9"))
                .notifyUrl("https://shop.example.com/notify").expiresAt(Instant.parse("2030-01-02T03:04:05Z"))
                .metadata("till", "7").metadata("a", "b").build());
    }

    @Test
    void aFailureReasonThisVersionDoesNotKnowReadsAsAProviderErrorKeepingTheName() {
        String newer = "{\"v\":1,\"type\":\"payment.failed\",\"orderId\":\"N1\",\"failure\":{\"reason\":\"SOMETHING_NEW\","
                + "\"providerMessage\":\"m\",\"attempts\":2}}";

        Failure failure = ((PaymentOutcome.Failed) json.readOutcome(newer)).failure();

        assertThat(failure.reason()).isEqualTo(FailureReason.PROVIDER_ERROR);
        assertThat(failure.providerMessage()).isEqualTo("SOMETHING_NEW: m");
        assertThat(failure.attempts()).isEqualTo(2);
    }

    @Test
    void aRowOfANewerFormatIsRefusedRatherThanMisread() {
        assertThatThrownBy(() -> json.readOutcome("{\"v\":2,\"type\":\"payment.paid\"}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v2");
    }

    private static OperationPolicy policy() {
        return new OperationPolicy(Duration.ofMillis(2500), Duration.ofSeconds(7), 2, Duration.ofMillis(150), 1.5,
                Duration.ofMillis(900), 0.25, Duration.ofMillis(700), Duration.ofSeconds(3));
    }

    private static String fixture(String name) {
        try (InputStream in = LedgerJsonTest.class.getResourceAsStream("/rows/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
