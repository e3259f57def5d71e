package dev.resilientpay.alipay.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.resilientpay.FailureReason;
import dev.resilientpay.alipay.support.Vectors;
import dev.resilientpay.spi.PemKeys;
import dev.resilientpay.spi.RsaSha256;
import org.junit.jupiter.api.Test;

/**
 * Answers up to the transport's 1 MiB cap (larger ones are never read: GatewayHttpTest) built to be
 * expensive: each parser rejects them by a rule, the raw-node scan in one pass and Jackson by its
 * nesting limit, never by running long or overflowing the stack.
 */
class AlipayLargeAnswerTest {

    private static final RsaSha256.Verifier KEY =
            RsaSha256.verifier(PemKeys.rsaPublicKey("alipayPublicKey", Vectors.key("gatewayPublicKey")));
    private static final int HALF_MEBIBYTE = 1 << 19;

    @Test
    void mebibyteOfNestingInsideTheNodeIsUntrustedByTheNestingLimit() {
        String node = "{\"code\":\"10000\",\"x\":" + "[".repeat(HALF_MEBIBYTE) + "]".repeat(HALF_MEBIBYTE) + "}";
        String body = "{\"alipay_trade_query_response\":" + node + ",\"sign\":\"AAAA\"}";

        ResponseVerdict verdict = AlipayResponseVerifier.verify("alipay.trade.query", body, KEY);

        assertThat(verdict).isEqualTo(new ResponseVerdict.Untrusted(FailureReason.PROVIDER_ERROR,
                "alipay_trade_query_response is not valid JSON"));
    }

    @Test
    void mebibyteOfOpenBracketsIsRejectedByTheScanner() {
        String body = "{\"alipay_trade_query_response\":" + "[".repeat(1 << 20);

        assertThatIllegalArgumentException().isThrownBy(() -> JsonMembers.of(body)).withMessage("unbalanced braces");
    }

    @Test
    void mebibyteOfMembersIsScannedToTheDuplicateRule() {
        String member = "\"alipay_trade_query_response\":{},";
        String body = "{" + member.repeat((1 << 20) / member.length()) + "\"sign\":\"AAAA\"}";

        ResponseVerdict verdict = AlipayResponseVerifier.verify("alipay.trade.query", body, KEY);

        assertThat(verdict).isEqualTo(new ResponseVerdict.Untrusted(FailureReason.RESPONSE_SIGNATURE_INVALID,
                "alipay_trade_query_response present twice"));
    }
}
