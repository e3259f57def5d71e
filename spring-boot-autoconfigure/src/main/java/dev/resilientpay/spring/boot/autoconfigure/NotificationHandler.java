package dev.resilientpay.spring.boot.autoconfigure;

import dev.resilientpay.NotificationReply;
import dev.resilientpay.NotificationResult;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * One merchant's notification endpoint: the raw body bytes (never a parsed and re-serialised form,
 * which would no longer verify) and the headers go to the client's verifier; an accepted
 * notification is published as a {@link PaymentNotificationEvent}; the answer is exactly the reply
 * the result carries — status, content type and body — since that is what tells the provider
 * whether to deliver again.
 */
final class NotificationHandler implements HandlerFunction<ServerResponse> {

    private static final Logger log = LoggerFactory.getLogger(NotificationHandler.class);

    private static final NotificationReply TOO_LARGE = new NotificationReply(413, "text/plain", "fail");

    private final Merchant merchant;
    private final int maxBody;
    private final ApplicationEventPublisher events;
    private final Object source;

    NotificationHandler(Merchant merchant, int maxBody, ApplicationEventPublisher events, Object source) {
        this.merchant = merchant;
        this.maxBody = maxBody;
        this.events = events;
        this.source = source;
    }

    @Override
    public ServerResponse handle(ServerRequest request) throws IOException {
        HttpServletRequest servlet = request.servletRequest();
        byte[] body;
        try (InputStream in = servlet.getInputStream()) {
            body = in.readNBytes(maxBody + 1);
        }
        if (body.length > maxBody) {
            log.warn("resilient-pay merchant {}: notification larger than {} bytes refused", merchant.name(), maxBody);
            return reply(TOO_LARGE);
        }
        NotificationResult result = merchant.client().notifications().verify(headers(servlet), body);
        if (result instanceof NotificationResult.Accepted accepted) {
            try {
                events.publishEvent(new PaymentNotificationEvent(source, merchant.name(), merchant.provider(),
                        accepted.notification(), accepted.duplicate()));
            } catch (RuntimeException e) {
                log.warn("resilient-pay merchant {}: a PaymentNotificationEvent listener failed for order {} ({});"
                        + " answering a failure so that the provider delivers again", merchant.name(),
                        accepted.notification().orderId(), e.toString());
                return reply(accepted.retryReply());
            }
        } else if (result instanceof NotificationResult.Rejected rejected) {
            // the adapter already logged the rejection at WARN
            log.debug("resilient-pay merchant {}: notification rejected: {} ({})", merchant.name(),
                    rejected.reason(), rejected.detail());
        }
        return reply(result.reply());
    }

    private static Map<String, String> headers(HttpServletRequest servlet) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Enumeration<String> names = servlet.getHeaderNames();
        while (names != null && names.hasMoreElements()) {
            String name = names.nextElement();
            headers.putIfAbsent(name, servlet.getHeader(name));
        }
        return headers;
    }

    private static ServerResponse reply(NotificationReply reply) {
        ServerResponse.BodyBuilder response = ServerResponse.status(reply.status());
        if (reply.body().isEmpty()) {
            return response.build();
        }
        if (reply.contentType() != null) {
            response.header(HttpHeaders.CONTENT_TYPE, reply.contentType());
        }
        // bytes, not a String: a String converter would add a charset the provider did not ask for
        return response.body(reply.body().getBytes(StandardCharsets.UTF_8));
    }
}
