package dev.resilientpay.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Found by WechatUrlCodecFuzzTest: an id that is a dot-segment changed the path that was sent and signed. */
class WechatPathSegmentTest {

    @Test
    void dotSegmentsWouldBeRemovedByTheUrlParserEvenPercentEncoded() {
        // Why refusing is the only fix: OkHttp (like every WHATWG URL parser) drops ".." and "%2E%2E" alike.
        assertThat(HttpUrl.get("https://api.mch.weixin.qq.com/v3/pay/transactions/id/%2E%2E?mchid=1").encodedPath())
                .isEqualTo("/v3/pay/transactions/");
    }

    @Test
    void dotAndDotDotAreRefusedAsPathIds() {
        assertThatIllegalArgumentException().isThrownBy(() -> WechatGateway.encodeSegment(".."))
                .withMessageContaining("must not be '.' or '..'");
        assertThatIllegalArgumentException().isThrownBy(() -> WechatGateway.encodeSegment("."))
                .withMessageContaining("must not be '.' or '..'");
    }

    @Test
    void dotsInsideAnIdStayAsTheyAre() {
        assertThat(WechatGateway.encodeSegment("a..b")).isEqualTo("a..b");
        assertThat(WechatGateway.encodeSegment("...")).isEqualTo("...");
    }
}
