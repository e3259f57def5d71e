package dev.resilientpay.alipay.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resilientpay.FailureReason;
import dev.resilientpay.alipay.support.TestSigning;
import dev.resilientpay.alipay.support.Vectors;
import dev.resilientpay.spi.PemKeys;
import dev.resilientpay.spi.RsaSha256;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.List;
import java.util.Set;

/**
 * Fuzz targets for the raw-node scanning ({@link JsonMembers}) and the verification
 * ({@link AlipayResponseVerifier}) of Alipay gateway answers. Contract: any body gives a
 * {@link ResponseVerdict} (or, for the scanner, members or an {@link IllegalArgumentException}); nothing
 * else escapes, and a body the fuzzer wrote cannot pass as signed. Regression inputs are under
 * {@code src/test/resources/dev/resilientpay/alipay/internal/AlipayResponseVerifierFuzzTestInputs/};
 * docs/fuzzing.md says how to fuzz.
 */
class AlipayResponseVerifierFuzzTest {

    private static final String[] METHODS = {"alipay.trade.pay", "alipay.trade.query", "alipay.trade.precreate",
        "alipay.trade.refund", "alipay.trade.cancel", "alipay.trade.close", "alipay.trade.fastpay.refund.query",
        "alipay.trade.create"};
    private static final Set<String> UNSIGNED_FAILURES = Set.of("20000", "20001", "40001", "40002", "40003", "40006");
    private static final RsaSha256.Verifier GATEWAY_KEY =
            RsaSha256.verifier(PemKeys.rsaPublicKey("alipayPublicKey", Vectors.key("gatewayPublicKey")));
    private static final PrivateKey GATEWAY_PRIVATE_KEY = TestSigning.gatewayPrivateKey();

    /** Any text: members whose spans lie inside the body, in order, or an {@link IllegalArgumentException}. */
    @FuzzTest(maxDuration = "10m")
    void scannerFindsMembersOrRejects(byte[] input) {
        String body = new String(input, StandardCharsets.UTF_8);
        List<JsonMembers.Member> members;
        try {
            members = JsonMembers.of(body);
        } catch (IllegalArgumentException rejected) {
            return;
        }
        int after = 0;
        for (JsonMembers.Member m : members) {
            assertThat(m.start()).isGreaterThanOrEqualTo(after).isLessThan(m.end());
            assertThat(m.end()).isLessThanOrEqualTo(body.length());
            assertThat(m.rawName()).isNotNull();
            after = m.end();
        }
    }

    /**
     * Input layout: byte 0 picks the method (low 3 bits) and the mode (bit 3): 0 = the rest is the whole
     * body as received; 1 = the rest is the response node, which the test signs with the gateway key
     * and wraps as {@code {"<method>_response":<node>,"sign":"…"}}, so that fuzzing reaches the
     * parsing behind the signature.
     */
    @FuzzTest(maxDuration = "10m")
    void everyBodyGetsAVerdict(byte[] input) {
        if (input.length == 0) {
            return;
        }
        String method = METHODS[input[0] & 7];
        boolean signedByGateway = (input[0] & 8) != 0;
        String rest = new String(input, 1, input.length - 1, StandardCharsets.UTF_8);
        String body = signedByGateway ? TestSigning.signedResponse(method, rest, GATEWAY_PRIVATE_KEY) : rest;

        ResponseVerdict verdict = AlipayResponseVerifier.verify(method, body, GATEWAY_KEY);

        assertThat(verdict).isNotNull();
        if (verdict instanceof ResponseVerdict.Trusted trusted) {
            if (!trusted.signed()) {
                assertThat(trusted.code()).as("only gateway-level failures pass unsigned").isIn(UNSIGNED_FAILURES);
            } else {
                assertThat(signedByGateway).as("the fuzzer cannot forge the gateway's signature").isTrue();
            }
        } else {
            ResponseVerdict.Untrusted untrusted = (ResponseVerdict.Untrusted) verdict;
            assertThat(untrusted.reason()).isIn(FailureReason.PROVIDER_ERROR, FailureReason.RESPONSE_SIGNATURE_INVALID);
        }
    }
}
