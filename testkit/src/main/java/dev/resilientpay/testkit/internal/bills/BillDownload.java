package dev.resilientpay.testkit.internal.bills;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.nio.charset.StandardCharsets;

/** The HTTP answer to a bill download, as both simulators serve it (unsigned, like the real ones). */
public final class BillDownload {

    private BillDownload() {}

    /** The response for what the desk served. */
    public static ResponseDefinition respond(BillDesk.Served served) {
        if (served instanceof BillDesk.Served.File file) {
            ResponseDefinitionBuilder builder = ResponseDefinitionBuilder.responseDefinition()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/octet-stream")
                    .withBody(file.bytes());
            if (file.truncated()) {
                // announce the whole file, send half: the client sees the connection end early
                builder.withHeader("Content-Length", Integer.toString(file.fullLength()));
            }
            return builder.build();
        }
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(404)
                .withHeader("Content-Type", "text/plain;charset=utf-8")
                .withBody("download URL expired or already used".getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
