package dev.resilientpay;

import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One till, both wallets: holds one {@link PaymentClient} per provider and sends a payment-code
 * payment to the client of the wallet that issued the code ({@link PaymentCodes#providerOf}).
 * Everything else (refunds, queries, cancels, resolving, QR codes) names its provider explicitly
 * through {@link #client(String)}, since an order id alone does not say which wallet it was paid with.
 *
 * <pre>{@code
 * PaymentRouter till = PaymentRouter.of(alipayClient, wechatClient);
 * PaymentOutcome outcome = till.pay(PaymentRequest.builder()
 *         .orderId("TILL_0001")
 *         .amount(Money.of("23.50", "CNY"))
 *         .subject("Flat white")
 *         .method(new PaymentMethod.PaymentCode(scanned))   // either wallet's code
 *         .build());
 * till.client("wechat").refund(refundRequest);               // other calls: provider named
 * }</pre>
 *
 * <p>Immutable and thread-safe. It does not own the clients: close them yourself.
 */
public final class PaymentRouter {

    private final Map<String, PaymentClient> clients;

    private PaymentRouter(Map<String, PaymentClient> clients) {
        this.clients = clients;
    }

    /**
     * A router over {@code clients}, one per provider.
     *
     * @param clients the clients, e.g. one Alipay and one WeChat Pay
     * @return the router
     * @throws IllegalArgumentException if there is no client, one is null, or two have the same provider
     */
    public static PaymentRouter of(PaymentClient... clients) {
        if (clients == null) {
            throw new IllegalArgumentException("clients must not be null");
        }
        return of(Arrays.asList(clients));
    }

    /**
     * A router over {@code clients}, one per provider.
     *
     * @param clients the clients, e.g. one Alipay and one WeChat Pay
     * @return the router
     * @throws IllegalArgumentException if there is no client, one is null, or two have the same provider
     */
    public static PaymentRouter of(Collection<PaymentClient> clients) {
        if (clients == null || clients.isEmpty()) {
            throw new IllegalArgumentException("clients must hold at least one PaymentClient");
        }
        Map<String, PaymentClient> byProvider = new LinkedHashMap<>();
        for (PaymentClient client : clients) {
            if (client == null) {
                throw new IllegalArgumentException("clients must not contain null");
            }
            if (byProvider.putIfAbsent(client.providerName(), client) != null) {
                throw new IllegalArgumentException("clients must hold one client per provider: two for '"
                        + client.providerName() + "' (route several merchants with one router each)");
            }
        }
        return new PaymentRouter(Collections.unmodifiableMap(byProvider));
    }

    /**
     * Takes a payment-code payment through the client of the wallet that issued the code, with that
     * client's default policy. Nothing is sent when the code is of neither wallet or of a wallet this
     * router has no client for.
     *
     * @param request a request whose method is {@link PaymentMethod.PaymentCode}
     * @return the outcome, as {@link PaymentClient#pay(PaymentRequest)} returns it
     * @throws IllegalArgumentException if {@code request} is null, its method is not a payment code, the
     *                                  code has neither wallet's format, no client takes that wallet, or the
     *                                  provider's rules reject the request
     */
    public PaymentOutcome pay(PaymentRequest request) {
        return clientFor(request).pay(request);
    }

    /**
     * {@link #pay(PaymentRequest)} with {@code policy} instead of the client's default.
     *
     * @param request a request whose method is {@link PaymentMethod.PaymentCode}
     * @param policy  the policy of this payment
     * @return the outcome
     * @throws IllegalArgumentException as {@link #pay(PaymentRequest)}, or if {@code policy} is null
     */
    public PaymentOutcome pay(PaymentRequest request, OperationPolicy policy) {
        return clientFor(request).pay(request, policy);
    }

    /**
     * {@link #pay(PaymentRequest)} as {@link PaymentClient#payAsync(PaymentRequest)}: the code is routed
     * and the request validated before this method returns, the payment runs on the chosen client's
     * asynchronous executor.
     *
     * @param request a request whose method is {@link PaymentMethod.PaymentCode}
     * @return a future of the outcome
     * @throws IllegalArgumentException as {@link #pay(PaymentRequest)}
     */
    public java.util.concurrent.CompletableFuture<PaymentOutcome> payAsync(PaymentRequest request) {
        return clientFor(request).payAsync(request);
    }

    /**
     * The client that {@link #pay(PaymentRequest)} would use for {@code authCode}.
     *
     * @param authCode a scanned payment code
     * @return the client of the wallet that issued it
     * @throws IllegalArgumentException if the code has neither wallet's format or no client takes that wallet
     */
    public PaymentClient clientForCode(String authCode) {
        PaymentCodes.Wallet wallet = PaymentCodes.providerOf(authCode);
        PaymentClient client = clients.get(wallet.providerName());
        if (client == null) {
            throw new IllegalArgumentException("authCode is a " + wallet.providerName() + " payment code but this"
                    + " router has no " + wallet.providerName() + " client (it has " + clients.keySet() + ")");
        }
        return client;
    }

    /**
     * The client of {@code provider}, for every call other than a payment-code payment.
     *
     * @param provider provider name ({@code alipay}, {@code wechat})
     * @return its client
     * @throws IllegalArgumentException if the router has no client for {@code provider}
     */
    public PaymentClient client(String provider) {
        PaymentClient client = provider == null ? null : clients.get(provider);
        if (client == null) {
            throw new IllegalArgumentException("provider must be one of " + clients.keySet() + ", was "
                    + (provider == null ? "null" : "'" + provider + "'"));
        }
        return client;
    }

    /** {@return the providers this router has a client for} */
    public Set<String> providers() {
        return clients.keySet();
    }

    @Override
    public String toString() {
        return "PaymentRouter" + clients.keySet();
    }

    private PaymentClient clientFor(PaymentRequest request) {
        if (request == null) {
            throw new IllegalArgumentException("request must not be null");
        }
        if (!(request.method() instanceof PaymentMethod.PaymentCode code)) {
            throw new IllegalArgumentException("method must be PaymentCode to be routed by its code, was "
                    + request.method().getClass().getSimpleName() + ": use client(provider).pay(request)");
        }
        return clientForCode(code.authCode());
    }
}
