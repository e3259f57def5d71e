package dev.resilientpay.wechat.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.List;

/**
 * The WeChat Pay API v3 wire format: one Jackson record per JSON object, snake_case names, unknown
 * fields ignored (WeChat adds fields without notice), {@code null} fields left out of requests.
 */
public final class WechatJson {

    /** The one mapper: configured once, thread-safe. */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private WechatJson() {}

    /** The JSON bytes of a request body. */
    public static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    /** Parses {@code body}; throws {@link IOException} when it is not the expected JSON. */
    public static <T> T read(byte[] body, Class<T> type) throws IOException {
        T value = MAPPER.readValue(body, type);
        if (value == null) {
            throw new IOException("empty JSON");
        }
        return value;
    }

    /** An amount in fen ({@code total}, {@code refund}, {@code payer_total}) with its currency. */
    public record Amount(
            @JsonProperty("total") Long total,
            @JsonProperty("refund") Long refund,
            @JsonProperty("payer_total") Long payerTotal,
            @JsonProperty("currency") String currency) {}

    /** The payer: {@code openid} (JSAPI) or {@code auth_code} (payment code). */
    public record Payer(@JsonProperty("openid") String openid, @JsonProperty("auth_code") String authCode) {}

    /** H5 scene: {@code type} is {@code Wap}. */
    public record H5Info(@JsonProperty("type") String type) {}

    /** A store, identified by the merchant's own id. */
    public record StoreInfo(@JsonProperty("out_id") String outId) {}

    /** Where the payment happens. */
    public record SceneInfo(
            @JsonProperty("payer_client_ip") String payerClientIp,
            @JsonProperty("h5_info") H5Info h5Info,
            @JsonProperty("store_info") StoreInfo storeInfo) {}

    /** Native/JSAPI/APP/H5 prepay and codepay request body. */
    public record PayBody(
            @JsonProperty("appid") String appid,
            @JsonProperty("mchid") String mchid,
            @JsonProperty("description") String description,
            @JsonProperty("out_trade_no") String outTradeNo,
            @JsonProperty("time_expire") String timeExpire,
            @JsonProperty("attach") String attach,
            @JsonProperty("notify_url") String notifyUrl,
            @JsonProperty("amount") Amount amount,
            @JsonProperty("payer") Payer payer,
            @JsonProperty("scene_info") SceneInfo sceneInfo) {}

    /** Reverse request body. */
    public record ReverseBody(@JsonProperty("appid") String appid, @JsonProperty("mchid") String mchid) {}

    /** Close request body. */
    public record CloseBody(@JsonProperty("mchid") String mchid) {}

    /** Refund request body. */
    public record RefundBody(
            @JsonProperty("out_trade_no") String outTradeNo,
            @JsonProperty("out_refund_no") String outRefundNo,
            @JsonProperty("reason") String reason,
            @JsonProperty("notify_url") String notifyUrl,
            @JsonProperty("amount") RefundAmount amount) {}

    /** Refund amounts: refund, order total, currency. */
    public record RefundAmount(
            @JsonProperty("refund") long refund,
            @JsonProperty("total") long total,
            @JsonProperty("currency") String currency) {}

    /** Prepay answers: one of the three fields is set. */
    public record PrepayAnswer(
            @JsonProperty("code_url") String codeUrl,
            @JsonProperty("prepay_id") String prepayId,
            @JsonProperty("h5_url") String h5Url,
            @JsonProperty("trade_state") String tradeState) {}

    /** A transaction (query answer, codepay answer, notification resource). */
    public record Transaction(
            @JsonProperty("appid") String appid,
            @JsonProperty("mchid") String mchid,
            @JsonProperty("out_trade_no") String outTradeNo,
            @JsonProperty("transaction_id") String transactionId,
            @JsonProperty("trade_type") String tradeType,
            @JsonProperty("trade_state") String tradeState,
            @JsonProperty("trade_state_desc") String tradeStateDesc,
            @JsonProperty("success_time") String successTime,
            @JsonProperty("attach") String attach,
            @JsonProperty("amount") Amount amount) {}

    /** A refund (refund answer and query: {@code status}; notification resource: {@code refund_status}). */
    public record Refund(
            @JsonProperty("mchid") String mchid,
            @JsonProperty("out_trade_no") String outTradeNo,
            @JsonProperty("out_refund_no") String outRefundNo,
            @JsonProperty("refund_id") String refundId,
            @JsonProperty("transaction_id") String transactionId,
            @JsonProperty("status") String status,
            @JsonProperty("refund_status") String refundStatus,
            @JsonProperty("success_time") String successTime,
            @JsonProperty("amount") Amount amount) {}

    /** An error answer: {@code code}, {@code message} and the optional {@code detail} object. */
    public record ErrorBody(
            @JsonProperty("code") String code,
            @JsonProperty("message") String message,
            @JsonProperty("detail") JsonNode detail) {}

    /** An encrypted resource (notification {@code resource}, certificate {@code encrypt_certificate}). */
    public record EncryptedResource(
            @JsonProperty("algorithm") String algorithm,
            @JsonProperty("original_type") String originalType,
            @JsonProperty("nonce") String nonce,
            @JsonProperty("associated_data") String associatedData,
            @JsonProperty("ciphertext") String ciphertext) {}

    /** A notification envelope. */
    public record Envelope(
            @JsonProperty("id") String id,
            @JsonProperty("create_time") String createTime,
            @JsonProperty("event_type") String eventType,
            @JsonProperty("resource_type") String resourceType,
            @JsonProperty("summary") String summary,
            @JsonProperty("resource") EncryptedResource resource) {}

    /** The {@code GET /v3/certificates} answer. */
    public record Certificates(@JsonProperty("data") List<CertificateEntry> data) {}

    /** One downloaded platform certificate, encrypted with the APIv3 key. */
    public record CertificateEntry(
            @JsonProperty("serial_no") String serialNo,
            @JsonProperty("effective_time") String effectiveTime,
            @JsonProperty("expire_time") String expireTime,
            @JsonProperty("encrypt_certificate") EncryptedResource encryptCertificate) {}
}
