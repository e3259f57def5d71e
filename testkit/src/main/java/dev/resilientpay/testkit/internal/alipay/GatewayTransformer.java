package dev.resilientpay.testkit.internal.alipay;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.resilientpay.testkit.Fault;
import dev.resilientpay.testkit.FaultPlan;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The WireMock extension that is the gateway: every request to the simulator passes through here
 * once. It asks the fault plan (by Alipay method) whether to misbehave, lets the gateway process the
 * request when the fault allows, records the request, and writes the response or the fault.
 */
public final class GatewayTransformer implements ResponseDefinitionTransformerV2 {

    /** The extension name the simulator's stub refers to. */
    public static final String NAME = "resilient-pay-alipay-gateway";

    private static final String GATEWAY_PATH = "/gateway.do";

    private final SimulatedGateway gateway;
    private final AnswerRenderer renderer;
    private final Supplier<FaultPlan> faults;
    private final RequestLog log;

    /** A transformer for {@code gateway}, breaking requests as the current plan says and recording them in {@code log}. */
    public GatewayTransformer(SimulatedGateway gateway, Supplier<FaultPlan> faults, RequestLog log) {
        this.gateway = gateway;
        this.renderer = new AnswerRenderer(gateway.settings().gatewayPrivateKey());
        this.faults = faults;
        this.log = log;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        Request http = serveEvent.getRequest();
        GatewayRequest request = GatewayRequest.parse(http.getMethod().getName(), http.getUrl(), http.getBody());
        if (BillMethods.DOWNLOAD_PATH.equals(request.path())) {
            return dev.resilientpay.testkit.internal.bills.BillDownload.respond(gateway.billDesk().serve(request.parameter("fileId")));
        }
        if (!GATEWAY_PATH.equals(request.path()) || !"POST".equals(request.httpMethod())) {
            log.record(request, gateway.orderOf(request), null, null);
            return plain(GATEWAY_PATH.equals(request.path()) ? 405 : 404, "the simulator serves POST " + GATEWAY_PATH);
        }
        Fault fault = faults.get().nextFor(request.method()).orElse(null);
        GatewayAnswer answer;
        if (fault instanceof Fault.SystemError systemError) {
            boolean processed = systemError.processed() && gateway.handle(request).processed();
            answer = gateway.systemError(request, processed);
            if (processed) {
                gateway.answerBroken(request);
            }
        } else if (fault != null && !fault.processesRequest()) {
            answer = null;
        } else {
            answer = gateway.handle(request);
            if (fault != null) {
                gateway.answerBroken(request);
            }
        }
        log.record(request, gateway.orderOf(request), fault, answer);
        return respond(answer, fault);
    }

    private ResponseDefinition respond(GatewayAnswer answer, Fault fault) {
        if (fault instanceof Fault.ConnectionReset || fault instanceof Fault.ResponseLost) {
            return ResponseDefinitionBuilder.responseDefinition()
                    .withFault(com.github.tomakehurst.wiremock.http.Fault.CONNECTION_RESET_BY_PEER).build();
        }
        if (fault instanceof Fault.HttpError error) {
            ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(error.status()).withBody(error.body() == null ? new byte[0]
                            : error.body().getBytes(StandardCharsets.UTF_8));
            if (error.contentType() != null) {
                builder.withHeader("Content-Type", error.contentType());
            }
            return builder.build();
        }
        if (fault instanceof Fault.RateLimited limited) {
            long seconds = (limited.retryAfter().toMillis() + 999) / 1000;
            return ResponseDefinitionBuilder.responseDefinition().withStatus(429)
                    .withHeader("Retry-After", Long.toString(seconds))
                    .withHeader("Content-Type", "text/plain;charset=utf-8")
                    .withBody("Too Many Requests".getBytes(StandardCharsets.UTF_8)).build();
        }
        String body;
        if (fault instanceof Fault.MalformedBody) {
            body = renderer.truncatedBody(answer);
        } else if (fault instanceof Fault.BadSignature) {
            body = renderer.bodyWithBrokenSignature(answer);
        } else {
            body = renderer.body(answer);
        }
        ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", gateway.settings().contentType())
                .withBody(body.getBytes(StandardCharsets.UTF_8));
        if (fault instanceof Fault.Delay delay) {
            builder.withFixedDelay((int) Math.min(Integer.MAX_VALUE, delay.delay().toMillis()));
        }
        return builder.build();
    }

    private static ResponseDefinition plain(int status, String text) {
        return ResponseDefinitionBuilder.responseDefinition().withStatus(status)
                .withHeader("Content-Type", "text/plain;charset=utf-8")
                .withBody(text.getBytes(StandardCharsets.UTF_8)).build();
    }
}
