package dev.resilientpay.wechat.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_256_GCM as WeChat Pay uses it for notification resources and downloaded platform
 * certificates: key = the APIv3 key's UTF-8 bytes, nonce = the UTF-8 bytes of {@code nonce}, AAD =
 * {@code associated_data} (possibly empty), input = Base64(ciphertext ‖ 16-byte tag).
 */
public final class AesGcmDecryptor {

    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;

    /** A decryptor for {@code apiV3Key}, which must be 32 bytes of UTF-8. */
    public AesGcmDecryptor(String apiV3Key) {
        byte[] bytes = apiV3Key.getBytes(StandardCharsets.UTF_8);
        if (bytes.length != 32) {
            throw new IllegalArgumentException("apiV3Key must be exactly 32 bytes (UTF-8), was " + bytes.length);
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /**
     * Decrypts and authenticates one resource.
     *
     * @throws DecryptionFailedException when the text is not Base64, the nonce is unusable, or the tag
     *                                   does not match (wrong APIv3 key, tampered text or AAD)
     */
    public String decrypt(String associatedData, String nonce, String ciphertextBase64)
            throws DecryptionFailedException {
        if (nonce == null || nonce.isEmpty() || ciphertextBase64 == null) {
            throw new DecryptionFailedException("nonce or ciphertext missing");
        }
        byte[] input;
        try {
            input = Base64.getDecoder().decode(ciphertextBase64.strip());
        } catch (IllegalArgumentException e) {
            throw new DecryptionFailedException("ciphertext is not Base64");
        }
        if (input.length < TAG_BITS / 8) {
            throw new DecryptionFailedException("ciphertext shorter than the GCM tag");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
            if (associatedData != null && !associatedData.isEmpty()) {
                cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            }
            return new String(cipher.doFinal(input), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // The JDK's messages hold no key material, but the class name is enough to diagnose.
            throw new DecryptionFailedException("authentication failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public String toString() {
        return "AesGcmDecryptor[key=***]";
    }
}
