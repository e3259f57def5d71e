package dev.resilientpay.benchmarks.gateway;

import com.alipay.api.AlipayClient;
import com.alipay.api.AlipayConfig;
import com.alipay.api.DefaultAlipayClient;
import com.alipay.api.domain.AlipayTradeCancelModel;
import com.alipay.api.domain.AlipayTradePayModel;
import com.alipay.api.domain.AlipayTradeQueryModel;
import com.alipay.api.request.AlipayTradeCancelRequest;
import com.alipay.api.request.AlipayTradePayRequest;
import com.alipay.api.request.AlipayTradeQueryRequest;
import com.alipay.api.response.AlipayTradeCancelResponse;
import com.alipay.api.response.AlipayTradePayResponse;
import com.alipay.api.response.AlipayTradeQueryResponse;

/**
 * alipay-sdk-java used as the Open Platform documentation shows: an {@link AlipayConfig} with the
 * gateway, app id, keys, {@code json}, {@code UTF-8} and {@code RSA2}; a {@link DefaultAlipayClient};
 * one {@code AlipayTradePayRequest} with an {@code AlipayTradePayModel} ({@code scene=bar_code}) per
 * payment.
 *
 * <p>As documented: {@code code=10000} is paid; anything else, and any exception, is reported as a
 * failure. (The documentation's own sample branches on {@code isSuccess()}, which is true for
 * {@code 10003}; we read 10003 as not paid, the kinder reading.)
 *
 * <p>With recovery, the face-to-face payment guide's flow: {@code 10003} polls
 * {@code alipay.trade.query} (first after one interval); no answer, {@code 20000} or
 * {@code ACQ.SYSTEM_ERROR} queries at once; then {@code alipay.trade.cancel} while
 * {@code retry_flag=Y} or no answer, up to five times.
 */
final class AlipaySdkCaller extends SdkCaller {

    private final AlipayClient client;

    AlipaySdkCaller(String gatewayUrl, String appId, String appPrivateKeyPem, String alipayPublicKeyPem,
                    Timing timing, boolean recovering) {
        super(timing, recovering);
        AlipayConfig config = new AlipayConfig();
        config.setServerUrl(gatewayUrl);
        config.setAppId(appId);
        config.setPrivateKey(bareBase64(appPrivateKeyPem));
        config.setAlipayPublicKey(bareBase64(alipayPublicKeyPem));
        config.setFormat("json");
        config.setCharset("UTF-8");
        config.setSignType("RSA2");
        config.setConnectTimeout(timing.attemptTimeoutMillis());
        config.setReadTimeout(timing.attemptTimeoutMillis());
        try {
            this.client = new DefaultAlipayClient(config);
        } catch (Exception e) {
            throw new IllegalStateException("alipay-sdk-java rejected its configuration", e);
        }
    }

    /** The SDK takes keys as the bare Base64 between the PEM lines. */
    static String bareBase64(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    @Override
    public String name() {
        return recovering ? "alipay-sdk-java + documented query/cancel" : "alipay-sdk-java as documented";
    }

    @Override
    public Verdict pay(String orderId, String authCode) {
        AlipayTradePayModel model = new AlipayTradePayModel();
        model.setOutTradeNo(orderId);
        model.setScene("bar_code");
        model.setAuthCode(authCode);
        model.setSubject("Benchmark coffee");
        model.setTotalAmount("1.00");
        AlipayTradePayRequest request = new AlipayTradePayRequest();
        request.setBizModel(model);
        AlipayTradePayResponse response;
        try {
            issuing();
            response = client.execute(request);
        } catch (Exception e) {
            return recovering ? recover(orderId, false) : Verdict.NOT_PAID;
        }
        if ("10000".equals(response.getCode())) {
            return Verdict.PAID;
        }
        if (!recovering) {
            return Verdict.NOT_PAID;
        }
        if ("10003".equals(response.getCode())) {
            return recover(orderId, true);
        }
        if ("20000".equals(response.getCode()) || "ACQ.SYSTEM_ERROR".equals(response.getSubCode())) {
            return recover(orderId, false);
        }
        return Verdict.NOT_PAID;
    }

    @Override
    Probe query(String orderId) {
        AlipayTradeQueryModel model = new AlipayTradeQueryModel();
        model.setOutTradeNo(orderId);
        AlipayTradeQueryRequest request = new AlipayTradeQueryRequest();
        request.setBizModel(model);
        try {
            issuing();
            AlipayTradeQueryResponse response = client.execute(request);
            if (!"10000".equals(response.getCode())) {
                return Probe.UNKNOWN;
            }
            String status = response.getTradeStatus();
            if ("TRADE_SUCCESS".equals(status) || "TRADE_FINISHED".equals(status)) {
                return Probe.PAID;
            }
            return "TRADE_CLOSED".equals(status) ? Probe.CLOSED : Probe.WAITING;
        } catch (Exception e) {
            return Probe.UNKNOWN;
        }
    }

    @Override
    Cancel cancel(String orderId) {
        AlipayTradeCancelModel model = new AlipayTradeCancelModel();
        model.setOutTradeNo(orderId);
        AlipayTradeCancelRequest request = new AlipayTradeCancelRequest();
        request.setBizModel(model);
        try {
            issuing();
            AlipayTradeCancelResponse response = client.execute(request);
            if ("10000".equals(response.getCode())) {
                return Cancel.DONE;
            }
            return "Y".equals(response.getRetryFlag()) || "20000".equals(response.getCode())
                    ? Cancel.RETRY : Cancel.DONE;
        } catch (Exception e) {
            return Cancel.RETRY;
        }
    }
}
