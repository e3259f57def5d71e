package dev.resilientpay.testkit.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WechatPaySimulatorAuthorizationTest {

    @RegisterExtension
    static final WechatPaySimulatorExtension wechat = new WechatPaySimulatorExtension();

    private WechatPaySimulator sim() {
        return wechat.simulator();
    }

    @Test
    void correctlySignedRequestIsServed() throws Exception {
        V3Client client = new V3Client(sim());

        V3Client.Response response = client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "AUTH-OK-1", 100));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("code_url").asText()).startsWith("weixin://wxpay/bizpayurl?pr=");
        assertThat(sim().requests()).singleElement().satisfies(r -> assertThat(r.signatureValid()).isTrue());
    }

    @Test
    void authorizationFieldsAreAcceptedInAnyOrderWithBlanks() throws Exception {
        V3Client client = new V3Client(sim());
        String body = Bodies.nativePrepay(sim(), "AUTH-ORDER-1", 100);
        long now = Instant.now().getEpochSecond();
        String nonce = "0123456789abcdef0123456789abcdef";
        String signature = client.sign("POST\n/v3/pay/transactions/native\n" + now + "\n" + nonce + "\n" + body + "\n");
        String shuffled = "WECHATPAY2-SHA256-RSA2048 serial_no=\"" + sim().merchantSerialNumber() + "\", timestamp=\""
                + now + "\", signature=\"" + signature + "\", nonce_str=\"" + nonce + "\", mchid=\"" + sim().mchId() + "\"";

        V3Client.Response response = client.send("POST", "/v3/pay/transactions/native", body, shuffled);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void missingAuthorizationIs401SignErrorAndCreatesNothing() throws Exception {
        V3Client client = new V3Client(sim());

        V3Client.Response response = client.send("POST", "/v3/pay/transactions/native",
                Bodies.nativePrepay(sim(), "AUTH-NONE-1", 100), "Bearer nothing");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("SIGN_ERROR");
        assertThat(sim().order("AUTH-NONE-1")).isEmpty();
        assertThat(sim().requests()).singleElement().satisfies(r -> {
            assertThat(r.signatureValid()).isFalse();
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.outTradeNo()).isEqualTo("AUTH-NONE-1");
        });
    }

    @Test
    void signatureOverOtherBodyBytesIsRejected() throws Exception {
        V3Client client = new V3Client(sim());
        String sent = Bodies.nativePrepay(sim(), "AUTH-BODY-1", 100);
        String signedFor = Bodies.nativePrepay(sim(), "AUTH-BODY-1", 100).replace(":100", ": 100");
        String authorization = client.authorization("POST", "/v3/pay/transactions/native", signedFor,
                Instant.now().getEpochSecond(), sim().mchId(), sim().merchantSerialNumber());

        V3Client.Response response = client.send("POST", "/v3/pay/transactions/native", sent, authorization);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("SIGN_ERROR");
        assertThat(sim().order("AUTH-BODY-1")).isEmpty();
    }

    @Test
    void signatureMustCoverTheRawPercentEncodedPathAndQuery() throws Exception {
        V3Client client = new V3Client(sim());
        client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim(), "AUTH|PIPE1", 100));
        String raw = "/v3/pay/transactions/out-trade-no/AUTH%7CPIPE1?mchid=" + sim().mchId();
        String decoded = "/v3/pay/transactions/out-trade-no/AUTH|PIPE1?mchid=" + sim().mchId();
        long now = Instant.now().getEpochSecond();

        V3Client.Response overDecoded = client.send("GET", raw, "",
                client.authorization("GET", decoded, "", now, sim().mchId(), sim().merchantSerialNumber()));
        V3Client.Response overRaw = client.send("GET", raw, "",
                client.authorization("GET", raw, "", now, sim().mchId(), sim().merchantSerialNumber()));

        assertThat(overDecoded.status()).isEqualTo(401);
        assertThat(overRaw.status()).isEqualTo(200);
        assertThat(overRaw.json().path("out_trade_no").asText()).isEqualTo("AUTH|PIPE1");
    }

    @Test
    void otherMerchantIdIsRejected() throws Exception {
        V3Client client = new V3Client(sim());
        String body = Bodies.nativePrepay(sim(), "AUTH-MCH-1", 100);
        String authorization = client.authorization("POST", "/v3/pay/transactions/native", body,
                Instant.now().getEpochSecond(), "1900000001", sim().merchantSerialNumber());

        V3Client.Response response = client.send("POST", "/v3/pay/transactions/native", body, authorization);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("SIGN_ERROR");
    }

    @Test
    void otherMerchantSerialIsRejected() throws Exception {
        V3Client client = new V3Client(sim());
        String body = Bodies.nativePrepay(sim(), "AUTH-SERIAL-1", 100);
        String authorization = client.authorization("POST", "/v3/pay/transactions/native", body,
                Instant.now().getEpochSecond(), sim().mchId(), "5157F09EFDC096DE15EBE81A47057A7232F1B8E1");

        V3Client.Response response = client.send("POST", "/v3/pay/transactions/native", body, authorization);

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void requestTimestampFiveMinutesOldIsRejected() throws Exception {
        V3Client client = new V3Client(sim());
        String body = Bodies.nativePrepay(sim(), "AUTH-STALE-1", 100);
        String authorization = client.authorization("POST", "/v3/pay/transactions/native", body,
                Instant.now().getEpochSecond() - 300, sim().mchId(), sim().merchantSerialNumber());

        V3Client.Response response = client.send("POST", "/v3/pay/transactions/native", body, authorization);

        assertThat(response.status()).isEqualTo(401);
        assertThat(sim().order("AUTH-STALE-1")).isEmpty();
    }

    @Test
    void signatureThatIsNotBase64IsRejectedWithoutCrashing() throws Exception {
        V3Client client = new V3Client(sim());
        String authorization = "WECHATPAY2-SHA256-RSA2048 mchid=\"" + sim().mchId() + "\",nonce_str=\"abc\","
                + "signature=\"%%%not base64%%%\",timestamp=\"" + Instant.now().getEpochSecond()
                + "\",serial_no=\"" + sim().merchantSerialNumber() + "\"";

        V3Client.Response response = client.send("GET", "/v3/pay/transactions/out-trade-no/AUTH-B64-1?mchid="
                + sim().mchId(), "", authorization);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("SIGN_ERROR");
    }

    @Test
    void repeatedAuthorizationFieldIsRejected() throws Exception {
        V3Client client = new V3Client(sim());
        String url = "/v3/pay/transactions/out-trade-no/AUTH-DUP-1?mchid=" + sim().mchId();
        String valid = client.authorization("GET", url, "", Instant.now().getEpochSecond(), sim().mchId(),
                sim().merchantSerialNumber());

        V3Client.Response response = client.send("GET", url, "", valid + ",mchid=\"" + sim().mchId() + "\"");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void rejectedAnswerIsItselfSignedAndCarriesRequestId() throws Exception {
        V3Client client = new V3Client(sim());

        V3Client.Response response = client.send("GET", "/v3/pay/transactions/out-trade-no/AUTH-RID-1?mchid="
                + sim().mchId(), "", "WECHATPAY2-SHA256-RSA2048 broken");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("Request-ID")).hasSize(32);
        assertThat(response.verifiesWith(V3Client.publicKey(sim().platformPublicKeyPem()))).isTrue();
    }
}
