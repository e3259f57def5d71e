package dev.resilientpay.alipay.support;

import dev.resilientpay.transport.GatewayHttp;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A {@link GatewayHttp} whose answers never touch a socket: an OkHttp application interceptor answers
 * every request with the status, headers and body set last. Fuzz targets use it to push tens of
 * thousands of gateway answers per minute through the adapter's real response handling.
 */
public final class InProcessAnswers {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

    private volatile int status = 200;
    private volatile Headers headers = Headers.of();
    private volatile byte[] body = new byte[0];
    private final AtomicInteger requests = new AtomicInteger();

    private final GatewayHttp http = GatewayHttp.using(new OkHttpClient.Builder()
            .addInterceptor(chain -> {
                requests.incrementAndGet();
                return new Response.Builder()
                        .request(chain.request())
                        .protocol(Protocol.HTTP_1_1)
                        .code(status)
                        .message("fuzz")
                        .headers(headers)
                        .body(ResponseBody.create(body, JSON))
                        .build();
            })
            .build(), GatewayHttp.DEFAULT_MAX_RESPONSE_BYTES);

    /** The transport to configure the provider with. */
    public GatewayHttp http() {
        return http;
    }

    /**
     * Every following request is answered with this.
     *
     * @param headers name/value pairs; a pair OkHttp refuses (a control character) is left out, as no
     *                HTTP parser would deliver it either
     */
    public void answer(int status, List<String[]> headers, byte[] body) {
        Headers.Builder h = new Headers.Builder();
        for (String[] pair : headers) {
            try {
                h.add(pair[0], pair[1]);
            } catch (IllegalArgumentException notAHeader) {
                // dropped: not representable on the wire
            }
        }
        this.status = status;
        this.headers = h.build();
        this.body = body;
    }

    /** How many requests reached the answering interceptor so far. */
    public int requests() {
        return requests.get();
    }
}
