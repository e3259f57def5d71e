package dev.resilientpay.testkit.alipay;

import static dev.resilientpay.testkit.alipay.AlipaySimulatorTradeTest.payBiz;
import static dev.resilientpay.testkit.alipay.AlipaySimulatorTradeTest.ref;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resilientpay.testkit.AlipaySimulator;
import dev.resilientpay.testkit.AlipaySimulatorPayer;
import dev.resilientpay.testkit.AlipaySimulatorRequest;
import dev.resilientpay.testkit.Fault;
import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each fault of the fault plan, and whether the request was processed before it. */
class AlipaySimulatorFaultTest extends SimulatorTestBase {

    private static final String PAY = "alipay.trade.pay";

    private GatewayTestClient.Answer pay(String orderId) {
        return client.call(PAY, payBiz(orderId, simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce()), "8.00"));
    }

    @Test
    void responseLostResetsTheConnectionAfterChargingThePayer() {
        simulator.faults().next(1, Fault.responseLost());

        assertThatThrownBy(() -> pay("f_lost")).isInstanceOf(UncheckedIOException.class);

        assertThat(simulator.order("f_lost").orElseThrow().charges()).isEqualTo(1);
        assertThat(client.call("alipay.trade.query", ref("f_lost")).field("trade_status")).isEqualTo("TRADE_SUCCESS");
        AlipaySimulatorRequest lost = simulator.requests("f_lost").get(0);
        assertThat(lost.fault()).containsInstanceOf(Fault.ResponseLost.class);
        assertThat(lost.processed()).isTrue();
        assertThat(lost.code()).isEqualTo("10000");
    }

    @Test
    void connectionResetChangesNothing() {
        simulator.faults().next(1, Fault.connectionReset());

        assertThatThrownBy(() -> pay("f_reset")).isInstanceOf(UncheckedIOException.class);

        assertThat(simulator.order("f_reset")).isEmpty();
        assertThat(simulator.requests("f_reset")).singleElement().satisfies(r -> {
            assertThat(r.processed()).isFalse();
            assertThat(r.code()).isEmpty();
        });
    }

    @Test
    void delayAnswersNormallyAfterTheDelay() {
        simulator.faults().next(1, Fault.delay(Duration.ofMillis(300)));
        long start = System.nanoTime();

        GatewayTestClient.Answer answer = pay("f_delay");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(answer.code()).isEqualTo("10000");
    }

    @Test
    void delayLongerThanTheClientTimeoutLeavesAProcessedTradeBehind() {
        simulator.faults().next(1, Fault.delay(Duration.ofMillis(1500)));
        GatewayTestClient impatient = new GatewayTestClient(simulator).timeout(Duration.ofMillis(200));

        assertThatThrownBy(() -> impatient.call(PAY,
                payBiz("f_slow", simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce()), "8.00")))
                .hasCauseInstanceOf(HttpTimeoutException.class);

        assertThat(simulator.order("f_slow").orElseThrow().paid()).isTrue();
    }

    @Test
    void httpErrorAnswersTheStatusAndBodyWithoutProcessing() {
        simulator.faults().next(1, Fault.http502Html());

        GatewayTestClient.Answer answer = pay("f_502");

        assertThat(answer.status()).isEqualTo(502);
        assertThat(answer.contentType()).isEqualTo("text/html");
        assertThat(answer.body()).contains("502 Bad Gateway");
        assertThat(simulator.order("f_502")).isEmpty();
    }

    @Test
    void http503WithEmptyBodyChangesNothing() {
        simulator.faults().next(1, Fault.http503Empty());

        GatewayTestClient.Answer answer = pay("f_503");

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).isEmpty();
        assertThat(simulator.order("f_503")).isEmpty();
    }

    @Test
    void rateLimitedAnswers429WithRetryAfterInWholeSeconds() {
        simulator.faults().next(1, Fault.rateLimited(Duration.ofMillis(1500)));

        var response = client.post(simulator.gatewayUrl(), "method=alipay.trade.pay");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void systemErrorIsASignedAcqSystemErrorAndChangesNothing() {
        simulator.faults().next(1, Fault.systemError());

        GatewayTestClient.Answer answer = pay("f_syserr");

        assertThat(answer.code()).isEqualTo("40004");
        assertThat(answer.subCode()).isEqualTo("ACQ.SYSTEM_ERROR");
        assertThat(answer.signatureValid()).isTrue();
        assertThat(simulator.order("f_syserr")).isEmpty();
    }

    @Test
    void systemErrorAfterProcessingLeavesThePaidTradeBehind() {
        simulator.faults().next(1, Fault.systemErrorAfterProcessing());

        GatewayTestClient.Answer answer = pay("f_syserr_done");

        assertThat(answer.subCode()).isEqualTo("ACQ.SYSTEM_ERROR");
        assertThat(simulator.order("f_syserr_done").orElseThrow().paid()).isTrue();
        assertThat(simulator.requests("f_syserr_done").get(0).processed()).isTrue();
    }

    @Test
    void systemErrorCanBeWordedAs20000IspUnknowError() {
        try (AlipaySimulator other = AlipaySimulator.builder().systemErrorAs20000(true).start()) {
            other.faults().next(1, Fault.systemError());

            GatewayTestClient.Answer answer = new GatewayTestClient(other).call("alipay.trade.query", ref("f_20000"));

            assertThat(answer.code()).isEqualTo("20000");
            assertThat(answer.subCode()).isEqualTo("isp.unknow-error");
        }
    }

    @Test
    void systemErrorOfACancelAsksForARetry() {
        simulator.faults().next(1, Fault.systemError());

        GatewayTestClient.Answer answer = client.call("alipay.trade.cancel", ref("f_cancel"));

        assertThat(answer.subCode()).isEqualTo("ACQ.SYSTEM_ERROR");
        assertThat(answer.field("retry_flag")).isEqualTo("Y");
    }

    @Test
    void malformedBodyIsNotJsonButThePaymentWentThrough() {
        simulator.faults().next(1, Fault.malformedBody());

        GatewayTestClient.Answer answer = pay("f_malformed");

        assertThat(answer.status()).isEqualTo(200);
        assertThatThrownBy(() -> new ObjectMapper().readTree(answer.body())).isInstanceOf(Exception.class);
        assertThat(simulator.order("f_malformed").orElseThrow().paid()).isTrue();
    }

    @Test
    void badSignatureAnswersAWellFormedSignatureThatDoesNotVerify() {
        simulator.faults().next(1, Fault.badSignature());

        GatewayTestClient.Answer answer = pay("f_forged");

        assertThat(answer.code()).isEqualTo("10000");
        assertThat(answer.sign()).hasSize(344);
        assertThat(answer.signatureValid()).isFalse();
        assertThat(simulator.order("f_forged").orElseThrow().paid()).isTrue();
    }

    @Test
    void faultsApplyOnlyToTheMethodsTheirPredicateAccepts() {
        simulator.faults().next(1, Fault.systemError(), "alipay.trade.query"::equals);

        assertThat(pay("f_select").code()).isEqualTo("10000");
        assertThat(client.call("alipay.trade.query", ref("f_select")).subCode()).isEqualTo("ACQ.SYSTEM_ERROR");
        assertThat(client.call("alipay.trade.query", ref("f_select")).code()).isEqualTo("10000");
    }

    @Test
    void everyRequestIsRecordedInArrivalOrderWithItsFault() {
        simulator.faults().next(1, Fault.http503Empty());
        pay("f_log");
        pay("f_log");

        List<AlipaySimulatorRequest> requests = simulator.requests("f_log");

        assertThat(requests).extracting(AlipaySimulatorRequest::sequence).containsExactly(1L, 2L);
        assertThat(requests.get(0).fault()).containsInstanceOf(Fault.HttpError.class);
        assertThat(requests.get(1).fault()).isEmpty();
        assertThat(simulator.requestCount("f_log", PAY)).isEqualTo(2);
    }

    @Test
    void randomFaultsAreInjectedAtTheRequestedRateAndRecorded() {
        simulator.faults().randomly(0.5, List.of(Fault.http503Empty()), 7L);

        for (int i = 0; i < 40; i++) {
            client.call("alipay.trade.query", ref("f_random"));
        }

        long faulted = simulator.requests("f_random").stream().filter(r -> r.fault().isPresent()).count();
        assertThat(faulted).isEqualTo(simulator.faults().injectedCount()).isBetween(10L, 30L);
    }

    @Test
    void anIndependentGatewayRefusesAResentPayAsAConsumedCode() {
        simulator.consumePaymentCodes(true);
        String code = simulator.newPaymentCode(AlipaySimulatorPayer.paysAtOnce());
        client.call(PAY, payBiz("f_consumed", code, "8.00"));

        GatewayTestClient.Answer again = client.call(PAY, payBiz("f_consumed", code, "8.00"));

        assertThat(again.subCode()).isEqualTo("ACQ.PAYMENT_AUTH_CODE_INVALID");
        assertThat(simulator.order("f_consumed").orElseThrow().charges()).isEqualTo(1);
    }

    @Test
    void queriesLagAfterAPayWhoseAnswerWasBroken() {
        simulator.lagQueriesAfterFaultedPay(2);
        simulator.faults().next(1, Fault.responseLost());
        assertThatThrownBy(() -> pay("f_lagged")).isInstanceOf(UncheckedIOException.class);

        assertThat(client.call("alipay.trade.query", ref("f_lagged")).subCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        assertThat(client.call("alipay.trade.query", ref("f_lagged")).subCode()).isEqualTo("ACQ.TRADE_NOT_EXIST");
        assertThat(client.call("alipay.trade.query", ref("f_lagged")).field("trade_status")).isEqualTo("TRADE_SUCCESS");
    }

    @Test
    void queriesDoNotLagAfterAPayAnsweredIntact() {
        simulator.lagQueriesAfterFaultedPay(2);
        pay("f_intact");

        assertThat(client.call("alipay.trade.query", ref("f_intact")).field("trade_status")).isEqualTo("TRADE_SUCCESS");
    }
}
