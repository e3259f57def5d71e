package dev.resilientpay.testkit.wechat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.resilientpay.testkit.WechatPaySimulator;
import dev.resilientpay.testkit.WechatPaySimulatorKeyMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WechatPaySimulatorSigningTest {

    @Test
    void publicKeyModeSignsResponsesWithThePublicKey() throws Exception {
        try (WechatPaySimulator sim = WechatPaySimulator.start()) {
            V3Client.Response response = new V3Client(sim).post("/v3/pay/transactions/native",
                    Bodies.nativePrepay(sim, "SIGN-PK-1", 100));

            assertThat(response.header("Wechatpay-Serial")).isEqualTo(sim.publicKeyId()).startsWith("PUB_KEY_ID_");
            assertThat(response.verifiesWith(V3Client.publicKey(sim.platformPublicKeyPem()))).isTrue();
            assertThat(Math.abs(response.timestamp() - Instant.now().getEpochSecond())).isLessThan(5);
            assertThat(response.header("Request-ID")).hasSize(32);
        }
    }

    @Test
    void publicKeyModeAnswersCertificateDownloadWith404() throws Exception {
        try (WechatPaySimulator sim = WechatPaySimulator.start()) {
            V3Client.Response response = new V3Client(sim).get("/v3/certificates?algorithm_type=RSA");

            assertThat(response.status()).isEqualTo(404);
            assertThat(response.code()).isEqualTo("RESOURCE_NOT_EXISTS");
            assertThat(sim.certificateSerials()).isEmpty();
        }
    }

    @Test
    void certificateDownloadDecryptsToTheServedCertificates() throws Exception {
        try (WechatPaySimulator sim = WechatPaySimulator.builder()
                .keyMode(WechatPaySimulatorKeyMode.PLATFORM_CERTIFICATE).start()) {
            V3Client.Response response = new V3Client(sim).get("/v3/certificates");

            assertThat(response.status()).isEqualTo(200);
            JsonNode entry = response.json().path("data").get(0);
            JsonNode encrypted = entry.path("encrypt_certificate");
            assertThat(encrypted.path("algorithm").asText()).isEqualTo("AEAD_AES_256_GCM");
            assertThat(encrypted.path("associated_data").asText()).isEqualTo("certificate");
            String pem = V3Client.decrypt(sim.apiV3Key(), encrypted.path("nonce").asText(), "certificate",
                    encrypted.path("ciphertext").asText());
            X509Certificate certificate = V3Client.certificate(pem);
            String serial = entry.path("serial_no").asText();
            assertThat(serial).isEqualTo(sim.currentCertificateSerial()).hasSize(40);
            assertThat(certificate.getSerialNumber()).isEqualTo(new BigInteger(serial, 16));
            assertThat(certificate.getVersion()).isEqualTo(3);
            certificate.checkValidity();
            certificate.verify(certificate.getPublicKey());
            assertThat(entry.path("effective_time").asText()).endsWith("+08:00");
            assertThat(response.header("Wechatpay-Serial")).isEqualTo(serial);
            assertThat(response.verifiesWith(certificate.getPublicKey())).isTrue();
        }
    }

    @Test
    void rotatedCertificateSignsResponsesWhileTheOldOneStaysServed() throws Exception {
        try (WechatPaySimulator sim = WechatPaySimulator.builder()
                .keyMode(WechatPaySimulatorKeyMode.PLATFORM_CERTIFICATE).start()) {
            V3Client client = new V3Client(sim);
            String old = sim.currentCertificateSerial();

            String rotated = sim.rotateCertificate();
            V3Client.Response prepay = client.post("/v3/pay/transactions/native", Bodies.nativePrepay(sim, "ROT-1", 100));
            V3Client.Response list = client.get("/v3/certificates");

            assertThat(rotated).isNotEqualTo(old);
            assertThat(sim.certificateSerials()).containsExactly(old, rotated);
            assertThat(prepay.header("Wechatpay-Serial")).isEqualTo(rotated);
            assertThat(prepay.verifiesWith(V3Client.certificate(sim.platformCertificatePem(rotated)).getPublicKey()))
                    .isTrue();
            assertThat(list.json().path("data").findValuesAsText("serial_no")).containsExactly(old, rotated);
            assertThat(list.header("Wechatpay-Serial")).as("the list is verifiable with the already trusted certificate")
                    .isEqualTo(old);
            assertThat(list.verifiesWith(V3Client.certificate(sim.platformCertificatePem(old)).getPublicKey())).isTrue();
        }
    }

    @Test
    void removedCertificateIsNeitherServedNorUsed() throws Exception {
        try (WechatPaySimulator sim = WechatPaySimulator.builder()
                .keyMode(WechatPaySimulatorKeyMode.PLATFORM_CERTIFICATE).start()) {
            String old = sim.currentCertificateSerial();
            String rotated = sim.rotateCertificate();

            sim.removeCertificate(old);
            V3Client.Response list = new V3Client(sim).get("/v3/certificates");

            assertThat(list.json().path("data").findValuesAsText("serial_no")).containsExactly(rotated);
            assertThat(list.header("Wechatpay-Serial")).isEqualTo(rotated);
            assertThatThrownBy(() -> sim.removeCertificate(rotated)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("last platform certificate");
        }
    }

    @Test
    void rotationIsRefusedInPublicKeyMode() {
        try (WechatPaySimulator sim = WechatPaySimulator.start()) {
            assertThatThrownBy(sim::rotateCertificate).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("PUBLIC_KEY");
        }
    }

    @Test
    void migrationModeSignsWithTheKeyTheRequestNames() throws Exception {
        try (WechatPaySimulator sim = WechatPaySimulator.builder().keyMode(WechatPaySimulatorKeyMode.BOTH).start()) {
            V3Client client = new V3Client(sim);
            String url = "/v3/pay/transactions/out-trade-no/MIG-1?mchid=" + sim.mchId();

            V3Client.Response byPublicKey = client.send("GET", url, "", null, sim.publicKeyId());
            V3Client.Response byCertificate = client.send("GET", url, "", null, sim.currentCertificateSerial());
            V3Client.Response unnamed = client.send("GET", url, "", null, null);

            assertThat(byPublicKey.header("Wechatpay-Serial")).isEqualTo(sim.publicKeyId());
            assertThat(byPublicKey.verifiesWith(V3Client.publicKey(sim.platformPublicKeyPem()))).isTrue();
            assertThat(byCertificate.header("Wechatpay-Serial")).isEqualTo(sim.currentCertificateSerial());
            assertThat(unnamed.header("Wechatpay-Serial")).isEqualTo(sim.currentCertificateSerial());
        }
    }

    @Test
    void migrationModeSignsTheCertificateListWithThePublicKeyWhenTheRequestNamesIt() throws Exception {
        try (WechatPaySimulator sim = WechatPaySimulator.builder().keyMode(WechatPaySimulatorKeyMode.BOTH).start()) {
            V3Client client = new V3Client(sim);
            sim.rotateCertificate();

            V3Client.Response byPublicKey = client.send("GET", "/v3/certificates", "", null, sim.publicKeyId());
            V3Client.Response byCertificate = client.send("GET", "/v3/certificates", "", null,
                    sim.currentCertificateSerial());

            assertThat(byPublicKey.header("Wechatpay-Serial")).isEqualTo(sim.publicKeyId());
            assertThat(byPublicKey.verifiesWith(V3Client.publicKey(sim.platformPublicKeyPem()))).isTrue();
            assertThat(byPublicKey.json().path("data")).hasSize(2);
            assertThat(byCertificate.header("Wechatpay-Serial")).isEqualTo(sim.certificateSerials().get(0));
        }
    }

    @Test
    void scriptedSignersAreUsedOncePerResponseInOrder() throws Exception {
        try (WechatPaySimulator sim = WechatPaySimulator.builder().keyMode(WechatPaySimulatorKeyMode.BOTH).start()) {
            V3Client client = new V3Client(sim);
            String certificate = sim.currentCertificateSerial();
            sim.signNextResponsesWith(sim.publicKeyId(), certificate, sim.publicKeyId());
            String url = "/v3/pay/transactions/out-trade-no/MIX-1?mchid=" + sim.mchId();

            List<String> serials = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                serials.add(client.send("GET", url, "", null, certificate).header("Wechatpay-Serial"));
            }

            assertThat(serials).containsExactly(sim.publicKeyId(), certificate, sim.publicKeyId(), certificate);
        }
    }

    @Test
    void fixedSignerOverridesTheModeUntilCleared() throws Exception {
        try (WechatPaySimulator sim = WechatPaySimulator.builder().keyMode(WechatPaySimulatorKeyMode.BOTH).start()) {
            V3Client client = new V3Client(sim);
            String url = "/v3/pay/transactions/out-trade-no/FIX-1?mchid=" + sim.mchId();

            sim.signResponsesWith(sim.publicKeyId());
            String fixed = client.get(url).header("Wechatpay-Serial");
            sim.signResponsesWith(null);
            String automatic = client.get(url).header("Wechatpay-Serial");

            assertThat(fixed).isEqualTo(sim.publicKeyId());
            assertThat(automatic).isEqualTo(sim.currentCertificateSerial());
            assertThatThrownBy(() -> sim.signResponsesWith("NO_SUCH_KEY")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("NO_SUCH_KEY");
        }
    }

    @Test
    void lowercaseResponseHeadersAreSentInLowercaseOnTheWire() throws Exception {
        try (WechatPaySimulator sim = WechatPaySimulator.start()) {
            sim.lowercaseResponseHeaders(true);
            String url = "/v3/pay/transactions/out-trade-no/LOWER-1?mchid=" + sim.mchId();
            String authorization = new V3Client(sim).authorization("GET", url, "", Instant.now().getEpochSecond(),
                    sim.mchId(), sim.merchantSerialNumber());

            Map<String, String> headers = rawHeaders(sim, url, authorization);

            assertThat(headers).containsKeys("wechatpay-signature", "wechatpay-serial", "wechatpay-timestamp",
                    "wechatpay-nonce", "request-id");
            assertThat(headers.keySet()).noneMatch(name -> name.startsWith("Wechatpay"));
        }
    }

    /** Header names exactly as they came over the wire (java.net.http would hide their case). */
    private static Map<String, String> rawHeaders(WechatPaySimulator sim, String url, String authorization)
            throws Exception {
        int port = Integer.parseInt(sim.baseUrl().substring(sim.baseUrl().lastIndexOf(':') + 1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + url + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\nAuthorization: "
                    + authorization + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            assertThat(in.readLine()).startsWith("HTTP/1.1 404");
            Map<String, String> headers = new HashMap<>();
            for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                int colon = line.indexOf(':');
                headers.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
            return headers;
        }
    }
}
