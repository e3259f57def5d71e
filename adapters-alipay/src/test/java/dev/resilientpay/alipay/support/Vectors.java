package dev.resilientpay.alipay.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Named;

/** The golden vectors and keys under {@code src/test/resources/vectors}. */
public final class Vectors {

    private static final JsonNode ROOT = read();

    private Vectors() {}

    /** The app id the vectors were made for. */
    public static String appId() {
        return ROOT.path("appId").asText();
    }

    /** The cases of one array, each named by its {@code name}. */
    public static List<Named<JsonNode>> cases(String array) {
        List<Named<JsonNode>> out = new ArrayList<>();
        ROOT.path(array).forEach(c -> out.add(Named.of(c.path("name").asText(), c)));
        return out;
    }

    /** A key file's text by role: appPrivateKey, appPublicKey, gatewayPrivateKey, gatewayPublicKey. */
    public static String key(String role) {
        return resource("/vectors/" + ROOT.path("keys").path(role).asText());
    }

    /** A classpath resource as UTF-8 text. */
    public static String resource(String path) {
        try (InputStream in = Vectors.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper().readTree(resource("/vectors/alipay-vectors.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
