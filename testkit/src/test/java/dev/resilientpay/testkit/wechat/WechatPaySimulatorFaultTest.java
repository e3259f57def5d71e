package dev.resilientpay.testkit.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorExtension;
import dev.resilientpay.testkit.WechatPaySimulatorRequest;
import java.io.IOException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WechatPaySimulatorFaultTest {

    @RegisterExtension
    static final WechatPaySimulatorExtension wechat = new WechatPaySimulatorExtension();

    private WechatPaySimulator sim() {
        return wechat.simulator();
    }

    private PublicKey platformKey() {
        return V3Client.publicKey(sim().platformPublicKeyPem());
    }

    private V3Client.Response prepay(String outTradeNo) throws IOException {
        return new V3Client(sim()).post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), outTradeNo, 100));
    }

    @Test
    void delayAnswersNormallyButLate() throws Exception {
        sim().faults().next(1, Fault.delay(Duration.ofMillis(300)));

        long started = System.nanoTime();
        V3Client.Response response = prepay("FLT-DELAY-1");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.verifiesWith(platformKey())).isTrue();
        assertThat(sim().order("FLT-DELAY-1")).isPresent();
    }

    @Test
    void connectionResetDropsTheRequestUnprocessed() {
        sim().faults().next(1, Fault.connectionReset());

        assertThatThrownBy(() -> prepay("FLT-RESET-1")).isInstanceOf(IOException.class);
        assertThat(sim().order("FLT-RESET-1")).isEmpty();
        assertThat(sim().requests()).singleElement().satisfies(r -> {
            assertThat(r.fault()).isEqualTo("ConnectionReset");
            assertThat(r.status()).isZero();
            assertThat(r.outTradeNo()).isEqualTo("FLT-RESET-1");
        });
    }

    @Test
    void responseLostProcessesTheRequestThenResets() {
        sim().faults().next(1, Fault.responseLost());

        assertThatThrownBy(() -> prepay("FLT-LOST-1")).isInstanceOf(IOException.class);
        assertThat(sim().order("FLT-LOST-1")).isPresent();
        assertThat(sim().requests()).singleElement().satisfies(r -> assertThat(r.fault()).isEqualTo("ResponseLost"));
    }

    @Test
    void http500JsonIsUnsignedAndUnprocessed() throws Exception {
        sim().faults().next(1, Fault.http500());

        V3Client.Response response = prepay("FLT-500-1");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.code()).isEqualTo("SYSTEM_ERROR");
        assertThat(response.header("Wechatpay-Signature")).isNull();
        assertThat(response.header("Request-ID")).isNotEmpty();
        assertThat(sim().order("FLT-500-1")).isEmpty();
    }

    @Test
    void http502IsAnHtmlPage() throws Exception {
        sim().faults().next(1, Fault.http502Html());

        V3Client.Response response = prepay("FLT-502-1");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.header("Content-Type")).startsWith("text/html");
        assertThat(response.text()).contains("<html>");
        assertThat(sim().order("FLT-502-1")).isEmpty();
    }

    @Test
    void http503HasAnEmptyBody() throws Exception {
        sim().faults().next(1, Fault.http503Empty());

        V3Client.Response response = prepay("FLT-503-1");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body()).isEmpty();
        assertThat(sim().order("FLT-503-1")).isEmpty();
    }

    @Test
    void rateLimitedIs429FrequencyLimitedWithRetryAfterInWholeSeconds() throws Exception {
        sim().faults().next(1, Fault.rateLimited(Duration.ofMillis(1500)));

        V3Client.Response response = prepay("FLT-429-1");

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.code()).isEqualTo("FREQUENCY_LIMITED");
        assertThat(response.header("Retry-After")).isEqualTo("2");
        assertThat(response.verifiesWith(platformKey())).isTrue();
        assertThat(sim().order("FLT-429-1")).isEmpty();
    }

    @Test
    void systemErrorIsSignedAndLeavesTheOrderUncreated() throws Exception {
        sim().faults().next(1, Fault.systemError());

        V3Client.Response response = prepay("FLT-SYS-1");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.code()).isEqualTo("SYSTEM_ERROR");
        assertThat(response.verifiesWith(platformKey())).isTrue();
        assertThat(sim().order("FLT-SYS-1")).isEmpty();
    }

    @Test
    void systemErrorAfterProcessingHasCreatedTheOrder() throws Exception {
        sim().faults().next(1, Fault.systemErrorAfterProcessing());

        V3Client.Response response = prepay("FLT-SYS-2");

        assertThat(response.code()).isEqualTo("SYSTEM_ERROR");
        assertThat(sim().order("FLT-SYS-2")).isPresent();
    }

    @Test
    void malformedBodyIsSignedButNotJson() throws Exception {
        sim().faults().next(1, Fault.malformedBody());

        V3Client.Response response = prepay("FLT-MALFORMED-1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.verifiesWith(platformKey())).isTrue();
        assertThatThrownBy(response::json).hasRootCauseInstanceOf(com.fasterxml.jackson.core.JsonParseException.class);
        assertThat(sim().order("FLT-MALFORMED-1")).isPresent();
    }

    @Test
    void badSignatureDoesNotVerifyButTheRequestWasProcessed() throws Exception {
        sim().faults().next(1, Fault.badSignature());

        V3Client.Response response = prepay("FLT-BADSIG-1");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Wechatpay-Serial")).isEqualTo(sim().publicKeyId());
        assertThat(response.verifiesWith(platformKey())).isFalse();
        assertThat(sim().order("FLT-BADSIG-1")).isPresent();
    }

    @Test
    void staleTimestampIsCorrectlySignedButTenMinutesOld() throws Exception {
        sim().faults().next(1, Fault.staleTimestamp());

        V3Client.Response response = prepay("FLT-STALE-1");

        assertThat(response.verifiesWith(platformKey())).isTrue();
        assertThat(Instant.now().getEpochSecond() - response.timestamp()).isBetween(595L, 605L);
        assertThat(sim().order("FLT-STALE-1")).isPresent();
    }

    @Test
    void scriptedFaultHitsOnlyTheNamedOperation() throws Exception {
        sim().faults().next(1, Fault.http503Empty(), WechatPaySimulator.QUERY::equals);

        V3Client.Response prepay = prepay("FLT-OP-1");
        V3Client.Response firstQuery = new V3Client(sim()).query("FLT-OP-1");
        V3Client.Response secondQuery = new V3Client(sim()).query("FLT-OP-1");

        assertThat(prepay.status()).isEqualTo(200);
        assertThat(firstQuery.status()).isEqualTo(503);
        assertThat(secondQuery.status()).isEqualTo(200);
        assertThat(sim().requests("FLT-OP-1")).extracting(WechatPaySimulatorRequest::operation, WechatPaySimulatorRequest::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("native", 200),
                        org.assertj.core.groups.Tuple.tuple("query", 503),
                        org.assertj.core.groups.Tuple.tuple("query", 200));
    }

    @Test
    void faultsDoNotTouchCertificateDownloadUnlessNamed() throws Exception {
        sim().faults().next(1, Fault.http502Html(), WechatPaySimulator.CERTIFICATES::equals);

        V3Client.Response prepay = prepay("FLT-CERT-1");
        V3Client.Response certificates = new V3Client(sim()).get("/v3/certificates");

        assertThat(prepay.status()).isEqualTo(200);
        assertThat(certificates.status()).isEqualTo(502);
        assertThat(sim().requestCount(WechatPaySimulator.CERTIFICATES)).isEqualTo(1);
    }
}
