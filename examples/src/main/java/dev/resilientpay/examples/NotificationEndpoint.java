package dev.resilientpay.examples;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import dev.resilientpay.PaymentClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A notification endpoint in a few lines of the JDK's own HTTP server, on a loopback port: it reads
 * the raw body (never a parsed and re-serialised one: that would no longer verify), hands headers and
 * body to {@code client.notifications().verify}, and answers exactly the reply the result carries,
 * which is what makes the gateway stop (or keep) redelivering. Verifying also records a payment it
 * proves, which wakes {@link PaymentClient#awaitPayment}.
 *
 * <p>In a web framework the handler is the same three steps: raw bytes in, verify, reply out.
 */
public final class NotificationEndpoint implements AutoCloseable {

    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final String path;
    private final List<NotificationResult> results = new CopyOnWriteArrayList<>();

    private NotificationEndpoint(HttpServer server, String path) {
        this.server = server;
        this.path = path;
    }

    /**
     * Starts an endpoint for {@code client} on a free loopback port, at {@code /notify/<provider>}.
     *
     * @throws UncheckedIOException if no port can be bound
     */
    public static NotificationEndpoint start(PaymentClient client) {
        String path = "/notify/" + client.providerName();
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            NotificationEndpoint endpoint = new NotificationEndpoint(server, path);
            server.createContext(path, exchange -> endpoint.handle(client, exchange));
            server.start();
            return endpoint;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a loopback port for notifications", e);
        }
    }

    private void handle(PaymentClient client, HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY + 1);
            }
            if (body.length > MAX_BODY) {
                exchange.sendResponseHeaders(413, -1);
                return;
            }
            // One value per header name; the verifier matches names case-insensitively.
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.get(0)));
            NotificationResult result = client.notifications().verify(headers, body);
            results.add(result);
            reply(exchange, result.reply());
        }
    }

    private static void reply(HttpExchange exchange, NotificationReply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The local URL the gateway (or a tunnel in front of it) posts to. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every verification result so far, oldest first. */
    public List<NotificationResult> results() {
        return List.copyOf(results);
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.stop(0);
    }
}
