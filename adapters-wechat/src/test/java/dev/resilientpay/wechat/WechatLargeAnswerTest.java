package dev.resilientpay.wechat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.resilientpay.FailureReason;
import dev.resilientpay.spi.Attempt;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.transport.GatewayHttp;
import dev.resilientpay.wechat.support.InProcessAnswers;
import dev.resilientpay.wechat.support.MutableClock;
import dev.resilientpay.wechat.support.Vectors;
import dev.resilientpay.wechat.support.WechatSigning;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Large answers built to be expensive: above the 1 MiB cap they are never read; at the cap, a signed
 * answer of nested arrays is refused by Jackson's nesting limit, never by running long.
 */
class WechatLargeAnswerTest {

    private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));
    private final InProcessAnswers gateway = new InProcessAnswers();
    private final WechatPayProvider provider = WechatPayProvider.create(Vectors.publicKeyConfig()
            .host("https://api.mch.weixin.qq.com").backupHost(null).notifyUrl("https://shop.example.com/notify")
            .gatewayHttp(gateway.http()).clock(clock).build());

    @Test
    void answerAboveTheCapIsNotRead() {
        answerSigned("{\"attach\":\"" + "x".repeat(GatewayHttp.DEFAULT_MAX_RESPONSE_BYTES) + "\"}");

        Attempt<?> attempt = provider.query("ORDER_20231115_0001", context());

        assertThat(attempt).isInstanceOfSatisfying(Attempt.Unknown.class,
                unknown -> assertThat(unknown.failure().providerMessage()).contains("larger than 1048576 bytes"));
    }

    @Test
    void signedMebibyteOfNestingIsRefusedByTheNestingLimit() {
        int half = (GatewayHttp.DEFAULT_MAX_RESPONSE_BYTES - 64) / 2;
        answerSigned("{\"attach\":" + "[".repeat(half) + "]".repeat(half) + "}");

        Attempt<?> attempt = provider.query("ORDER_20231115_0001", context());

        assertThat(attempt).isInstanceOfSatisfying(Attempt.Unknown.class,
                unknown -> assertThat(unknown.failure().reason()).isEqualTo(FailureReason.PROVIDER_ERROR));
    }

    private void answerSigned(String body) {
        List<String[]> headers = new ArrayList<>();
        WechatSigning.headers(body, Vectors.PUBLIC_KEY_ID, Vectors.platformPrivateKey(), clock.seconds())
                .forEach((name, value) -> headers.add(new String[] {name, value}));
        gateway.answer(200, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private AttemptContext context() {
        return new AttemptContext("key", 1, Duration.ofSeconds(5), clock.instant().plusSeconds(60));
    }
}
