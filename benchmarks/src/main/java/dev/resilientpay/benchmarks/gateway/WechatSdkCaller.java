package dev.resilientpay.benchmarks.gateway;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.exception.ServiceException;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.http.HttpHeaders;
import com.wechat.pay.java.core.http.HttpResponse;
import com.wechat.pay.java.core.http.JsonRequestBody;
import java.util.Map;

/**
 * wechatpay-java used as its README shows. The SDK has no payment-code service, and its services
 * are bound to the production host, so every call goes through the README's "发送 HTTP 请求" path: an
 * {@link HttpClient} from {@link DefaultHttpClientBuilder} over an {@link RSAPublicKeyConfig}
 * (public-key mode, the mode new merchants get), which signs each request and verifies each answer.
 * Timeouts are set with the builder's documented {@code connectTimeoutMs}/{@code readTimeoutMs}/
 * {@code writeTimeoutMs}; everything else is the SDK's default.
 *
 * <p>As documented: 200 with {@code trade_state=SUCCESS} is paid; anything else, and any exception,
 * is reported as a failure (the README: log and report).
 *
 * <p>With recovery, the payment-code guidance: 202 {@code USERPAYING} polls the order (first after
 * one interval); {@code SYSTEM_ERROR}, other 5xx, 429 or no answer waits one interval and polls; still
 * unclear at the end, {@code reverse}, retried on failure up to five times.
 */
final class WechatSdkCaller extends SdkCaller {

    private static final String CODEPAY = "/v3/pay/transactions/codepay";

    private final HttpClient http;
    private final String baseUrl;
    private final String mchId;
    private final String appId;

    WechatSdkCaller(String baseUrl, String mchId, String appId, String merchantSerialNumber,
                    String merchantPrivateKeyPem, String apiV3Key, String publicKeyId, String publicKeyPem,
                    Timing timing, boolean recovering) {
        super(timing, recovering);
        Config config = new RSAPublicKeyConfig.Builder()
                .merchantId(mchId)
                .privateKey(merchantPrivateKeyPem)
                .publicKey(publicKeyPem)
                .publicKeyId(publicKeyId)
                .merchantSerialNumber(merchantSerialNumber)
                .apiV3Key(apiV3Key)
                .build();
        this.http = new DefaultHttpClientBuilder()
                .config(config)
                .connectTimeoutMs(timing.attemptTimeoutMillis())
                .readTimeoutMs(timing.attemptTimeoutMillis())
                .writeTimeoutMs(timing.attemptTimeoutMillis())
                .build();
        this.baseUrl = baseUrl;
        this.mchId = mchId;
        this.appId = appId;
    }

    @Override
    public String name() {
        return recovering ? "wechatpay-java + documented query/reverse" : "wechatpay-java as documented";
    }

    private static HttpHeaders jsonHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.addHeader("Accept", "application/json");
        headers.addHeader("Content-Type", "application/json");
        return headers;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Verdict pay(String orderId, String authCode) {
        String body = "{\"appid\":\"" + appId + "\",\"mchid\":\"" + mchId + "\",\"description\":\"Benchmark coffee\","
                + "\"out_trade_no\":\"" + orderId + "\",\"payer\":{\"auth_code\":\"" + authCode + "\"},"
                + "\"amount\":{\"total\":100,\"currency\":\"CNY\"},"
                + "\"scene_info\":{\"store_info\":{\"out_id\":\"till-1\"},\"device_ip\":\"127.0.0.1\"}}";
        try {
            issuing();
            HttpResponse<Map> response = http.post(jsonHeaders(), baseUrl + CODEPAY,
                    new JsonRequestBody.Builder().body(body).build(), Map.class);
            Map answer = response.getServiceResponse();
            if ("SUCCESS".equals(answer.get("trade_state"))) {
                return Verdict.PAID;
            }
            if (recovering && "USERPAYING".equals(answer.get("code"))) {
                return recover(orderId, true);
            }
            return Verdict.NOT_PAID;
        } catch (ServiceException e) {
            if (!recovering) {
                return Verdict.NOT_PAID;
            }
            int status = e.getHttpStatusCode();
            return status >= 500 || status == 429 ? recover(orderId, true) : Verdict.NOT_PAID;
        } catch (RuntimeException e) {
            // HttpException (no answer), ValidationException (signature), MalformedMessageException.
            return recovering ? recover(orderId, true) : Verdict.NOT_PAID;
        }
    }

    @Override
    @SuppressWarnings("rawtypes")
    Probe query(String orderId) {
        try {
            issuing();
            HttpResponse<Map> response = http.get(jsonHeaders(),
                    baseUrl + "/v3/pay/transactions/out-trade-no/" + orderId + "?mchid=" + mchId, Map.class);
            Object state = response.getServiceResponse().get("trade_state");
            if ("SUCCESS".equals(state)) {
                return Probe.PAID;
            }
            if ("CLOSED".equals(state) || "REVOKED".equals(state) || "PAYERROR".equals(state)) {
                return Probe.CLOSED;
            }
            return Probe.WAITING;
        } catch (RuntimeException e) {
            return Probe.UNKNOWN;
        }
    }

    @Override
    Cancel cancel(String orderId) {
        String body = "{\"appid\":\"" + appId + "\",\"mchid\":\"" + mchId + "\"}";
        try {
            issuing();
            http.post(jsonHeaders(), baseUrl + "/v3/pay/transactions/out-trade-no/" + orderId + "/reverse",
                    new JsonRequestBody.Builder().body(body).build(), Map.class);
            return Cancel.DONE;
        } catch (ServiceException e) {
            return e.getHttpStatusCode() == 404 ? Cancel.DONE : Cancel.RETRY;
        } catch (RuntimeException e) {
            return Cancel.RETRY;
        }
    }
}
