package dev.resilientpay.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Sends one request to a payment gateway, once. The OkHttp client it uses never re-sends a request
 * by itself ({@code retryOnConnectionFailure(false)}, no redirects): every re-send is the pipeline's
 * decision. Each exchange is bounded by a call timeout and a response size cap, and reports whether
 * the request may have reached the gateway.
 *
 * <p>Share one {@code GatewayHttp} (or one {@link OkHttpClient}) between all merchants of a process:
 * they then share one connection pool and one dispatcher, and no thread is held per merchant.
 */
public final class GatewayHttp {

    /** The default response size cap: no gateway answer is anywhere near 1 MiB. */
    public static final int DEFAULT_MAX_RESPONSE_BYTES = 1 << 20;

    /**
     * Idle connections are closed after this long: below WeChat Pay's ~8 s keep-alive, so that a
     * pooled connection the gateway already closed is never used for a payment.
     */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(5);

    private final OkHttpClient client;
    private final int maxResponseBytes;

    private GatewayHttp(OkHttpClient client, int maxResponseBytes) {
        this.client = client;
        this.maxResponseBytes = maxResponseBytes;
    }

    /** A transport with its own connection pool and the default size cap. */
    public static GatewayHttp create() {
        return using(new OkHttpClient(), DEFAULT_MAX_RESPONSE_BYTES);
    }

    /**
     * A transport on {@code base}'s connection pool and dispatcher, with the settings a payment call
     * needs laid over it: no transport-level re-sends, no redirects, short keep-alive.
     *
     * @param base             the application's shared client (its event listener is replaced)
     * @param maxResponseBytes response size cap, 1 KiB to 16 MiB
     */
    public static GatewayHttp using(OkHttpClient base, int maxResponseBytes) {
        Objects.requireNonNull(base, "okHttpClient must not be null");
        if (maxResponseBytes < 1024 || maxResponseBytes > (16 << 20)) {
            throw new IllegalArgumentException("maxResponseBytes must be 1 KiB to 16 MiB, was " + maxResponseBytes);
        }
        OkHttpClient client = base.newBuilder()
                .retryOnConnectionFailure(false)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectionPool(new ConnectionPool(32, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS))
                .connectTimeout(Duration.ofSeconds(5))
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .dns(base.dns() instanceof BoundedDns ? base.dns() : new BoundedDns(base.dns()))
                .eventListenerFactory(call -> {
                    SendTracker tracker = call.request().tag(SendTracker.class);
                    return tracker != null ? tracker : EventListener.NONE;
                })
                .build();
        return new GatewayHttp(client, maxResponseBytes);
    }

    /**
     * Sends {@code request} once and waits at most {@code timeout} for the whole exchange, DNS lookup
     * included (OkHttp's call timeout does not cover a lookup in progress; {@link BoundedDns} does).
     * Never throws for network faults: they come back as {@link HttpOutcome.NotSent} or
     * {@link HttpOutcome.Lost}.
     */
    public HttpOutcome execute(Request request, Duration timeout) {
        SendTracker tracker = new SendTracker();
        Call call = client.newCall(request.newBuilder().tag(SendTracker.class, tracker).build());
        long millis = Math.max(1, timeout.toMillis());
        call.timeout().timeout(millis, TimeUnit.MILLISECONDS);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        try {
            return BoundedDns.withDeadline(deadline, () -> exchange(call));
        } catch (IOException e) {
            boolean timedOut = e instanceof SocketTimeoutException || e instanceof InterruptedIOException;
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            if (!tracker.requestStarted()) {
                return new HttpOutcome.NotSent(reason);
            }
            return new HttpOutcome.Lost(reason, timedOut);
        }
    }

    private HttpOutcome exchange(Call call) throws IOException {
        try (Response response = call.execute()) {
            ResponseBody body = response.body();
            byte[] bytes = body == null ? new byte[0] : readCapped(body);
            if (bytes == null) {
                return new HttpOutcome.Lost("response larger than " + maxResponseBytes + " bytes", false);
            }
            return new HttpOutcome.Received(response.code(), response.headers(), bytes);
        }
    }

    /** The underlying client, e.g. for building a second transport with another cap. */
    public OkHttpClient okHttpClient() {
        return client;
    }

    private byte[] readCapped(ResponseBody body) throws IOException {
        if (body.contentLength() > maxResponseBytes) {
            return null;
        }
        BufferedSource source = body.source();
        if (source.request(maxResponseBytes + 1L)) {
            return null;
        }
        return source.readByteArray();
    }

    /** Remembers whether OkHttp began writing the request, which is when it may reach the gateway. */
    private static final class SendTracker extends EventListener {
        private volatile boolean started;

        @Override
        public void requestHeadersStart(Call call) {
            started = true;
        }

        boolean requestStarted() {
            return started;
        }
    }
}
