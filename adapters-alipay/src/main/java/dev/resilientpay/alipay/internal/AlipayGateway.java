package dev.resilientpay.alipay.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resilientpay.Failure;
import dev.resilientpay.FailureReason;
import dev.resilientpay.spi.AttemptContext;
import dev.resilientpay.spi.RsaSha256;
import dev.resilientpay.transport.GatewayUrls;
import dev.resilientpay.transport.HttpOutcome;
import dev.resilientpay.transport.internal.LogSafe;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Alipay gateway as the operations use it: builds and signs the common parameters, sends one
 * request through the shared transport, verifies the answer and classifies every network and
 * verification fault. In certificate mode it also fetches, checks and caches Alipay certificates
 * it does not know yet.
 *
 * <p>Requests are sent the way the official SDK sends them, which is also what the vectors record:
 * {@code POST}, the common parameters (with {@code sign}) in the query string and {@code biz_content}
 * alone in the form body. Keeping order data out of the URL keeps it out of proxies' access logs.
 */
public final class AlipayGateway {

    /** The method that downloads an Alipay public certificate by its SN. */
    public static final String CERT_DOWNLOAD = "alipay.open.app.alipaycert.download";

    private static final Logger log = LoggerFactory.getLogger(AlipayGateway.class);
    private static final java.util.regex.Pattern CERT_SN = java.util.regex.Pattern.compile("[0-9a-f]{32}");
    private static final MediaType FORM = MediaType.get("application/x-www-form-urlencoded;charset=UTF-8");

    private final AlipaySettings settings;
    private final ConcurrentMap<String, RsaSha256.Verifier> downloaded = new ConcurrentHashMap<>();

    /** A gateway for {@code settings}. */
    public AlipayGateway(AlipaySettings settings) {
        this.settings = settings;
    }

    /** The settings. */
    public AlipaySettings settings() {
        return settings;
    }

    /** The current instant of the configured clock. */
    public Instant now() {
        return settings.clock().instant();
    }

