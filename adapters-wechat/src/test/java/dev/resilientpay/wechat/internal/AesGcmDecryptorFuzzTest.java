package dev.resilientpay.wechat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.resilientpay.wechat.support.Vectors;
import dev.resilientpay.wechat.support.WechatSigning;

/**
 * Fuzz target for {@link AesGcmDecryptor}: any associated data, nonce and ciphertext decrypt to the
 * plaintext they were encrypted from, or fail as {@link DecryptionFailedException}; nothing else escapes.
 * Regression inputs: {@code src/test/resources/dev/resilientpay/wechat/internal/AesGcmDecryptorFuzzTestInputs/}.
 */
class AesGcmDecryptorFuzzTest {

    private static final AesGcmDecryptor DECRYPTOR = new AesGcmDecryptor(Vectors.API_V3_KEY);

    @FuzzTest(maxDuration = "10m")
    void decryptsOrFailsTyped(FuzzedDataProvider data) {
        boolean encryptedHere = data.consumeBoolean();
        String associatedData = data.consumeString(64);
        String nonce = data.consumeString(64);
        String text = data.consumeRemainingAsString();
        if (encryptedHere && !nonce.isEmpty()) {
            String ciphertext = WechatSigning.encrypt(Vectors.API_V3_KEY, nonce, associatedData, text);
            try {
                assertThat(DECRYPTOR.decrypt(associatedData, nonce, ciphertext)).isEqualTo(text);
            } catch (DecryptionFailedException e) {
                throw new AssertionError("a resource encrypted with the APIv3 key did not decrypt", e);
            }
            return;
        }
        try {
            DECRYPTOR.decrypt(associatedData, nonce, text);
        } catch (DecryptionFailedException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }
}
