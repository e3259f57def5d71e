package dev.resilientpay.testkit.alipay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.resilientpay.testkit.AlipaySimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A deliberately small, independent Alipay client for testing the simulator: signs with the JDK,
 * sends with {@link HttpClient} (HTTP/1.1, no retries), and finds the response node by counting braces.
 */
final class GatewayTestClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlipaySimulator simulator;
    private final PrivateKey appKey;
    private final PublicKey gatewayKey;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Duration timeout = Duration.ofSeconds(10);

    GatewayTestClient(AlipaySimulator simulator) {
        this(simulator, simulator.appPrivateKeyPem());
    }

    GatewayTestClient(AlipaySimulator simulator, String appPrivateKeyPem) {
        this.simulator = simulator;
        this.appKey = privateKey(appPrivateKeyPem);
        this.gatewayKey = publicKey(simulator.alipayPublicKeyPem());
    }

    GatewayTestClient timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** A signed call: common parameters in the query string, biz_content in the body. */
    Answer call(String method, String bizContent) {
        return call(method, bizContent, params -> { });
    }

    /** A call whose parameters {@code adjust} may change before signing. */
    Answer call(String method, String bizContent, Consumer<Map<String, String>> adjust) {
        Map<String, String> params = commonParameters(method);
        params.put("biz_content", bizContent);
        adjust.accept(params);
        params.put("sign", sign(params));
        String biz = params.remove("biz_content");
        return send(params, biz == null ? Map.of() : Map.of("biz_content", biz), method);
    }

    Map<String, String> commonParameters(String method) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("app_id", simulator.appId());
        params.put("method", method);
        params.put("format", "JSON");
        params.put("charset", "utf-8");
        params.put("sign_type", "RSA2");
        params.put("timestamp", "2026-01-15 10:00:00");
        params.put("version", "1.0");
        return params;
    }

    /** The Alipay string to sign, computed independently of the simulator. */
    static String stringToSign(Map<String, String> params, String... excluded) {
        TreeMap<String, String> sorted = new TreeMap<>(params);
        for (String name : excluded) {
            sorted.remove(name);
        }
        sorted.values().removeIf(v -> v == null || v.chars().allMatch(Character::isWhitespace));
        return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    String sign(Map<String, String> params) {
        return sign(appKey, stringToSign(params, "sign"));
    }

    static String sign(PrivateKey key, String content) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean verify(PublicKey key, String content, String sign) {
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initVerify(key);
            signature.update(content.getBytes(StandardCharsets.UTF_8));
            return signature.verify(Base64.getDecoder().decode(sign));
        } catch (Exception e) {
            return false;
        }
    }

    /** Sends already-built parameters: {@code query} in the URL, {@code body} as the form. */
    Answer send(Map<String, String> query, Map<String, String> body, String method) {
        String url = simulator.gatewayUrl() + (query.isEmpty() ? "" : "?" + form(query));
        HttpResponse<String> response = post(url, form(body));
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""),
                method.replace('.', '_') + "_response", gatewayKey);
    }

    HttpResponse<String> post(String url, String formBody) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(formBody, StandardCharsets.UTF_8)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String form(Map<String, String> params) {
        return params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    /** One gateway answer. */
    record Answer(int status, String body, String contentType, String nodeName, PublicKey gatewayKey) {

        /** The raw text of the response node, found by counting braces outside strings. */
        String rawNode() {
            String name = body.contains("\"" + nodeName + "\"") ? nodeName : "error_response";
            int start = body.indexOf('{', body.indexOf("\"" + name + "\":"));
            int depth = 0;
            boolean inString = false;
            for (int i = start; i < body.length(); i++) {
                char c = body.charAt(i);
                if (inString) {
                    if (c == '\\') {
                        i++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{') {
                    depth++;
                } else if (c == '}' && --depth == 0) {
                    return body.substring(start, i + 1);
                }
            }
            throw new IllegalStateException("unterminated node in " + body);
        }

        JsonNode node() {
            try {
                return JSON.readTree(rawNode());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String field(String name) {
            JsonNode value = node().get(name);
            return value == null ? null : value.asText();
        }

        String code() {
            return field("code");
        }

        String subCode() {
            return field("sub_code");
        }

        String sign() {
            try {
                JsonNode sign = JSON.readTree(body).get("sign");
                return sign == null ? null : sign.asText();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean signatureValid() {
            String sign = sign();
            return sign != null && verify(gatewayKey, rawNode(), sign);
        }
    }
}
