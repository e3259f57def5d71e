package dev.resilientpay.examples;

import dev.resilientpay.alipay.AlipayConfig;
import dev.resilientpay.alipay.AlipayProvider;
import dev.resilientpay.spi.PaymentProvider;
import dev.resilientpay.wechat.WechatPayConfig;
import dev.resilientpay.wechat.WechatPayProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A real gateway (Alipay's sandbox, a WeChat Pay merchant) configured from environment variables;
 * a person plays the payer with the sandbox wallet. See {@link Sandbox} for the variables.
 */
final class RealSandbox implements Sandbox {

    private final String name;
    private final PaymentProvider provider;
    private final String paymentCode;
    private final String notifyUrl;

    private RealSandbox(String name, PaymentProvider provider, String paymentCode, String notifyUrl) {
        this.name = name;
        this.provider = provider;
        this.paymentCode = paymentCode;
        this.notifyUrl = notifyUrl;
    }

    /** Alipay from {@code ALIPAY_*} variables. */
    static RealSandbox alipay(Map<String, String> env) {
        AlipayConfig.Builder config = AlipayConfig.builder()
                .appId(required(env, "ALIPAY_APP_ID"))
                .merchantPrivateKey(file(env, "ALIPAY_PRIVATE_KEY_FILE"))
                .alipayPublicKey(file(env, "ALIPAY_PUBLIC_KEY_FILE"))
                .gatewayUrl(env.getOrDefault("ALIPAY_GATEWAY", AlipayConfig.SANDBOX));
        String notify = env.get("NOTIFY_PUBLIC_URL");
        if (notify != null) {
            config.notifyUrl(notify);
        }
        return new RealSandbox("alipay", AlipayProvider.create(config.build()), env.get("ALIPAY_PAYMENT_CODE"), notify);
    }

    /** WeChat Pay from {@code WECHAT_*} variables. */
    static RealSandbox wechat(Map<String, String> env) {
        WechatPayConfig.Builder config = WechatPayConfig.builder()
                .mchId(required(env, "WECHAT_MCH_ID"))
                .appId(required(env, "WECHAT_APP_ID"))
                .merchantPrivateKey(file(env, "WECHAT_PRIVATE_KEY_FILE"))
                .merchantSerialNumber(required(env, "WECHAT_SERIAL_NO"))
                .apiV3Key(file(env, "WECHAT_APIV3_KEY_FILE").strip());
        if (env.get("WECHAT_HOST") != null) {
            config.host(env.get("WECHAT_HOST"));
        }
        if (env.get("WECHAT_PUBLIC_KEY_ID") != null) {
            config.wechatPayPublicKey(env.get("WECHAT_PUBLIC_KEY_ID"), file(env, "WECHAT_PUBLIC_KEY_FILE"));
        } else {
            config.platformCertificates();
        }
        // WeChat Pay insists on a notify URL even when nobody listens: polling still learns the payment.
        String notify = env.getOrDefault("NOTIFY_PUBLIC_URL", SimulatedWechat.NOTIFY_URL);
        config.notifyUrl(notify);
        return new RealSandbox("wechat", WechatPayProvider.create(config.build()), env.get("WECHAT_PAYMENT_CODE"),
                notify);
    }

    private static String required(Map<String, String> env, String variable) {
        String value = env.get(variable);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(variable + " must be set to use the real sandbox (unset every "
                    + variable.substring(0, variable.indexOf('_')) + "_* variable to use the embedded simulator)");
        }
        return value.strip();
    }

    private static String file(Map<String, String> env, String variable) {
        Path path = Path.of(required(env, variable));
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new IllegalArgumentException(variable + " must name a readable file, was " + path + ": " + e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean simulated() {
        return false;
    }

    @Override
    public PaymentProvider provider() {
        return provider;
    }

    @Override
    public String payerPaymentCode() {
        if (paymentCode != null) {
            return paymentCode.strip();
        }
        System.out.print("Open the " + name + " sandbox wallet, show the payment code and type its digits: ");
        System.out.flush();
        try {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException("a payment code is needed: set " + name.toUpperCase(java.util.Locale.ROOT)
                        + "_PAYMENT_CODE or type it");
            }
            return line.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String notifyUrl() {
        return notifyUrl;
    }

    @Override
    public void payerPays(String orderId) {
        System.out.println("Scan the QR code with the " + name + " sandbox wallet and pay (waiting up to "
                + patience().toMinutes() + " minutes)...");
    }

    @Override
    public String deliverNotification(String orderId, String localEndpoint) {
        // The real gateway posts to NOTIFY_PUBLIC_URL by itself once the payer has paid.
        return "";
    }

    @Override
    public Duration patience() {
        return Duration.ofMinutes(3);
    }

    @Override
    public void close() {
        // nothing to stop
    }

    @Override
    public String toString() {
        return "real " + name + " gateway (" + provider + ")";
    }
}
