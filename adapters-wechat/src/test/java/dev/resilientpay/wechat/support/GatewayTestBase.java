package dev.resilientpay.wechat.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.resilientpay.Money;
import dev.resilientpay.PaymentMethod;
import dev.resilientpay.PaymentRequest;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.RsaSha256;
import dev.resilientpay.transport.GatewayHttp;
import dev.resilientpay.wechat.WechatPayConfig;
import dev.resilientpay.wechat.WechatPayProvider;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A WireMock gateway on a dynamic loopback port, a fixed clock and a provider pointed at both. */
public abstract class GatewayTestBase {

    /** Plays WeChat Pay. */
    @RegisterExtension
    protected static final WireMockExtension GATEWAY = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    /** One transport for every provider in the tests, as many merchants in one process would share it. */
    protected static final GatewayHttp HTTP = GatewayHttp.create();

    /** The order id used by most tests. */
    protected static final String ORDER = "ORDER_20231115_0001";

    private static final Pattern AUTH_FIELD = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** The clock of the provider and of the stubs' signatures. */
    protected final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_700_000_000L));

    /** A configuration in public-key mode pointing at the stub gateway. */
    protected WechatPayConfig.Builder config() {
        return Vectors.publicKeyConfig()
                .host("http://127.0.0.1:" + GATEWAY.getPort())
                .backupHost(null)
                .notifyUrl("https://shop.example.com/wechat/notify")
                .gatewayHttp(HTTP)
                .clock(clock);
    }

    /** A provider in public-key mode. */
    protected WechatPayProvider provider() {
        return WechatPayProvider.create(config().build());
    }

    /** An attempt with a 5 s timeout. */
    protected AttemptContext context() {
        return context(Duration.ofSeconds(5));
    }

    /** An attempt with the given timeout. */
    protected AttemptContext context(Duration timeout) {
        return new AttemptContext("key", 1, timeout, clock.instant().plusSeconds(60));
    }

    /** A CNY 1.00 payment request for {@link #ORDER}. */
    protected static PaymentRequest request(PaymentMethod method) {
        return PaymentRequest.builder().orderId(ORDER).amount(Money.cny(100))
                .subject("Image形象店-深圳腾大-QQ公仔").method(method).build();
    }

    /** The current clock time in Unix seconds, to sign stubs with. */
    protected long now() {
        return clock.seconds();
    }

    /** The fields of a request's Authorization header. */
    protected static Map<String, String> authorization(LoggedRequest request) {
        String header = request.getHeader("Authorization");
        assertThat(header).startsWith("WECHATPAY2-SHA256-RSA2048 ");
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = AUTH_FIELD.matcher(header);
        while (m.find()) {
            fields.put(m.group(1), m.group(2));
        }
        return fields;
    }

    /**
     * Asserts that a request as the gateway received it carries a valid merchant signature over its raw
     * path, query and body: what WeChat Pay itself checks.
     */
    protected static void assertSignedByMerchant(LoggedRequest request) {
        Map<String, String> auth = authorization(request);
        assertThat(auth).containsEntry("mchid", Vectors.MCH_ID).containsEntry("serial_no", Vectors.MERCHANT_SERIAL);
        assertThat(auth.get("nonce_str")).hasSize(32);
        String message = request.getMethod().getName() + "\n" + request.getUrl() + "\n" + auth.get("timestamp") + "\n"
                + auth.get("nonce_str") + "\n" + new String(request.getBody(), StandardCharsets.UTF_8) + "\n";
        assertThat(RsaSha256.verifier(Vectors.merchantPublicKey()).verify(message, auth.get("signature")))
                .as("merchant signature over %s", request.getUrl()).isTrue();
    }
}
