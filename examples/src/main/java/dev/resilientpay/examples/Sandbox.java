package dev.resilientpay.examples;

import dev.resilientpay.spi.PaymentProvider;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Where an example's payments go, and who plays the payer: an embedded simulator of the gateway by
 * default, or a real sandbox when its environment variables are set.
 *
 * <table>
 *   <caption>Environment variables of the real sandboxes (all optional; the simulator is used without them)</caption>
 *   <tr><th>variable</th><th>meaning</th></tr>
 *   <tr><td>{@code ALIPAY_APP_ID}</td><td>sandbox app id; setting it selects the Alipay sandbox</td></tr>
 *   <tr><td>{@code ALIPAY_PRIVATE_KEY_FILE}</td><td>the app private key (PKCS#8 PEM or bare Base64)</td></tr>
 *   <tr><td>{@code ALIPAY_PUBLIC_KEY_FILE}</td><td>the Alipay public key shown next to the app</td></tr>
 *   <tr><td>{@code ALIPAY_GATEWAY}</td><td>gateway URL; default the sandbox gateway</td></tr>
 *   <tr><td>{@code ALIPAY_PAYMENT_CODE}</td><td>the sandbox wallet's payment code (else asked on the terminal)</td></tr>
 *   <tr><td>{@code WECHAT_MCH_ID}</td><td>merchant id; setting it selects WeChat Pay</td></tr>
 *   <tr><td>{@code WECHAT_APP_ID}</td><td>the app id bound to the merchant</td></tr>
 *   <tr><td>{@code WECHAT_PRIVATE_KEY_FILE}</td><td>{@code apiclient_key.pem}</td></tr>
 *   <tr><td>{@code WECHAT_SERIAL_NO}</td><td>the merchant API certificate serial number</td></tr>
 *   <tr><td>{@code WECHAT_APIV3_KEY_FILE}</td><td>a file holding the 32-character APIv3 key</td></tr>
 *   <tr><td>{@code WECHAT_PUBLIC_KEY_ID}, {@code WECHAT_PUBLIC_KEY_FILE}</td>
 *       <td>the WeChat Pay public key; without them platform certificates are downloaded</td></tr>
 *   <tr><td>{@code WECHAT_HOST}</td><td>API host; default {@code https://api.mch.weixin.qq.com}</td></tr>
 *   <tr><td>{@code WECHAT_PAYMENT_CODE}</td><td>a payment code from the WeChat app (else asked on the terminal)</td></tr>
 *   <tr><td>{@code NOTIFY_PUBLIC_URL}</td><td>a public HTTPS URL forwarded to the examples' local notification
 *       endpoint (a tunnel); without it notifications cannot reach the example, and it learns the
 *       payment by polling instead</td></tr>
 * </table>
 */
public interface Sandbox extends AutoCloseable {

    /** {@code alipay} or {@code wechat}. */
    String name();

    /** Whether this is an embedded simulator (rather than a real sandbox). */
    boolean simulated();

    /** The provider adapter to build a client with. */
    PaymentProvider provider();

    /** The payment code the payer shows at the till (a simulator makes one whose payer pays at once). */
    String payerPaymentCode();

    /**
     * The notify URL to give the gateway with an order: a real gateway needs a public HTTPS URL
     * ({@code NOTIFY_PUBLIC_URL}); a simulator is told the local endpoint when it delivers.
     */
    String notifyUrl();

    /** The payer scans the order's QR code and pays (a simulator does it at once; a person does it in the sandbox). */
    void payerPays(String orderId);

    /**
     * The gateway posts the order's notification to {@code localEndpoint} (a simulator does it now;
     * a real gateway posts to {@link #notifyUrl()} by itself).
     *
     * @return what the endpoint answered, as the gateway saw it, or the empty string for a real gateway
     */
    String deliverNotification(String orderId, String localEndpoint);

    /** How long to wait for a payer: seconds for a simulator, minutes for a person. */
    Duration patience();

    /** A fresh merchant order id with {@code prefix}, short enough for both gateways (at most 32 characters). */
    static String newOrderId(String prefix) {
        // milliseconds (8 base-36 digits until the year 2059) and 4 random base-36 digits
        return prefix + Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT)
                + Integer.toString(java.util.concurrent.ThreadLocalRandom.current().nextInt(46_656, 1_679_616), 36)
                        .toUpperCase(Locale.ROOT);
    }

    /**
     * The providers an example's command line names ({@code alipay}, {@code wechat}); both when it
     * names none.
     */
    static java.util.List<String> chosen(String[] args) {
        return args == null || args.length == 0 ? java.util.List.of("alipay", "wechat") : java.util.List.of(args);
    }

    /** The Alipay sandbox if {@code ALIPAY_APP_ID} is set, else a simulator. */
    static Sandbox alipay() {
        return of("alipay", System.getenv());
    }

    /** The WeChat Pay sandbox if {@code WECHAT_MCH_ID} is set, else a simulator. */
    static Sandbox wechat() {
        return of("wechat", System.getenv());
    }

    /**
     * The sandbox of {@code provider} ({@code alipay} or {@code wechat}) configured from {@code env}, or
     * its simulator when the provider's variables are absent.
     *
     * @throws IllegalArgumentException for an unknown provider, or a variable that is set but unusable
     */
    static Sandbox of(String provider, Map<String, String> env) {
        return switch (provider) {
            case "alipay" -> env.get("ALIPAY_APP_ID") != null ? RealSandbox.alipay(env) : new SimulatedAlipay();
            case "wechat" -> env.get("WECHAT_MCH_ID") != null ? RealSandbox.wechat(env) : new SimulatedWechat();
            default -> throw new IllegalArgumentException("provider must be alipay or wechat, was '" + provider + "'");
        };
    }

    /** Stops the simulator, if any. */
    @Override
    void close();
}
