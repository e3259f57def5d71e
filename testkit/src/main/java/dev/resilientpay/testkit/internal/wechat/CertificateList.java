package dev.resilientpay.testkit.internal.wechat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.resilientpay.testkit.internal.crypto.Pem;
import java.util.List;

/**
 * The body of {@code GET /v3/certificates}: every served certificate, its PEM encrypted with the
 * APIv3 key (AEAD_AES_256_GCM, associated data {@code certificate}).
 */
final class CertificateList {

    private CertificateList() {}

    static ObjectNode of(List<SigningKey> certificates, String apiV3Key) {
        ObjectNode body = Json.object();
        ArrayNode data = body.putArray("data");
        for (SigningKey key : certificates) {
            String nonce = Randomness.alphanumeric(12);
            ObjectNode entry = data.addObject();
            entry.put("serial_no", key.id());
            entry.put("effective_time", Times.rfc3339(key.certificate().getNotBefore().toInstant()));
            entry.put("expire_time", Times.rfc3339(key.certificate().getNotAfter().toInstant()));
            ObjectNode encrypted = entry.putObject("encrypt_certificate");
            encrypted.put("algorithm", "AEAD_AES_256_GCM");
            encrypted.put("nonce", nonce);
            encrypted.put("associated_data", "certificate");
            encrypted.put("ciphertext", Aead.encrypt(apiV3Key, nonce, "certificate", Pem.of(key.certificate())));
        }
        return body;
    }
}