    /**
     * The signed parameters of a request, in sending order, {@code sign} last.
     *
     * @param notifyUrl the notify URL, or {@code null} to send none
     * @param returnUrl the return URL (page/wap pay), or {@code null}
     */
    public Map<String, String> signedParams(String method, String bizContent, String notifyUrl, String returnUrl) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("app_id", settings.appId());
        p.put("method", method);
        p.put("format", "json");
        p.put("charset", "utf-8");
        p.put("sign_type", "RSA2");
        p.put("timestamp", AlipayRules.TIMESTAMP.format(now()));
        p.put("version", "1.0");
        putIfPresent(p, "app_auth_token", settings.appAuthToken());
        if (settings.certificates() != null) {
            p.put("app_cert_sn", settings.certificates().appCertSn());
            p.put("alipay_root_cert_sn", settings.certificates().rootCertSn());
        }
        putIfPresent(p, "notify_url", notifyUrl);
        putIfPresent(p, "return_url", returnUrl);
        p.put("biz_content", bizContent);
        p.put("sign", settings.signer().sign(p));
        return p;
    }

    /** A signed {@code GET} URL of the gateway (page and wap pay: the payer's browser opens it). */
    public String signedUrl(String method, String bizContent, String notifyUrl, String returnUrl) {
        String query = FormCodec.encode(signedParams(method, bizContent, notifyUrl, returnUrl));
        String base = settings.gatewayUrl().toString();
        return base + (settings.gatewayUrl().encodedQuery() == null ? "?" : "&") + query;
    }

    /** A signed order string for the Alipay app SDK (app pay). */
    public String orderString(String method, String bizContent, String notifyUrl) {
        return FormCodec.encode(signedParams(method, bizContent, notifyUrl, null));
    }

    /**
     * Sends one request and verifies the answer. Never throws for network or gateway faults.
     *
     * @param notifyUrl the notify URL, or {@code null}
     */
    public GatewayReply call(String method, String bizContent, String notifyUrl, AttemptContext context) {
        long started = System.nanoTime();
        Map<String, String> params = signedParams(method, bizContent, notifyUrl, null);
        log.debug("alipay {} attempt {} for {}: sending (timeout {} ms)", method, context.attempt(),
                context.idempotencyKey(), context.timeout().toMillis());
        HttpOutcome outcome = settings.http().execute(request(params), context.timeout());
        GatewayReply reply;
        if (outcome instanceof HttpOutcome.Received received) {
            reply = received(method, received, remaining(context, started));
        } else if (outcome instanceof HttpOutcome.Lost lost) {
            reply = new GatewayReply.Problem(false, Failure.of(
                    lost.timeout() ? FailureReason.TIMEOUT : FailureReason.NETWORK_ERROR,
                    "sent, answer lost: " + lost.reason()), null);
        } else {
            reply = new GatewayReply.Problem(true, Failure.of(FailureReason.NETWORK_ERROR,
                    "not sent: " + ((HttpOutcome.NotSent) outcome).reason()), null);
        }
        if (reply instanceof GatewayReply.Problem problem) {
            // Per attempt: DEBUG (the pipeline logs the call's outcome). An answer that fails
            // verification is a security event and stays visible at WARN.
            if (problem.failure().reason() == FailureReason.RESPONSE_SIGNATURE_INVALID) {
                log.warn("alipay {} attempt {} for {}: answer not trusted ({})", method, context.attempt(),
                        context.idempotencyKey(), problem.failure().providerMessage());
            } else {
                log.debug("alipay {} attempt {} for {}: {} ({})", method, context.attempt(), context.idempotencyKey(),
                        problem.notSent() ? "not sent" : "in doubt", problem.failure().providerMessage());
            }
        } else if (reply instanceof GatewayReply.Answer answer) {
            log.debug("alipay {} attempt {} for {}: code={} sub_code={}", method, context.attempt(),
                    context.idempotencyKey(), answer.code(), answer.text("sub_code"));
        }
        return reply;
    }

    /** The keys notifications may be signed with: the configured one and every downloaded one. */
    public List<RsaSha256.Verifier> trustedKeys() {
        List<RsaSha256.Verifier> keys = new ArrayList<>();
        keys.add(settings.alipayKey());
        keys.addAll(downloaded.values());
        return keys;
    }

    private GatewayReply received(String method, HttpOutcome.Received received, Duration budget) {
        int status = received.status();
        if (status == 429) {
            Duration retryAfter = GatewayUrls.retryAfter(received.header("Retry-After"),
                    ZonedDateTime.ofInstant(now(), AlipayRules.CHINA));
            return new GatewayReply.Problem(true, Failure.of(FailureReason.RATE_LIMITED, "HTTP 429"), retryAfter);
        }
        if (status >= 500) {
            return new GatewayReply.Problem(false, Failure.of(FailureReason.PROVIDER_UNAVAILABLE, "HTTP " + status), null);
        }
        if (!received.isSuccessful()) {
            return new GatewayReply.Problem(false, Failure.of(FailureReason.PROVIDER_ERROR, "HTTP " + status), null);
        }
        ResponseVerdict verdict = AlipayResponseVerifier.verify(method, received.bodyText(), sn -> keyFor(sn, budget));
        if (verdict instanceof ResponseVerdict.Trusted trusted) {
            return new GatewayReply.Answer(trusted.node(), trusted.signed());
        }
        ResponseVerdict.Untrusted untrusted = (ResponseVerdict.Untrusted) verdict;
        return new GatewayReply.Problem(false, Failure.of(untrusted.reason(), untrusted.detail()), null);
    }

    private RsaSha256.Verifier keyFor(String alipayCertSn, Duration budget) {
        AlipaySettings.CertificateMode certs = settings.certificates();
        if (certs == null || alipayCertSn == null || alipayCertSn.equals(certs.alipayCertSn())) {
            return settings.alipayKey();
        }
        RsaSha256.Verifier known = downloaded.get(alipayCertSn);
        if (known != null) {
            return known;
        }
        if (budget.isNegative() || budget.isZero() || !CERT_SN.matcher(alipayCertSn).matches()) {
            return null; // no time left, or not an SN at all (32 hex digits): nothing worth a download
        }
        RsaSha256.Verifier fetched = download(alipayCertSn, budget);
        if (fetched != null) {
            downloaded.putIfAbsent(alipayCertSn, fetched);
        }
        return fetched;
    }

    /**
     * Fetches the Alipay certificate {@code sn} and trusts it only if its SN matches, it is a signing
     * certificate with the configured Alipay certificate's subject, and it chains up to the configured
     * root (JDK PKIX): the root, not the download's own answer, is what makes it trustworthy, and the
     * subject is what makes it Alipay's: any other certificate under the same root (another company's,
     * an intermediate CA) is not a key Alipay answers with.
     */
    private RsaSha256.Verifier download(String requestedSn, Duration budget) {
        String sn = LogSafe.of(requestedSn); // named by an answer not verified yet: only ever logged capped

        ObjectNode biz = AlipayJson.MAPPER.createObjectNode().put("alipay_cert_sn", requestedSn);
        HttpOutcome outcome = settings.http().execute(request(signedParams(CERT_DOWNLOAD, biz.toString(), null, null)), budget);
        if (!(outcome instanceof HttpOutcome.Received received) || !received.isSuccessful()) {
            log.warn("alipay certificate {} could not be downloaded: {}", sn, outcome.getClass().getSimpleName());
            return null;
        }
        try {
            String body = received.bodyText();
            String node = AlipayResponseVerifier.nodeName(CERT_DOWNLOAD);
            JsonMembers.Member found = null;
            for (JsonMembers.Member m : JsonMembers.of(body)) {
                if (m.rawName().equals(node)) {
                    if (found != null) {
                        return null;
                    }
                    found = m;
                }
            }
            if (found == null) {
                return null;
            }
            JsonNode content = AlipayJson.MAPPER.readTree(found.rawValue(body));
            String cert = content.path("alipay_cert_content").asText("");
            if (!"10000".equals(content.path("code").asText()) || cert.isBlank()) {
                log.warn("alipay certificate {} download refused: code={}", sn, content.path("code").asText());
                return null;
            }
            String pem = cert.contains("BEGIN CERTIFICATE")
                    ? cert
                    : new String(Base64.getMimeDecoder().decode(cert), StandardCharsets.UTF_8);
            List<X509Certificate> chain = AlipayCertificates.readBundle("alipay_cert_content", pem);
            X509Certificate leaf = AlipayCertificates.leaf(chain);
            if (!requestedSn.equals(AlipayCertificates.sn(leaf))) {
                log.warn("alipay certificate download for {} returned another certificate", sn);
                return null;
            }
            if (!leaf.getSubjectX500Principal().equals(settings.certificates().alipaySubject())) {
                log.warn("alipay certificate {} is not issued to the configured Alipay certificate's subject", sn);
                return null;
            }
            if (!AlipayCertificates.isSigningCertificate(leaf)) {
                log.warn("alipay certificate {} is not a signing certificate (CA, or no digitalSignature usage)", sn);
                return null;
            }
            if (!AlipayCertificates.isTrusted(leaf, chain, settings.certificates().roots(), now())) {
                log.warn("alipay certificate {} does not chain up to the configured root", sn);
                return null;
            }
            log.info("alipay certificate {} downloaded, verified against the root and cached", sn);
            return RsaSha256.verifier(leaf.getPublicKey());
        } catch (Exception e) { // malformed JSON, Base64 or certificate: not trusted
            log.warn("alipay certificate {} download unreadable: {}", sn, e.getClass().getSimpleName());
            return null;
        }
    }

    private Request request(Map<String, String> params) {
        HttpUrl.Builder url = settings.gatewayUrl().newBuilder();
        String biz = null;
        for (Map.Entry<String, String> e : params.entrySet()) {
            if ("biz_content".equals(e.getKey())) {
                biz = e.getValue();
            } else {
                url.addEncodedQueryParameter(FormCodec.encode(e.getKey()), FormCodec.encode(e.getValue()));
            }
        }
        String form = biz == null ? "" : "biz_content=" + FormCodec.encode(biz);
        return new Request.Builder()
                .url(url.build())
                .header("Accept", "application/json")
                .post(RequestBody.create(form.getBytes(StandardCharsets.UTF_8), FORM))
                .build();
    }

    private static Duration remaining(AttemptContext context, long startedNanos) {
        return context.timeout().minusNanos(System.nanoTime() - startedNanos);
    }

    private static void putIfPresent(Map<String, String> p, String key, String value) {
        if (value != null && !value.isEmpty()) {
            p.put(key, value);
        }
    }

    @Override
    public String toString() {
        return "AlipayGateway[" + settings + "]";
    }
}
