package dev.resilientpay.testkit.internal.wechat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_256_GCM as WeChat Pay uses it for notification resources and certificate downloads:
 * key = the APIv3 key's UTF-8 bytes, nonce = the 12-character nonce's UTF-8 bytes, AAD = the
 * associated data, output = Base64(ciphertext followed by the 16-byte tag).
 */
public final class Aead {

    private static final int TAG_BITS = 128;

    private Aead() {}

    /** Encrypts {@code plaintext}; returns the Base64 ciphertext with its tag. */
    public static String encrypt(String apiV3Key, String nonce, String associatedData, String plaintext) {
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, apiV3Key, nonce, associatedData);
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM encryption failed", e);
        }
    }

    /** Decrypts a Base64 ciphertext with its tag; fails when the key, nonce, AAD or text do not match. */
    public static String decrypt(String apiV3Key, String nonce, String associatedData, String ciphertext)
            throws GeneralSecurityException {
        Cipher cipher = cipher(Cipher.DECRYPT_MODE, apiV3Key, nonce, associatedData);
        return new String(cipher.doFinal(Base64.getDecoder().decode(ciphertext)), StandardCharsets.UTF_8);
    }

    private static Cipher cipher(int mode, String apiV3Key, String nonce, String associatedData)
            throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, new SecretKeySpec(apiV3Key.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(TAG_BITS, nonce.getBytes(StandardCharsets.UTF_8)));
        if (associatedData != null && !associatedData.isEmpty()) {
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
        }
        return cipher;
    }
}
